/**
 * Backups that restore (issue 11): a database with rows in every table of every module is backed up
 * and restored into a fresh database, which must then hold the same rows, table by table, and the
 * same sequences, and work as the platform. On the pglite project: PGlite → PGlite; on the
 * postgresql project: PGlite → PostgreSQL, PostgreSQL → PostgreSQL and PostgreSQL → PGlite.
 */
import * as schema from '../../platform-schema.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { castVote } from '../../modules/prizes/commands/cast-vote.js';
import { nominations } from '../../modules/prizes/tables.js';
import { createEntry } from '../../modules/stocktaking/commands/create-entry.js';
import { entryInput } from '../../modules/stocktaking/inputs.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../../test/db.js';
import { type FilledDatabase, fillEveryTable } from '../../test/every-table.js';
import { buildUser } from '../../test/factories.js';
import { getActorById } from '../auth/sessions.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { Actor } from '../permissions/index.js';
import { LocalFileStore } from '../storage/files.js';
import { type BackupHeader, backupDatabase, backupTables, restoreDatabase } from './backup.js';

type Kind = 'pglite' | 'postgresql';
const silent = { start: () => {}, advance: () => {}, stop: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'wsis-restore-test-'));
let stores = 0;
/** An empty file store of its own (a target's: the restore must bring the files). */
const emptyStore = () => new LocalFileStore(join(dir, `files-${++stores}`));

/** A fresh database of the given kind, migrated (a target has no reference data: the restore brings it). */
const freshDatabase = async (kind: Kind, { seed = false }: { seed?: boolean } = {}) => {
  const saved = process.env.WSIS_TEST_DB;
  process.env.WSIS_TEST_DB = kind;
  try {
    return await createTestDatabase({ seed });
  } finally {
    process.env.WSIS_TEST_DB = saved;
  }
};

type Contents = { tables: Record<string, string[]>; sequences: Record<string, string> };

/** Every row of every table as JSON text, in order, and the state of every sequence: what "the same database" means. */
const contentsOf = async (database: Database): Promise<Contents> => {
  const client = await database.pool.connect();
  try {
    // Timestamps are written in the session's time zone, which differs between servers.
    await client.query(`set time zone 'UTC'`);
    const tables: Record<string, string[]> = {};
    for (const t of backupTables(schema)) {
      const { rows } = await client.query<{ j: string }>(`select row_to_json(t)::text as j from ${t.sqlName} t`);
      tables[t.name] = rows.map((r) => r.j).sort();
    }
    const sequences: Record<string, string> = {};
    const { rows: names } = await client.query<{ name: string }>(`select schemaname || '.' || sequencename as name from pg_sequences where schemaname = 'public' order by 1`);
    for (const { name } of names) {
      const { rows } = await client.query<{ state: string }>(`select last_value || ' ' || is_called as state from ${name}`);
      sequences[name] = rows[0]?.state ?? '';
    }
    return { tables, sequences };
  } finally {
    await client.query('reset time zone');
    client.release();
  }
};

/** The next value of a sequence as contentsOf wrote it ("42 true" hands out 43 next). */
const nextValue = (state: string | undefined) => {
  const [value, called] = (state ?? '').split(' ');
  return Number(value) + (called === 'true' ? 1 : 0);
};

type Source = { database: TestDatabase; filled: FilledDatabase; contents: Contents; file: string; files: LocalFileStore };

const kind = testDatabaseKind();
const directions: [Kind, Kind][] =
  kind === 'postgresql'
    ? [
        ['pglite', 'postgresql'],
        ['postgresql', 'postgresql'],
        ['postgresql', 'pglite'],
      ]
    : [['pglite', 'pglite']];
const sources = new Map<Kind, Source>();
const targets: TestDatabase[] = [];

