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
import { checkDataFolder } from './data-folder.js';
import { createPglitePool, PgliteWorkerHandle } from './pglite-pool.js';
import { keepsNamedStatements } from './statement.js';

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
  /**
   * PostgreSQL: a statement running longer than this is cancelled (SQLSTATE 57014, answered 503),
   * so that a stalled database cannot hold a request forever. None by default (CLI commands).
   */
  statementTimeoutMs?: number;
  /**
   * A `memory://` PGlite database that starts as a copy of this archive (from dumpDataDir()) instead
   * of an empty cluster: the tests' migrated snapshot (src/test/db.ts), a few times faster to open.
   */
  initialDump?: Uint8Array;
};

/**
 * PostgreSQL: how long a request waits for a connection (a new one, or a free one of the pool)
 * before it is answered 503: while the server restarts, no request waits past this.
 */
export const CONNECTION_TIMEOUT_MS = 3000;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/**
 * Opens the database; does not migrate (see migrateDatabase). An embedded data folder is locked
 * first: a folder another process holds is refused with DataFolderInUseError, naming it.
 */
export const openDatabase = async ({ url, dataDir, poolSize, borrow = false, statementTimeoutMs, initialDump }: OpenDatabaseOptions): Promise<Database> => {
  if (url) {
    const parsed = new URL(url);
    const pool = new pg.Pool({
      connectionString: url,
      // pg falls back to the OS user when the URL names none; be explicit.
      user: decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres',
      max: poolSize ?? 10,
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      // A server that vanished without closing the connection (a cut network) is noticed.
      keepAlive: true,
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
      // PostgreSQL's JIT compiles any statement estimated above jit_above_cost (20–100 ms of LLVM
      // work per run, never kept): on short statements whose estimate is high (a notification's
      // recipients, a search over 100,000 entries) it cost more than the statement. Off for the
      // platform's sessions unless the URL sets its own `options`.
      ...(parsed.searchParams.has('options') ? {} : { options: '-c jit=off' }),
    });
    // An idle client's lost connection (a restarted server) is dropped by the pool and replaced on
    // demand; a client in use reports it to its query, which is answered 503.
    pool.on('error', () => undefined);
    // A client checked out (a transaction between two statements) whose connection dies emits
    // 'error' with no listener of the pool's: without this one, the process would crash. Its next
    // query fails instead ("not queryable", answered 503) and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', () => undefined));
    // Each connection keeps its own named statements (core/db/statement.ts).
    keepsNamedStatements(pool);
    try {
      await pool.query('select 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(
        `cannot reach the PostgreSQL server at ${parsed.hostname}:${parsed.port || '5432'} (${describeConnectionError(error)}); check that it is running and that DATABASE_URL is right`,
      );
    }
    return { kind: 'postgresql', db: drizzle(pool, { casing: 'snake_case' }), pool, close: () => pool.end() };
  }
  const folder = dataDir ?? 'memory://';
  // A folder that cannot be written, or a disk nearly full, is refused with its cause before anything else.
  if (!folder.startsWith('memory://')) checkDataFolder(folder);
  let dataLock: DataFolderLock | undefined;
  try {
    dataLock = folder.startsWith('memory://') ? undefined : lockDataFolder(folder);
  } catch (error) {
    const holder = error instanceof DataFolderInUseError ? error.holder : undefined;
    const pool = borrow && holder?.command === 'wsis serve' ? await borrowDatabase(folder) : undefined;
    if (!pool) throw error;
    return { kind: 'pglite', db: drizzle(pool, { casing: 'snake_case' }), pool, borrowedFrom: holder, close: () => pool.end() };
  }
  if (initialDump && !folder.startsWith('memory://')) throw new Error('initialDump is only for a memory:// database');
  const handle = new PgliteWorkerHandle(folder, initialDump);
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

/** The cause of a failed connection, in one line: the server's message or the system's code. */
const describeConnectionError = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === '57P03') return 'the server is starting up or shutting down';
  return message && code && !message.includes(code) ? `${code}: ${message}` : (message ?? String(error));
};

/** Applies every pending migration (idempotent); returns the name of the latest one. */
export const migrateDatabase = async (database: Database): Promise<string> => {
  const client = await database.pool.connect();
  try {
    // Migrations may rewrite large tables: no statement timeout for them (reset after).
    if (database.kind === 'postgresql') await client.query('set statement_timeout = 0');
    await client.query('create extension if not exists pg_trgm');
    await migrate(drizzle(client, { casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
    if (database.kind === 'postgresql') await client.query('reset statement_timeout');
    client.release();
  } catch (error) {
    // A connection in an unknown state (a failed migration, a lost server) is not reused.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
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
