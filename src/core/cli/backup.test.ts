import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { buildUser } from '../../test/factories.js';
import { recordAction } from '../audit/record.js';
import { auditLog } from '../audit/tables.js';
import { actorFromApiToken } from '../auth/sessions.js';
import { userRoles, users } from '../auth/tables.js';
import type { Database } from '../db/client.js';
import { mailOutbox } from '../mail/tables.js';
import { FileNotFound, LocalFileStore } from '../storage/files.js';
import { keepFile } from '../storage/keep.js';
import { storedFiles } from '../storage/tables.js';
import { type BackupHeader, backupDatabase, backupTables, restoreDatabase } from './backup.js';
import { CliError } from './common.js';
import { createApiTokenFor as createApiToken } from '../../modules/accounts/cli.js';
import * as schema from '../../platform-schema.js';

const silent = { start: () => {}, advance: () => {}, stop: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'wsis-backup-test-'));
/** The source's file store, and a kept file (the bytes of a document's language version). */
const store = new LocalFileStore(join(dir, 'files'));
const DOCUMENT = Buffer.concat([Buffer.from('%PDF-1.7\n% Вклад — مساهمة — 贡献\n'), Buffer.alloc(200_000, 'binary \u0000\u00ff ')]);
let stores = 0;
const emptyStore = () => new LocalFileStore(join(dir, `target-files-${++stores}`));

/** Every row of every table, as JSON text in a stable order: what "exactly the same data" means. */
const snapshot = async (database: Database) => {
  const result: Record<string, string[]> = {};
  const client = await database.pool.connect();
  try {
    // Timestamps are written in the session's time zone, which differs between servers.
    await client.query(`set time zone 'UTC'`);
    for (const t of backupTables(schema)) {
      const { rows } = await client.query<{ j: string }>(`select row_to_json(t)::text as j from ${t.sqlName} t`);
      result[t.name] = rows.map((r) => r.j).sort();
    }
  } finally {
    await client.query('reset time zone');
    client.release();
  }
  return result;
};

/** The reference seed fills the matrix; until it exists, put one link in so the table is covered. */
const ensureMatrixLink = async (database: Database) => {
  const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from reference_matrix_links');
  if (Number(rows[0]?.n) > 0) return;
  await database.pool.query(`insert into reference_action_lines (code, position, title, short, title_confidence, lead_facilitators, sources)
    values ('C1', 1, '{"en":"Role of governments"}', '{"en":"Governance"}', '{}', '["UN DESA"]', '[]') on conflict do nothing`);
  await database.pool.query(`insert into reference_sdgs (number, short, title, confidence) values (16, '{"en":"Peace"}', '{"en":"Peace, justice"}', '{}') on conflict do nothing`);
  await database.pool.query(`insert into reference_matrix_links (action_line, sdg, targets, rationale, confidence, source)
    values ('C1', 16, '["16.6","16.7"]', '{"en":"Institutions"}', 'high', 'WSIS-SDG Matrix 2015')`);
};

/** Users, roles, tokens, audit rows (over a thousand, so pages turn), tricky text and a composite-key table past one page. */
const fillDatabase = async (database: Database) => {
  const db = database.db;
  const ann = await buildUser(db, { email: 'ann@example.org', roles: ['admin'] });
  await buildUser(db, { email: 'bob@example.org', roles: ['moderator', 'expert'], verified: false });
  await createApiToken(db, { email: 'ann@example.org', label: 'script' });
  for (let i = 0; i < 3; i++) await recordAction(db, { actor: null, action: 'test.thing.do', subjectType: 'thing', subjectId: i, after: { big: 9007199254740993n.toString(), i } });
  await database.pool.query(`insert into core_audit_log (action, subject_type, subject_id, at)
    select 'test.bulk', 'thing', g::text, now() - make_interval(secs => g * 0.000001) from generate_series(1, 1200) g`);
  await database.pool.query(`insert into auth_users (email, name, password_hash) select 'bulk' || g || '@example.org', 'Bulk ' || g, 'x' from generate_series(1, 1100) g`);
  await database.pool.query(`insert into auth_user_roles (user_id, role) select id, 'expert' from auth_users where email like 'bulk%'`);
  await db.insert(mailOutbox).values({
    to: 'ann@example.org',
    locale: 'ar',
    subject: 'مرحبا "quotes" \\ backslash',
    text: 'line 1\nline 2\ttab — 中文 🚀',
    html: '<p>Ünïcödé</p>',
  });
  await ensureMatrixLink(database);
  await db.transaction((tx) => keepFile(tx, store, DOCUMENT, 'application/pdf'));
  return { ann };
};

let source: TestDatabase;
let file: string;
let original: Record<string, string[]>;

