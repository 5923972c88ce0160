import { defineAbilities, hasRole, type MaybeActor } from '../../../core/permissions/index.js';

/** Who may do what in the expert selection. Anything not listed is denied. */
export const selectionAbilities = defineAbilities('prizes', {
  // Prize managers assign experts (accounts an administrator gave the expert role) to categories.
  'selection.assign': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
  // … and remove them (their scores of undecided categories go with them: see README).
  'selection.remove': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
  // Experts score the shortlist of the categories they are assigned to (checked by the command).
  'selection.score': (actor: MaybeActor) => hasRole(actor, 'expert'),
  // Prize managers see the ranking and confirm one winner per category.
  'result.confirm': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
});
