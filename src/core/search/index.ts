/** Full-text search shared by the modules: language analysis (analysis.ts) and tsquery building (query.ts). */
export * from './analysis.js';
export * from './query.js';
