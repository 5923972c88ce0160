/**
 * A SIGTERM during `wsis import entries` (a real child process): the import is one transaction,
 * so the signal leaves the old state (not one entry of the file) with a message that says so and
 * how to resume (run the same command again), and the second run imports every row once. On the
 * embedded database in a data folder (pglite project) and on PostgreSQL (postgresql project).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../../app.js';
import { seedReference } from '../../../core/cli/startup.js';
import { migrateDatabase, openDatabase } from '../../../core/db/client.js';
import { testDatabaseKind } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';

const ROWS = 1200;
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wsis-import-sigterm-'));
let dropDatabase = async () => {};
afterAll(async () => {
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
});

/** The target database: a data folder, or a new database on the PostgreSQL server of DATABASE_URL. */
const prepareTarget = async () => {
  if (testDatabaseKind() === 'pglite') return { env: { DATABASE_URL: '' }, dataDir: join(dir, 'db') };
  const server = new URL(process.env.DATABASE_URL as string);
  const name = `wsis_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.toString(), user: decodeURIComponent(server.username) || 'postgres' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  // The server's own database, captured before the URL is pointed at the new one below.
  const adminUrl = server.toString();
  dropDatabase = async () => {
    const a = new pg.Client({ connectionString: adminUrl, user: decodeURIComponent(server.username) || 'postgres' });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
  server.pathname = `/${name}`;
  return { env: { DATABASE_URL: server.toString() }, url: server.toString() };
};

const runImport = (file: string, target: { env: Record<string, string>; dataDir?: string }, { onStderr }: { onStderr?: (text: string, child: ChildProcess) => void } = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'import', 'entries', file, '--as', 'moderator@example.org', ...(target.dataDir ? ['--data', target.dataDir] : [])],
      {
        cwd: root,
        env: { ...process.env, ...target.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, child);
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe(`SIGTERM during wsis import entries (${testDatabaseKind() === 'postgresql' ? 'PostgreSQL' : 'PGlite in a data folder'})`, () => {
  it('leaves the old state, says so, and a second run imports every row once', { timeout: 300_000 }, async () => {
    const target = await prepareTarget();
    const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
    await migrateDatabase(database);
    await seedReference(database, MODULES);
    await buildUser(database.db, { email: 'moderator@example.org', roles: ['moderator'] });
    const entriesNow = async (db: typeof database) => Number((await db.pool.query<{ n: string }>('select count(*) as n from stocktaking_entries')).rows[0]?.n);
    const before = await entriesNow(database);
    await database.close();

    const file = join(dir, 'entries.csv');
    const header = 'original_language,title_en,summary_en,stakeholder_type,lead_country,scope,action_lines,status';
    const rows = Array.from({ length: ROWS }, (_, i) => `en,Imported line ${i + 1},Courses in public libraries number ${i + 1}.,government,FR,national,C4,ongoing`);
    writeFileSync(file, `${header}\r\n${rows.join('\r\n')}\r\n`);

    // First run: SIGTERM once the entries are being written (the first batch is in the transaction).
    const interrupted = await runImport(file, target, {
      onStderr: (text, child) => {
        if (text.includes('writing the entries in one transaction') && child.signalCode === null && !child.killed) child.kill('SIGTERM');
      },
    });
    expect(interrupted.stderr).toContain('SIGTERM received: stopping the import…');
    expect(interrupted.stderr).toContain('wsis: import interrupted (SIGTERM): nothing was imported; run the same command again to import the file');
    expect(interrupted.stderr).not.toMatch(/\n\s+at /);
    expect(interrupted.stdout).toBe('');
    expect(interrupted.code).toBe(1);

    // The old state: not one entry of the file.
    const after = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
    expect(await entriesNow(after)).toBe(before);
    await after.close();

    // The same command again: every row imported, once.
    const second = await runImport(file, target);
    expect(second.stdout).toMatch(new RegExp(`^Imported ${ROWS} of ${ROWS} rows`));
    expect(second.code).toBe(0);
    const last = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
    expect(await entriesNow(last)).toBe(before + ROWS);
    const titles = await last.pool.query<{ n: string; distinct: string }>(
      "select count(*) as n, count(distinct title->>'en') as distinct from stocktaking_entries where title->>'en' like 'Imported line %'",
    );
    expect(titles.rows[0]).toEqual({ n: String(ROWS), distinct: String(ROWS) });
    await last.close();
  });
});
