/**
 * One database handle for the whole platform. PGlite (embedded, in a worker thread) by default;
 * a PostgreSQL server when DATABASE_URL is set. Both are reached through the same `pg` driver
 * and the same Drizzle schema, so every query and migration is one code path.
 */
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { createPglitePool, PgliteWorkerHandle } from './pglite-pool.js';

// No schema is given to Drizzle: queries name their tables (no relational `db.query.*` API), so the
// client needs no module's tables; the whole schema is composed in src/platform-schema.ts.
export type Db = NodePgDatabase;
/** A transaction handle: same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What queries accept: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  kind: DatabaseKind;
  db: Db;
  pool: pg.Pool;
  /** The PGlite worker, when embedded (for physical backups). */
  pglite?: PgliteWorkerHandle;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres://… ; when absent, the embedded database in `dataDir` is used. */
  url?: string;
  /** Folder of the embedded database, or `memory://` for a throw-away one. */
  dataDir?: string;
  poolSize?: number;
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Opens the database; does not migrate (see migrateDatabase). */
export const openDatabase = async ({ url, dataDir, poolSize }: OpenDatabaseOptions): Promise<Database> => {
  if (url) {
    const parsed = new URL(url);
    const pool = new pg.Pool({
      connectionString: url,
      // pg falls back to the OS user when the URL names none; be explicit.
      user: decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres',
      max: poolSize ?? 10,
    });
    pool.on('error', () => undefined); // an idle client's lost connection is replaced on demand
    await pool.query('select 1');
    return { kind: 'postgresql', db: drizzle(pool, { casing: 'snake_case' }), pool, close: () => pool.end() };
  }
  const handle = new PgliteWorkerHandle(dataDir ?? 'memory://');
  await handle.waitReady;
  const pool = createPglitePool(handle);
  return {
    kind: 'pglite',
    db: drizzle(pool, { casing: 'snake_case' }),
    pool,
    pglite: handle,
    close: async () => {
      await pool.end();
      await handle.close();
    },
  };
};

/** Applies every pending migration (idempotent); returns the name of the latest one. */
export const migrateDatabase = async (database: Database): Promise<string> => {
  await database.pool.query('create extension if not exists pg_trgm');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  return currentMigration(database);
};

/** The tag of the newest applied migration, or 'none'. */
export const currentMigration = async (database: Database): Promise<string> => {
  try {
    const { rows } = await database.pool.query<{ created_at: string; hash: string }>('select created_at, hash from drizzle.__drizzle_migrations order by created_at desc limit 1');
    const row = rows[0];
    if (!row) return 'none';
    return migrationTagFor(Number(row.created_at)) ?? row.hash.slice(0, 12);
  } catch {
    return 'none';
  }
};

import { readFileSync } from 'node:fs';
const migrationTagFor = (when: number): string | undefined => {
  try {
    const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
      entries: { when: number; tag: string }[];
    };
    return journal.entries.find((e) => e.when === when)?.tag;
  } catch {
    return undefined;
  }
};
