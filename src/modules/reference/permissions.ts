import { defineAbilities, hasRole } from '../../core/permissions/index.js';

/**
 * Reference data is public to read (no ability needed). Changing the WSIS–SDG matrix is for
 * administrators only. Anything not listed here is denied.
 */
export const referenceAbilities = defineAbilities('reference', {
  'matrix.edit': (actor) => hasRole(actor, 'admin'),
});
