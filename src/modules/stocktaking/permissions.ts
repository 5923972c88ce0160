import { defineAbilities } from '../../core/permissions/index.js';

/** Who may do what with Stocktaking entries. Anything not listed is denied. */
export const stocktakingAbilities = defineAbilities('stocktaking', {});
