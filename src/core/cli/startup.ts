/**
 * What `wsis serve` does before listening: open and migrate the database, load reference data,
 * and on the very first start create the administrator and (unless --no-demo) the demo content.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileStore, LocalFileStore } from '../storage/files.js';
import { mkdirSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { recordAction } from '../audit/record.js';
import { hashPassword } from '../auth/passwords.js';
import { userRoles, users } from '../auth/tables.js';
import { newSecret } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';
import type { PlatformModule } from '../module.js';

/**
 * `borrow`: a command may use the embedded database a running server lends (core/db/lend.ts).
 * `statementTimeoutMs`: PostgreSQL cancels a statement running longer (the server's bound).
 */
export const openConfiguredDatabase = async (config: Config, { borrow = false, statementTimeoutMs }: { borrow?: boolean; statementTimeoutMs?: number } = {}): Promise<Database> => {
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, borrow, statementTimeoutMs });
};

/**
 * The server's statement timeout on PostgreSQL: a page or a vote never waits on one statement
 * longer (the slowest page, a search at 100,000 entries, takes 1-3 s on a cold cache).
 */
export const SERVE_STATEMENT_TIMEOUT_MS = 15_000;

/** Loads every module's reference data (idempotent). */
export const seedReference = async (database: Database, modules: PlatformModule[]) => {
  for (const m of modules) if (m.seed) await m.seed(database.db);
};

export type FirstStart = { adminEmail: string; adminPassword: string } | null;

/** On an empty database: creates the administrator and the demo content; returns the credentials once. */
export const initializeIfEmpty = async (
  database: Database,
  modules: PlatformModule[],
  // The demo's files (documents' language versions) go to the platform's file store; tests that give none use the temporary folder's.
  { demo, files = new LocalFileStore(join(tmpdir(), 'wsis-files')) }: { demo: boolean; files?: FileStore },
): Promise<FirstStart> => {
  const [row] = await database.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  const adminEmail = 'admin@wsis.localhost';
  const adminPassword = newSecret().slice(0, 20);
  await database.db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(users)
      .values({ email: adminEmail, name: 'Administrator', passwordHash: await hashPassword(adminPassword), emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    if (!admin) throw new Error('administrator not created');
    await tx.insert(userRoles).values({ userId: admin.id, role: 'admin' });
    await recordAction(tx, {
      actor: null,
      action: 'accounts.user.create',
      subjectType: 'user',
      subjectId: admin.id,
      after: { email: adminEmail, roles: ['admin'], via: 'first start' },
    });
  });
  if (demo) for (const m of modules) if (m.demo) await m.demo(database.db, { files, modules });
  return { adminEmail, adminPassword };
};

/** The key of the advisory lock held while a process migrates, seeds and initializes ('wsis' + 1). */
const STARTUP_LOCK = 0x77736973_01;

/**
 * Runs `work` holding the platform's start-up lock (a PostgreSQL advisory lock on a connection of
 * its own): processes started together (`--workers`, or several `wsis serve` behind a proxy)
 * migrate, load the reference data and create the administrator one after another, so the first
 * does the work and the others find it done. PGlite admits one process: no lock is needed.
 */
export const withStartupLock = async <T>(database: Database, work: () => Promise<T>): Promise<T> => {
  if (database.kind !== 'postgresql') return work();
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    client.release();
  }
};

/** Opens and migrates the database, loads reference data and, on an empty database, creates the administrator (once across processes). */
export const prepareDatabase = async (config: Config, modules: PlatformModule[], { demo }: { demo: boolean }) => {
  const database = await openConfiguredDatabase(config, { statementTimeoutMs: SERVE_STATEMENT_TIMEOUT_MS });
  try {
    const first = await withStartupLock(database, async () => {
      await migrateDatabase(database);
      await seedReference(database, modules);
      return initializeIfEmpty(database, modules, { demo, files: new LocalFileStore(config.filesDir) });
    });
    return { database, first };
  } catch (error) {
    await database.close();
    throw error;
  }
};
