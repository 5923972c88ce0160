import { defineAbilities, hasRole, type MaybeActor } from '../../core/permissions/index.js';

/**
 * Who may do what with the roadmaps, focal points and tasks. Anything not listed is denied.
 * Editing one line's roadmap needs more than a role: a focal point edits the lines they serve
 * (`servingLines`, read from roadmaps_focal_points by the route and passed as the subject).
 */
export type RoadmapSubject = { actionLine: string; servingLines: readonly string[] };

/** A task's subject: its line, the actor's serving lines and the task's owner. */
export type TaskSubject = RoadmapSubject & { ownerUserId: number | null };

export const roadmapsAbilities = defineAbilities('roadmaps', {
  // The secretariat creates roadmaps, appoints and ends focal points, records a presentation and makes a version current.
  'roadmap.manage': (actor: MaybeActor) => hasRole(actor, 'secretariat'),
  // Editing a roadmap's draft and its tasks: the secretariat, or a focal point serving on that line.
  'roadmap.edit': (actor: MaybeActor, subject?: unknown) => {
    if (hasRole(actor, 'secretariat')) return true;
    const s = subject as RoadmapSubject | undefined;
    return hasRole(actor, 'focal-point') && !!s && s.servingLines.includes(s.actionLine);
  },
  // A progress update of a task: its owner, a focal point serving on its line, or the secretariat.
  'task.update': (actor: MaybeActor, subject?: unknown) => {
    if (hasRole(actor, 'secretariat')) return true;
    const s = subject as TaskSubject | undefined;
    if (!s || !actor) return false;
    return (s.ownerUserId !== null && s.ownerUserId === actor.id) || (hasRole(actor, 'focal-point') && s.servingLines.includes(s.actionLine));
  },
});
