import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { databaseTestFiles } from './src/test/database-files.js';
import InterleavingSequencer from './src/test/sequencer.js';

// The integration suite runs on embedded PGlite, and a second time on the PostgreSQL server of
// DATABASE_URL when it is set (CI always sets it). Browser tests run once, on PGlite.
const POSTGRESQL_ONLY = ['src/core/cli/processes.test.ts', 'src/core/cli/proxy.test.ts'];
/**
 * The second run, on PostgreSQL, is for the files whose code reads WSIS_TEST_DB (through
 * src/test/db.ts: createTestDatabase, createTestKit), found by following their imports
 * (src/test/database-files.ts), so a new test file that opens a test database is never missed;
 * a file that loads nothing reading it (pure functions, catalogs, import rules) would run the
 * same code again. Plus the files that are about the PostgreSQL server itself.
 */
const ON_POSTGRESQL = process.env.DATABASE_URL
  ? [...databaseTestFiles(fileURLToPath(new URL('.', import.meta.url))), ...POSTGRESQL_ONLY, 'src/test/faults/postgresql-*.test.ts']
  : [];
/**
 * The unit and route files of one worker share their loaded modules (isolate: false): each file
 * otherwise loads the whole platform again (its routes, views, i18n catalogs), which took about a
 * third of a file's time (measured: 8 route files, import 285 s → 98 s summed over files). What
 * a module keeps in memory is therefore per database handle or per app, never per process alone
 * (consultations/results/cache.ts). The browser files keep their own (they start a platform each).
 * `--expose-gc`: a test that measures memory (core/exports/xlsx.test.ts) collects the garbage of
 * the files before it first, so what it measures is its own.
 */
const unit = {
  include: ['src/**/*.test.{ts,tsx}'],
  globalSetup: ['src/test/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  isolate: false,
  execArgv: ['--expose-gc'],
};

/**
 * Test files running at once, all projects together (one pool: the browser files run beside the
 * others, not after them). Vitest's default is one less than the cores, a single worker on the
 * 2-core CI machine; the files mostly wait (on PostgreSQL, on Chromium, on child processes), so
 * one more than the cores. WSIS_TEST_WORKERS sets it (e.g. 1 to run one file at a time).
 */
const WORKERS = Number(process.env.WSIS_TEST_WORKERS) || availableParallelism() + 1;

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    sequence: { sequencer: InterleavingSequencer },
    projects: [
      // Several `wsis serve` processes (and nginx in front of them), and the PostgreSQL restart test
      // (a PostgreSQL server of its own), need a PostgreSQL server.
      { test: { ...unit, name: 'pglite', env: { WSIS_TEST_DB: 'pglite' }, exclude: [...POSTGRESQL_ONLY, 'src/test/faults/postgresql-*.test.ts', '**/node_modules/**'] } },
      // The CLI child-process and `wsis serve` tests are about the embedded database: PGlite only.
      ...(process.env.DATABASE_URL
        ? [
            {
              test: {
                ...unit,
                include: ON_POSTGRESQL,
                name: 'postgresql',
                env: { WSIS_TEST_DB: 'postgresql' },
                exclude: [
                  'src/core/cli/cli.test.ts',
                  'src/core/cli/serve.test.ts',
                  'src/core/cli/backup-signals.test.ts',
                  'src/core/cli/data-lock.test.ts',
                  'src/modules/stocktaking/import/cli.test.ts',
                  'src/test/faults/embedded-*.test.ts',
                  '**/node_modules/**',
                ],
              },
            },
          ]
        : []),
      // Real Chromium (Debian's /usr/bin/chromium) against the platform started in-process: see e2e/README.md.
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.spec.ts'],
          env: { WSIS_TEST_DB: 'pglite' },
          globalSetup: ['src/test/global-setup.ts', 'e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          // A file's platform and Chromium start in its beforeAll: on a 2-core machine also running
          // other test files (and PostgreSQL), that took more than 120 s once (2026-12-07).
          hookTimeout: 300_000,
          // Pages of one accessibility shard are checked a few at a time (it.concurrent).
          maxConcurrency: 3,
        },
      },
    ],
  },
});
