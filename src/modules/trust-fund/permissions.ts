import { defineAbilities, hasRole, type MaybeActor } from '../../core/permissions/index.js';

/** Who may do what with the WSIS Trust Fund. Anything not listed is denied; the public pages and the public ledger need nothing. */
export const trustFundAbilities = defineAbilities('trust-fund', {
  // The treasurer records donors, pledges, exchange rates, receipts, programme support costs, allocations, expenditures and reversals.
  'ledger.post': (actor: MaybeActor) => hasRole(actor, 'treasurer'),
  // Allocating beyond the available funds, with a reason (audited): administrators only.
  'ledger.override': (actor: MaybeActor) => hasRole(actor, 'admin'),
});
