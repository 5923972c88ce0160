/**
 * `wsis backup` and `wsis restore` as an operator runs them, in a child process on an embedded
 * database big enough to take a moment: stopped by SIGTERM half way, given a damaged file or the
 * backup of another migration. What is left afterwards is either the old state or the new one.
 */
import * as schema from '../../platform-schema.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../app.js';
import { type FilledDatabase, fillEveryTable } from '../../test/every-table.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { LocalFileStore } from '../storage/files.js';
import { backupTables } from './backup.js';
import { latestMigrationTag } from './common.js';
import { seedReference } from './startup.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wsis-backup-signals-'));
const data = join(dir, 'db');
const full = join(dir, 'full.jsonl.gz');
/** The file store `wsis` uses beside --data (WSIS_FILES_DIR unset: `files` beside the database's folder). */
const filesDir = join(dir, 'files');
let filled: FilledDatabase;
/** Rows of the audit log added to the filled database, so that a backup or a restore takes seconds. */
const BULK_ROWS = 50_000;

type Run = { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/** Starts `wsis …` as an operator would (stdin closed, no DATABASE_URL: the embedded database of --data). */
const startWsis = (args: string[]): Run => {
  const { DATABASE_URL: _url, WSIS_DATA_DIR: _dir, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, done };
};

const waitFor = async (what: string, ready: () => boolean, run: Run) => {
  while (!ready()) {
    if (run.child.exitCode !== null) throw new Error(`wsis ended before ${what}: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Every row of every table as sorted JSON text, read from the data folder (no process holds it). */
const contentsOf = async () => {
  const database = await openDatabase({ dataDir: data });
  try {
    await database.pool.query(`set time zone 'UTC'`);
    const tables: Record<string, string[]> = {};
    for (const t of backupTables(schema)) {
      const { rows } = await database.pool.query<{ j: string }>(`select row_to_json(t)::text as j from ${t.sqlName} t`);
      tables[t.name] = rows.map((r) => r.j).sort();
    }
    return tables;
  } finally {
    await database.close();
  }
};

let before: Record<string, string[]>;

beforeAll(async () => {
  const database = await openDatabase({ dataDir: data });
  try {
    await migrateDatabase(database);
    await seedReference(database, MODULES);
    filled = await fillEveryTable(database, { files: new LocalFileStore(filesDir) });
    await database.pool.query(
      `insert into core_audit_log (action, subject_type, subject_id, after, at)
       select 'test.bulk', 'thing', g::text, jsonb_build_object('n', g), now() from generate_series(1, ${BULK_ROWS}) g`,
    );
  } finally {
    await database.close();
  }
  const backup = startWsis(['backup', full, '--data', data]);
  expect(await backup.done, backup.stderr()).toEqual({ code: 0, signal: null });
  before = await contentsOf();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wsis backup stopped by SIGTERM', () => {
  it('writes no file, not even a partial one, and says so', { timeout: 300_000 }, async () => {
    const file = join(dir, 'stopped.jsonl.gz');
    const run = startWsis(['backup', file, '--data', data]);
    // Killed while it writes (the file being written has a temporary name).
    await waitFor('writing', () => readdirSync(dir).some((f) => f.startsWith('stopped.jsonl.gz.partial-')), run);
    run.child.kill('SIGTERM');
    expect(await run.done).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain('wsis: backup interrupted by SIGTERM; no backup was written');
    expect(readdirSync(dir).filter((f) => f.startsWith('stopped'))).toEqual([]);
  });
});

describe('wsis restore', () => {
  it('stopped by SIGTERM half way leaves the database as it was', { timeout: 300_000 }, async () => {
    const run = startWsis(['restore', full, '--yes', '--data', data]);
    await waitFor('restoring', () => run.stderr().includes('Restoring'), run);
    run.child.kill('SIGTERM');
    expect(await run.done).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain('wsis: restore interrupted by SIGTERM; nothing was changed');
    expect(await contentsOf()).toEqual(before);
  });

  it('of a damaged file says which line of which table and changes nothing', { timeout: 300_000 }, async () => {
    const lines = gunzipSync(readFileSync(full)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '') as { tables: string[]; rows: Record<string, number> };
    const at = 1 + header.tables.slice(0, header.tables.indexOf('stocktaking_entries')).reduce((n, t) => n + (header.rows[t] ?? 0), 0) + 1;
    lines[at] = `${(lines[at] ?? '').slice(0, 30)}`;
    const damaged = join(dir, 'damaged.jsonl.gz');
    writeFileSync(damaged, gzipSync(lines.join('\n')));
    const run = startWsis(['restore', damaged, '--yes', '--data', data]);
    expect(await run.done).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      new RegExp(
        `wsis: the database refused the backup's rows \\(table stocktaking_entries, line ${at + 1} of the file\\): invalid input syntax for type json.*; nothing was changed`,
      ),
    );
    expect(await contentsOf()).toEqual(before);
  });

  it('of a backup made at another migration is refused before anything is touched', { timeout: 300_000 }, async () => {
    const lines = gunzipSync(readFileSync(full)).toString('utf8').split('\n');
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0] ?? ''), migration: '0010_drop_unused_entry_columns' });
    const older = join(dir, 'older.jsonl.gz');
    writeFileSync(older, gzipSync(lines.join('\n')));
    const run = startWsis(['restore', older, '--yes', '--data', data]);
    expect(await run.done).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain(
      `wsis: the backup was made at migration 0010_drop_unused_entry_columns but this version of wsis is at ${latestMigrationTag()}; restore it with the version of wsis that made it`,
    );
    expect(await contentsOf()).toEqual(before);
  });

  it('of the whole backup gives the same rows back, and the files into an empty files folder', { timeout: 300_000 }, async () => {
    rmSync(filesDir, { recursive: true, force: true });
    const run = startWsis(['restore', full, '--yes', '--data', data]);
    expect(await run.done, run.stderr()).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toMatch(new RegExp(`Restored \\d+ rows of ${backupTables(schema).length} tables into embedded PGlite`));
    expect(existsSync(full)).toBe(true);
    expect(await contentsOf()).toEqual(before);
    const store = new LocalFileStore(filesDir);
    expect(Buffer.concat(await (await store.open(filled.keptFile.sha256)).toArray()).equals(filled.keptFile.bytes)).toBe(true);
  });
});
