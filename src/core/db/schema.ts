/** Every table of the platform, for Drizzle and drizzle-kit. Each module owns its own tables.ts. */
export * from '../audit/tables.js';
export * from '../auth/tables.js';
export * from '../mail/tables.js';
export * from '../../modules/accounts/tables.js';
export * from '../../modules/reference/tables.js';
export * from '../../modules/stocktaking/tables.js';
export * from '../../modules/prizes/tables.js';