beforeAll(async () => {
  source = await createTestDatabase();
  await fillDatabase(source);
  original = await snapshot(source);
  file = join(dir, 'backup.jsonl.gz');
  await backupDatabase(source, file, { schema, files: store, progress: silent });
});
afterAll(async () => {
  await source.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup tables', () => {
  it('lists every table of the schema, parents before children', () => {
    const names = backupTables(schema).map((t) => t.name);
    for (const name of ['auth_users', 'auth_user_roles', 'auth_api_tokens', 'core_audit_log', 'reference_matrix_links', 'reference_sdgs']) expect(names).toContain(name);
    const precedes = (a: string, b: string) => expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
    precedes('auth_users', 'auth_user_roles');
    precedes('auth_users', 'auth_api_tokens');
    precedes('reference_action_lines', 'reference_matrix_links');
    precedes('reference_sdgs', 'reference_matrix_links');
  });
});

describe('wsis backup', () => {
  it('writes a gzipped JSON-lines file: a header, then the rows of each table in order', () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0] ?? '') as BackupHeader;
    expect(header).toMatchObject({ format: 'wsis-backup', version: 1, tables: backupTables(schema).map((t) => t.name) });
    expect(header.migration).toMatch(/^\d{4}_/);
    expect(header.rows.core_audit_log).toBe(original.core_audit_log?.length);
    expect(header.rows.auth_user_roles).toBeGreaterThan(1000);
    const rowLines = 1 + Object.values(header.rows).reduce((a, b) => a + b, 0);
    // Then the file: its line, and its bytes in base64 lines.
    expect(header.files).toEqual({ count: 1, bytes: DOCUMENT.length });
    const described = JSON.parse(lines[rowLines] ?? '') as { file: string; size: number };
    expect(described).toEqual({ file: expect.stringMatching(/^[0-9a-f]{64}$/), size: DOCUMENT.length });
    expect(Buffer.concat(lines.slice(rowLines + 1).map((l) => Buffer.from(l, 'base64'))).equals(DOCUMENT)).toBe(true);
    const firstUser = JSON.parse(lines[1 + header.tables.slice(0, header.tables.indexOf('auth_users')).reduce((n, t) => n + (header.rows[t] ?? 0), 0)] ?? '');
    expect(firstUser).toMatchObject({ id: expect.any(Number), email: 'ann@example.org' });
  });
});

describe('wsis restore', () => {
  it('after changes, gives back exactly the original rows and moves sequences past them', async () => {
    const db = source.db;
    await db.delete(users).where(eq(users.email, 'bob@example.org'));
    await db.update(users).set({ name: 'Changed' }).where(eq(users.email, 'ann@example.org'));
    await db.delete(auditLog).where(sql`${auditLog.id} % 2 = 0`);
    await recordAction(db, { actor: null, action: 'test.after', subjectType: 'thing' });
    await source.pool.query(`update reference_matrix_links set targets = '[]'`);
    expect(await snapshot(source)).not.toEqual(original);

    const files = emptyStore();
    const summary = await restoreDatabase(source, file, { schema, files, progress: silent });
    expect(summary).toMatchObject({ files: 1, missingFiles: [] });
    const [kept] = await source.db.select().from(storedFiles);
    expect(Buffer.concat(await (await files.open(kept?.sha256 ?? '')).toArray()).equals(DOCUMENT)).toBe(true);
    expect(summary.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));
    const restored = await snapshot(source);
    for (const table of ['auth_users', 'core_audit_log', 'reference_matrix_links', 'auth_user_roles', 'core_mail_outbox']) {
      expect(restored[table]?.length, table).toBe(original[table]?.length);
      expect(restored[table]?.slice(0, 5), table).toEqual(original[table]?.slice(0, 5));
    }
    expect(restored).toEqual(original);

    // Identity sequences continue after the restored ids.
    const maxId = Math.max(...(original.core_audit_log ?? []).map((j) => (JSON.parse(j) as { id: number }).id));
    await recordAction(db, { actor: null, action: 'test.next', subjectType: 'thing' });
    const [next] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'test.next'));
    expect(next?.id).toBe(maxId + 1);
    const [bob] = await db.select().from(users).where(eq(users.email, 'bob@example.org'));
    expect(
      await db
        .select()
        .from(userRoles)
        .where(eq(userRoles.userId, bob?.id ?? 0)),
    ).toHaveLength(2);
  });

  it('restores API tokens that still authenticate', async () => {
    const token = await createApiToken(source.db, { email: 'ann@example.org', label: 'after' });
    if (!token.ok) throw new Error(token.error);
    const withToken = join(dir, 'with-token.jsonl.gz');
    await backupDatabase(source, withToken, { schema, files: store, progress: silent });
    await source.pool.query('delete from auth_api_tokens');
    expect(await actorFromApiToken(source.db, token.token)).toBeNull();
    await restoreDatabase(source, withToken, { schema, files: emptyStore(), progress: silent });
    expect(await actorFromApiToken(source.db, token.token)).toMatchObject({ email: 'ann@example.org' });
  });

  it('refuses a backup made at another migration, changing nothing', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '') as BackupHeader;
    lines[0] = JSON.stringify({ ...header, migration: '9999_from_the_future' });
    const other = join(dir, 'other-migration.jsonl.gz');
    writeFileSync(other, gzipSync(lines.join('\n')));
    const before = await snapshot(source);
    const refused = restoreDatabase(source, other, { schema, files: emptyStore(), progress: silent });
    await expect(refused).rejects.toBeInstanceOf(CliError);
    await expect(refused).rejects.toThrow(/backup was made at migration 9999_from_the_future but the database is at \d{4}_/);
    expect(await snapshot(source)).toEqual(before);
  });

  it('refuses a truncated backup and rolls everything back', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const truncated = join(dir, 'truncated.jsonl.gz');
    writeFileSync(truncated, gzipSync(lines.slice(0, lines.length - 200).join('\n')));
    const before = await snapshot(source);
    await expect(restoreDatabase(source, truncated, { schema, files: emptyStore(), progress: silent })).rejects.toThrow(/is damaged/);
    expect(await snapshot(source)).toEqual(before);
  });

  it('refuses a file that is not a backup', async () => {
    const junk = join(dir, 'junk.gz');
    writeFileSync(junk, 'plain text');
    await expect(restoreDatabase(source, junk, { schema, files: emptyStore(), progress: silent })).rejects.toThrow(/not a wsis backup/);
    writeFileSync(junk, gzipSync('{"hello":1}\n'));
    await expect(restoreDatabase(source, junk, { schema, files: emptyStore(), progress: silent })).rejects.toThrow(/not a wsis backup/);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0] ?? ''), sequences: { 'auth_users.id': { lastValue: '1; drop table auth_users', isCalled: true } } });
    writeFileSync(junk, gzipSync(lines.join('\n')));
    await expect(restoreDatabase(source, junk, { schema, files: emptyStore(), progress: silent })).rejects.toThrow(/has a damaged header \(sequences\)/);
  });
});

