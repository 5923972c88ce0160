/**
 * One database handle for the whole platform. PGlite (embedded, in a worker thread) by default;
 * a PostgreSQL server when DATABASE_URL is set. Both are reached through the same `pg` driver
 * and the same Drizzle schema, so every query and migration is one code path.
 */
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type DataFolderLock, DataFolderInUseError, type LockHolder, lockDataFolder } from './data-lock.js';
import { borrowDatabase } from './lend.js';
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
  /** The lock of the embedded data folder (none for memory:// and PostgreSQL); see data-lock.ts. */
  dataLock?: DataFolderLock;
  /** The running server whose embedded database this process uses through its socket (lend.ts). */
  borrowedFrom?: LockHolder;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres://… ; when absent, the embedded database in `dataDir` is used. */
  url?: string;
  /** Folder of the embedded database, or `memory://` for a throw-away one. */
  dataDir?: string;
  poolSize?: number;
  /** When a running `wsis serve` holds the folder, use the database it lends instead of refusing (commands). */
  borrow?: boolean;
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/**
 * Opens the database; does not migrate (see migrateDatabase). An embedded data folder is locked
 * first: a folder another process holds is refused with DataFolderInUseError, naming it.
 */
export const openDatabase = async ({ url, dataDir, poolSize, borrow = false }: OpenDatabaseOptions): Promise<Database> => {
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
  const folder = dataDir ?? 'memory://';
  let dataLock: DataFolderLock | undefined;
  try {
    dataLock = folder.startsWith('memory://') ? undefined : lockDataFolder(folder);
  } catch (error) {
    const holder = error instanceof DataFolderInUseError ? error.holder : undefined;
    const pool = borrow && holder?.command === 'wsis serve' ? await borrowDatabase(folder) : undefined;
    if (!pool) throw error;
    return { kind: 'pglite', db: drizzle(pool, { casing: 'snake_case' }), pool, borrowedFrom: holder, close: () => pool.end() };
  }
  const handle = new PgliteWorkerHandle(folder);
  try {
    await handle.waitReady;
  } catch (error) {
    await handle.worker.terminate();
    dataLock?.release();
    throw error;
  }
  const pool = createPglitePool(handle);
  return {
    kind: 'pglite',
    db: drizzle(pool, { casing: 'snake_case' }),
    pool,
    pglite: handle,
    dataLock,
    close: async () => {
      try {
        await pool.end();
        await handle.close();
      } finally {
        dataLock?.release();
      }
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