beforeAll(async () => {
  for (const from of new Set(directions.map(([f]) => f))) {
    const database = await freshDatabase(from, { seed: true });
    const files = emptyStore();
    const filled = await fillEveryTable(database, { files });
    const contents = await contentsOf(database);
    const file = join(dir, `from-${from}.jsonl.gz`);
    await backupDatabase(database, file, { schema, files, progress: silent });
    sources.set(from, { database, filled, contents, file, files });
  }
}, 240_000);
afterAll(async () => {
  for (const s of sources.values()) await s.database.drop();
  for (const t of targets) await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

const readdirOf = (folder: string) => readdirSync(folder).sort();
const sourceOf = (from: Kind) => sources.get(from) as Source;

describe('the database the backups are made of', () => {
  it('has rows in every table of every module (a new table must be filled in src/test/every-table.ts)', () => {
    for (const { contents } of sources.values()) {
      const empty = backupTables(schema)
        .map((t) => t.name)
        .filter((name) => !contents.tables[name]?.length);
      expect(empty, 'tables without a row').toEqual([]);
      expect(Object.keys(contents.sequences).length).toBeGreaterThan(10);
    }
  });
});

describe.each(directions)('backup on %s, restore into %s', (from, to) => {
  let target: TestDatabase;

  it('gives back every row of every table, and every sequence, as on the source', { timeout: 120_000 }, async () => {
    const source = sourceOf(from);
    target = await freshDatabase(to);
    targets.push(target);
    const files = emptyStore();
    const summary = await restoreDatabase(target, source.file, { schema, files, progress: silent });
    const restored = await contentsOf(target);
    // Every file the rows name is back in the (empty) store of the target, with the same bytes.
    const named = (restored.tables.core_files ?? []).map((j) => (JSON.parse(j) as { sha256: string }).sha256);
    expect(named).toContain(source.filled.keptFile.sha256);
    expect(summary).toMatchObject({ files: named.length, missingFiles: [] });
    expect(Buffer.concat(await (await files.open(source.filled.keptFile.sha256)).toArray()).equals(source.filled.keptFile.bytes)).toBe(true);
    for (const sha256 of named) expect(await files.size(sha256), sha256).toBe(await source.files.size(sha256));
    for (const name of Object.keys(source.contents.tables)) expect(restored.tables[name], name).toEqual(source.contents.tables[name]);
    expect(restored.sequences).toEqual(source.contents.sequences);
    // The derived rows once, not twice: the change log, the version counter, the search rows.
    expect(restored.tables.stocktaking_entry_changes).toHaveLength(source.contents.tables.stocktaking_entry_changes?.length ?? -1);
    expect(restored.tables.stocktaking_entries_version).toEqual(source.contents.tables.stocktaking_entries_version);
  });

  it('works as the platform: search, API tokens, the next entry and the next vote', { timeout: 120_000 }, async () => {
    const source = sourceOf(from);
    const app: FastifyInstance = await buildApp({
      config: loadConfig({ port: 0, baseUrl: 'http://platform.test', smtpUrl: undefined, dataDir: 'memory://', rateLimitScale: 1000 }, {}),
      database: target,
      logger: { level: 'error' },
    });
    try {
      await app.ready();
      const search = await app.inject({ url: `/en/stocktaking?q=${encodeURIComponent('broadband cooperative')}` });
      expect(search.statusCode).toBe(200);
      expect(search.body).toContain(`<a href="/en/stocktaking/${source.filled.entryId}">`);

      const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${source.filled.apiToken}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email: 'owner@example.org' });

      // The ids the source would have handed out next.
      const owner = (await getActorById(target.db, (JSON.parse(me.body) as { id: number }).id)) as Actor;
      const created = await createEntry(target.db, {
        actor: owner,
        input: entryInput.parse({
          language: 'en',
          title: 'Restored and going on',
          summary: 'A first entry after the restore.',
          actionLines: ['C3'],
          leadCountry: 'SN',
          stakeholderType: 'government',
          scope: 'national',
          status: 'ongoing',
        }),
      });
      expect(created).toMatchObject({ ok: true, id: nextValue(source.contents.sequences['public.stocktaking_entries_id_seq']) });

      const year = new Date().getUTCFullYear();
      const [nominee] = await target.db.select().from(nominations).orderBy(nominations.id).limit(1);
      const voter = (await getActorById(target.db, (await buildUser(target.db, { email: 'after-restore@example.org' })).id)) as Actor;
      const vote = await castVote(target, { actor: voter, year, nominationId: nominee?.id as number });
      expect(vote).toMatchObject({ ok: true });
      const { rows } = await target.pool.query<{ id: number }>('select id::int as id from prizes_votes where voter_id = $1', [voter.id]);
      expect(rows[0]?.id).toBe(nextValue(source.contents.sequences['public.prizes_votes_id_seq']));
    } finally {
      await app.close();
    }
  });
});

describe('a backup file of version 1 made before the sequences and the files were kept', () => {
  it('still restores, every row as it was, the sequences continuing after the highest id, the files it lacks listed', { timeout: 120_000 }, async () => {
    const source = sourceOf(kind);
    const lines = gunzipSync(readFileSync(source.file)).toString('utf8').split('\n');
    const { sequences, files: kept, ...older } = JSON.parse(lines[0] ?? '') as BackupHeader;
    expect(Object.keys(sequences ?? {})).toContain('stocktaking_entries.id');
    expect(kept?.count).toBeGreaterThan(0);
    lines[0] = JSON.stringify(older);
    const rowLines = 1 + Object.values(older.rows).reduce((n, r) => n + r, 0);
    const old = join(dir, 'version-1-without-sequences.jsonl.gz');
    writeFileSync(old, gzipSync(lines.slice(0, rowLines).join('\n')));
    const target = await freshDatabase(kind);
    targets.push(target);
    const summary = await restoreDatabase(target, old, { schema, files: emptyStore(), progress: silent });
    expect(summary.files).toBe(0);
    expect(summary.missingFiles).toContain(source.filled.keptFile.sha256);
    const restored = await contentsOf(target);
    expect(restored.tables).toEqual(source.contents.tables);
    const maxEntry = Math.max(...(source.contents.tables.stocktaking_entries ?? []).map((j) => (JSON.parse(j) as { id: number }).id));
    expect(nextValue(restored.sequences['public.stocktaking_entries_id_seq'])).toBe(maxEntry + 1);
  });
});

