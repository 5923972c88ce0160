/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on
 * the PostgreSQL server of DATABASE_URL when the suite runs as the `postgresql` project.
 *
 * Migrating is done once per set of migrations, not once per database (see docs/ARCHITECTURE.md,
 * "Tests"): PGlite databases start from a migrated snapshot (dumpDataDir, kept in the temporary
 * folder under a hash of drizzle/ and of PGlite's version), which also spares PGlite's initdb;
 * PostgreSQL databases are cloned from a migrated template database (CREATE DATABASE … TEMPLATE).
 * Each database is then migrated again (nothing left to apply: a check) and seeded as before.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { MODULES } from '../platform-modules.js';
import { type Database, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../core/db/client.js';
import { seedReference } from '../core/cli/startup.js';

export const testDatabaseKind = (): 'pglite' | 'postgresql' => (process.env.WSIS_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite');

const serverUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('WSIS_TEST_DB=postgresql needs DATABASE_URL');
  return url;
};

const adminClient = async () => {
  const url = new URL(serverUrl());
  const client = new pg.Client({ connectionString: url.toString(), user: decodeURIComponent(url.username) || 'postgres' });
  await client.connect();
  return client;
};

const databaseUrl = (name: string) => {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/** A hash of the migrations (every file of drizzle/, journal included) and of what runs them. */
const migrationsKey = (() => {
  let key: string | undefined;
  return () => {
    if (key) return key;
    const hash = createHash('sha256');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of files(MIGRATIONS_FOLDER).sort()) hash.update(file.slice(MIGRATIONS_FOLDER.length)).update(readFileSync(file));
    const pglite = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
    hash.update(existsSync(pglite) ? readFileSync(pglite) : 'pglite');
    key = hash.digest('hex').slice(0, 16);
    return key;
  };
})();

/** Where the migrated PGlite snapshot of the current migrations is kept. */
export const pgliteSnapshotPath = () => join(tmpdir(), `wsis-test-pglite-${migrationsKey()}.tar.gz`);

let snapshot: Uint8Array | undefined;

/**
 * The migrated PGlite snapshot: read from the temporary folder, or made (once per set of
 * migrations: the browser and pglite projects' globalSetup makes it before the first test file).
 */
export const pgliteSnapshot = async (): Promise<Uint8Array> => {
  if (snapshot) return snapshot;
  const path = pgliteSnapshotPath();
  if (!existsSync(path)) {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(fresh);
      const dump = await fresh.pglite?.dumpDataDir();
      if (!dump?.length) throw new Error('PGlite gave no dump of the migrated database');
      // Written aside, then renamed: a file of that name is always whole (two processes may race).
      const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, dump);
      renameSync(partial, path);
    } finally {
      await fresh.close();
    }
  }
  snapshot = new Uint8Array(readFileSync(path));
  return snapshot;
};

/** The migrated template database of the current migrations on the PostgreSQL server. */
export const postgresqlTemplateName = () => `wsis_template_${migrationsKey()}`;

/**
 * Makes the template database unless it exists: built under a temporary name, then renamed, under
 * an advisory lock (several test processes start at once); connections to it are then refused,
 * as CREATE DATABASE … TEMPLATE needs a template nobody is connected to.
 */
export const ensurePostgresqlTemplate = async (): Promise<string> => {
  const name = postgresqlTemplateName();
  const admin = await adminClient();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${building}`);
      try {
        const database = await openDatabase({ url: databaseUrl(building), poolSize: 1 });
        try {
          await migrateDatabase(database);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
        await admin.query(`alter database ${name} with allow_connections false is_template true`);
      } finally {
        await admin.query(`drop database if exists ${building} with (force)`);
      }
    }
    return name;
  } finally {
    await admin.end();
  }
};

/** `url`: on PostgreSQL, the test database's address (to open a second pool on it, a second process). */
export type TestDatabase = Database & { drop: () => Promise<void>; url?: string };

export const createTestDatabase = async ({ seed = true }: { seed?: boolean } = {}): Promise<TestDatabase> => {
  let database: Database;
  let dropServerDatabase = async () => {};
  let url: string | undefined;
  if (testDatabaseKind() === 'postgresql') {
    const template = await ensurePostgresqlTemplate();
    const name = `wsis_test_${randomBytes(6).toString('hex')}`;
    const admin = await adminClient();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    url = databaseUrl(name);
    database = await openDatabase({ url, poolSize: 5 });
    dropServerDatabase = async () => {
      const a = await adminClient();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://', initialDump: await pgliteSnapshot() });
  }
  // Nothing to apply after the snapshot or the template: this checks that they are up to date.
  await migrateDatabase(database);
  if (seed) await seedReference(database, MODULES);
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      await dropServerDatabase();
    },
  };
};
