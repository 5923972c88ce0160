import { defineAbilities, isSignedIn, type MaybeActor } from '../../../core/permissions/index.js';

/** Who may do what with their own nominations. Anything not listed is denied. */
export const nominationAbilities = defineAbilities('prizes', {
  // A submitter withdraws their own nomination (the command checks whose it is and until when).
  'nomination.withdraw': (actor: MaybeActor) => isSignedIn(actor),
});