describe('a restore that fails half way', () => {
  /** The backup's lines (line 1 is the header) and where the rows of a table start. */
  const linesOf = (file: string) => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '') as BackupHeader;
    const start = (table: string) => 1 + header.tables.slice(0, header.tables.indexOf(table)).reduce((n, t) => n + (header.rows[t] ?? 0), 0);
    return { lines, header, start };
  };

  let target: TestDatabase;
  let before: Contents;
  beforeAll(async () => {
    // The target holds other data: the whole backup restored, then a change.
    target = await freshDatabase(kind);
    targets.push(target);
    await restoreDatabase(target, sourceOf(kind).file, { schema, files: emptyStore(), progress: silent });
    await buildUser(target.db, { email: 'kept@example.org' });
    before = await contentsOf(target);
  }, 120_000);

  it('on a line cut in the middle of a table from the tenth on: nothing changes, and the error names the line', { timeout: 120_000 }, async () => {
    const { lines, header, start } = linesOf(sourceOf(kind).file);
    // The first table of several rows from the tenth on, so that rows before it were already written.
    const tenth = header.tables.slice(9).find((t) => (header.rows[t] ?? 0) > 2) as string;
    expect(header.rows[tenth]).toBeGreaterThan(2);
    const bad = start(tenth) + Math.floor((header.rows[tenth] ?? 0) / 2);
    lines[bad] = (lines[bad] ?? '').slice(0, 20);
    const damaged = join(dir, 'cut-line.jsonl.gz');
    writeFileSync(damaged, gzipSync(lines.join('\n')));

    const failed = restoreDatabase(target, damaged, { schema, files: emptyStore(), progress: silent });
    await expect(failed).rejects.toThrow(`the database refused the backup's rows (table ${tenth}, line ${bad + 1} of the file): invalid input syntax for type json`);
    await expect(failed).rejects.toThrow(/; nothing was changed$/);
    expect(await contentsOf(target)).toEqual(before);
  });

  it('on a row the database refuses (an entry without its state): nothing changes, and the error names the table', { timeout: 120_000 }, async () => {
    const { lines, start } = linesOf(sourceOf(kind).file);
    const at = start('stocktaking_entries');
    lines[at] = JSON.stringify({ ...(JSON.parse(lines[at] ?? '') as object), state: null });
    const damaged = join(dir, 'refused-row.jsonl.gz');
    writeFileSync(damaged, gzipSync(lines.join('\n')));

    await expect(restoreDatabase(target, damaged, { schema, files: emptyStore(), progress: silent })).rejects.toThrow(
      /^the database refused the backup's rows \(table stocktaking_entries, lines \d+–\d+ of the file\): null value in column "state" .*; nothing was changed$/,
    );
    expect(await contentsOf(target)).toEqual(before);
  });

  it('stops when interrupted (SIGTERM, SIGINT) between two batches, changing nothing', { timeout: 120_000 }, async () => {
    const source = sourceOf(kind);
    const interrupt = new AbortController();
    // Interrupted once the rows of a few tables are in.
    let batches = 0;
    const progress = { ...silent, advance: () => ++batches === 5 && interrupt.abort('SIGTERM') };
    await expect(restoreDatabase(target, source.file, { schema, files: emptyStore(), progress, signal: interrupt.signal })).rejects.toThrow(
      'restore interrupted by SIGTERM; nothing was changed',
    );
    expect(batches).toBe(5);
    expect(await contentsOf(target)).toEqual(before);
  });
});

describe('a backup that is interrupted', () => {
  it('writes no file, and leaves an earlier backup of the same name as it was', { timeout: 120_000 }, async () => {
    const source = sourceOf(kind);
    const file = join(dir, 'interrupted.jsonl.gz');
    const interrupt = new AbortController();
    const progress = { ...silent, advance: () => interrupt.abort('SIGINT') };
    await expect(backupDatabase(source.database, file, { schema, files: source.files, progress, signal: interrupt.signal })).rejects.toThrow(
      'backup interrupted by SIGINT; no backup was written',
    );
    expect(readdirOf(dir).filter((f) => f.startsWith('interrupted'))).toEqual([]);

    writeFileSync(file, 'the earlier backup');
    const again = new AbortController();
    await expect(
      backupDatabase(source.database, file, { schema, files: source.files, progress: { ...silent, advance: () => again.abort('SIGTERM') }, signal: again.signal }),
    ).rejects.toThrow(`backup interrupted by SIGTERM; no backup was written (${file} is the earlier one, unchanged)`);
    expect(readFileSync(file, 'utf8')).toBe('the earlier backup');
    expect(readdirOf(dir).filter((f) => f.startsWith('interrupted'))).toEqual(['interrupted.jsonl.gz']);
  });
});
