/**
 * Every table of the platform: the core's, then each module's tables.ts. drizzle-kit reads this
 * file (drizzle.config.ts) to generate migrations, and `wsis backup`/`restore` receive it from
 * src/cli.ts. Kept apart from src/platform-modules.ts so that drizzle-kit loads tables only.
 */
export * from './core/db/schema.js';
export * from './modules/accounts/tables.js';
export * from './modules/reference/tables.js';
export * from './modules/stocktaking/tables.js';
export * from './modules/prizes/tables.js';
export * from './modules/consultations/tables.js';
export * from './modules/meetings/tables.js';
export * from './modules/calendar/tables.js';
export * from './modules/roadmaps/tables.js';
export * from './modules/trust-fund/tables.js';
export * from './modules/reports/tables.js';
