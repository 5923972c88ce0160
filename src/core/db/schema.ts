/** The core's own tables. The platform's whole schema (with every module's tables.ts) is composed in src/platform-schema.ts. */
export * from '../audit/tables.js';
export * from '../auth/tables.js';
export * from '../mail/tables.js';
export * from '../notifications/tables.js';
export * from '../storage/tables.js';
export * from '../jobs/tables.js';
