import { defineAbilities, hasRole, isSignedIn, isVerified, type MaybeActor } from '../../core/permissions/index.js';

/** Who may do what with consultations. Anything not listed is denied. Audience rules are in audience.ts. */
export const consultationsAbilities = defineAbilities('consultations', {
  // The secretariat (consultation managers, administrators) creates, edits, opens, closes and publishes.
  'consultation.manage': (actor: MaybeActor) => hasRole(actor, 'consultation-manager'),
  // Analysts read every answer (unpublished too), code free text, group campaigns, export, freeze the synthesis.
  'consultation.analyse': (actor: MaybeActor) => hasRole(actor, 'consultation-manager'),
  // Signed-in people with a verified address answer (the consultation's audience is checked too).
  'answer.write': (actor: MaybeActor) => isVerified(actor),
  // Reading one's own answers and drafts.
  'answer.read_own': (actor: MaybeActor) => isSignedIn(actor),
});