describe('the files of the file store in the backup', () => {
  it('refuses to back up when a file the rows name is missing from the store, listing it; --skip-missing-files lists it in the backup', async () => {
    const lost = Buffer.from('%PDF-1.7\n% lost from the disk\n');
    const { sha256 } = await source.db.transaction((tx) => keepFile(tx, store, lost, 'application/pdf'));
    await store.remove(sha256);
    try {
      const refused = join(dir, 'missing.jsonl.gz');
      await expect(backupDatabase(source, refused, { schema, files: store, progress: silent })).rejects.toThrow(
        new RegExp(`^1 files named by the database are not in the file store \\(.*\\): ${sha256}; is WSIS_FILES_DIR right\\? .*no backup was written$`),
      );
      expect(() => readFileSync(refused)).toThrow();
      const summary = await backupDatabase(source, refused, { schema, files: store, skipMissingFiles: true, progress: silent });
      expect(summary).toMatchObject({ files: 1, missingFiles: [sha256] });
      const header = JSON.parse(gunzipSync(readFileSync(refused)).toString('utf8').split('\n')[0] ?? '') as BackupHeader;
      expect(header.files).toEqual({ count: 1, bytes: DOCUMENT.length, missing: [sha256] });
    } finally {
      await source.db.delete(storedFiles).where(eq(storedFiles.sha256, sha256));
    }
  });

  it('refuses a backup whose file bytes are not those of their hash, changing nothing (files checked before the commit)', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const last = lines.findLastIndex((l) => l !== '');
    const bytes = Buffer.from(lines[last] ?? '', 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    lines[last] = bytes.toString('base64');
    const damaged = join(dir, 'damaged-file.jsonl.gz');
    writeFileSync(damaged, gzipSync(lines.join('\n')));
    await source.pool.query(`update auth_users set name = 'Before the restore' where email = 'ann@example.org'`);
    const before = await snapshot(source);
    const files = emptyStore();
    await expect(restoreDatabase(source, damaged, { schema, files, progress: silent })).rejects.toThrow(
      /is damaged: the file [0-9a-f]{64} \(lines \d+–\d+\) does not have the bytes of its hash; nothing was changed$/,
    );
    expect(await snapshot(source)).toEqual(before);
    const [kept] = await source.db.select().from(storedFiles);
    await expect(files.open(kept?.sha256 ?? '')).rejects.toBeInstanceOf(FileNotFound);
  });
});
