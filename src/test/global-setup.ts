// vitest globalSetup of the pglite, postgresql and browser projects: migrates once, before any test
// file, what every test database then starts from (src/test/db.ts): the PGlite snapshot, or the
// PostgreSQL template database.
import type { TestProject } from 'vitest/node';
import { ensurePostgresqlTemplate, pgliteSnapshot } from './db.js';

export default async function setup(project: TestProject) {
  if (project.config.env.WSIS_TEST_DB === 'postgresql') await ensurePostgresqlTemplate();
  else await pgliteSnapshot();
}
