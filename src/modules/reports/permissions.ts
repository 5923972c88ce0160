import { defineAbilities, hasRole, type MaybeActor } from '../../core/permissions/index.js';

/**
 * Who may do what with the reports. Anything not listed is denied. The secretariat writes the
 * templates and the reports and answers comments; CWG members read reports in review and comment
 * on their paragraphs; anyone reads the published (final) reports.
 */
export const reportsAbilities = defineAbilities('reports', {
  // Templates, reports, narratives, state changes, builds, answers to comments.
  manage: (actor: MaybeActor) => hasRole(actor, 'secretariat'),
  // Reading a report in review and commenting on its paragraphs.
  comment: (actor: MaybeActor) => hasRole(actor, 'secretariat') || hasRole(actor, 'cwg-member'),
});
