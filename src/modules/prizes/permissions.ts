import { defineAbilities, hasRole, isVerified, type MaybeActor } from '../../core/permissions/index.js';

/** Who may do what with the WSIS Prizes. Anything not listed is denied. */
export const prizesAbilities = defineAbilities('prizes', {
  // Prize managers run editions: dates, rules, categories, questions, decisions on nominations.
  'edition.manage': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
  // Contributors with a verified address nominate their own published entries.
  'nomination.create': (actor: MaybeActor) => isVerified(actor),
  'nomination.decide': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
  // Signed-in users with a verified address vote (suspended accounts are not signed in).
  'vote.cast': (actor: MaybeActor) => isVerified(actor),
  // Fraud signals and invalidation of votes.
  'vote.review': (actor: MaybeActor) => hasRole(actor, 'prize-manager'),
});
