import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { getActorById } from '../../../core/auth/sessions.js';
import { CliError } from '../../../core/cli/common.js';
import { translator } from '../../../core/i18n/translate.js';
import { type Actor, can } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { COLUMN_NAMES } from '../exports/columns.js';
import { csvLine } from '../../../core/exports/csv.js';
import { entries, events } from '../tables.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { formatRowError, importEntriesFromFile } from './cli.js';
import { importEntries } from './commands/import-entries.js';
import { readEntryFile } from './read-file.js';

const en = translator('en');
let kit: TestKit;
let target: TestDatabase;
let importer: Actor;
let moderatorEmail: string;
let contributorEmail: string;
const dir = mkdtempSync(join(tmpdir(), 'wsis-import-test-'));

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  await insertPublishedEntry(db, {
    originalLanguage: 'es',
    title: { es: 'Conectividad rural para escuelas', en: 'Rural connectivity for schools', fr: 'Connectivité rurale des écoles' },
    summary: { es: 'Escuelas conectadas, con «comillas» y, comas.', en: 'Connected schools.', fr: 'Des écoles connectées.' },
    description: { es: 'Una descripción\nen dos líneas.' },
    impact: { en: 'More pupils online.' },
    translations: { es: 'original', en: 'reviewed', fr: 'unofficial' },
    actionLines: ['C2', 'C3'],
    sdgs: [4, 9],
    sdgTargets: ['4.4'],
    countries: ['KE', 'TZ'],
    leadCountry: 'KE',
    region: 'AFR',
    scope: 'regional',
    targetGroups: ['youth', 'rural-and-remote-communities'],
    startDate: '2022-01-01',
    endDate: '2025-12-31',
    website: 'https://schools.example.org/rural',
    projectStatus: 'completed',
    stakeholderType: 'civil-society',
    publishedAt: new Date('2023-05-06T07:08:09.123Z'),
    contactEmail: 'hidden.person@example.org',
  });
  await insertPublishedEntry(db, { title: { en: '=HYPERLINK("http://evil.example","click")' }, summary: { en: '-1 and @mention' }, actionLines: ['C5'], sdgs: [] });
  await insertPublishedEntry(db, {
    originalLanguage: 'zh',
    title: { zh: '农村学校宽带' },
    summary: { zh: '为农村学校提供宽带。' },
    leadCountry: 'CN',
    countries: ['CN'],
    region: 'ASP',
  });
  moderatorEmail = (await buildUser(db, { roles: ['moderator'] })).email;
  contributorEmail = (await buildUser(db, { verified: true })).email;
  target = await createTestDatabase();
  const user = await buildUser(target.db, { roles: ['moderator'] });
  importer = (await getActorById(target.db, user.id)) as Actor;
});
afterAll(async () => {
  await kit.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The content of every entry of a database, as the public and the round trip care about it. */
const contents = async (db: TestDatabase['db']) =>
  (await db.select().from(entries).orderBy(asc(entries.id))).map(({ id, submitterId, searchVector, createdAt, updatedAt, submittedAt, contactEmail, contactName, ...rest }) => {
    const { titleVector, ...content } = rest as typeof rest & { titleVector?: unknown };
    return content;
  });

const csvOf = (rows: Record<string, string>[], columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]) =>
  Buffer.from(csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => r[c] ?? ''))).join(''));

const validRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
  original_language: 'en',
  title_en: 'Digital skills for older persons',
  summary_en: 'Courses in public libraries.',
  stakeholder_type: 'government',
  lead_country: 'FR',
  countries: 'FR',
  scope: 'national',
  action_lines: 'C4',
  sdgs: '4',
  status: 'ongoing',
  ...overrides,
});

describe('export, then import into a fresh database', () => {
  it('gives the same entries from the CSV export, published in the importer’s name', async () => {
    const csv = (await kit.app.inject({ url: '/api/v1/entries.csv?lang=fr' })).rawPayload;
    const read = await readEntryFile({ data: csv, t: en });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const result = await importEntries(target.db, { actor: importer, rows: read.rows, fileName: 'export.csv', t: en });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ total: 3, written: true });
    expect(result.created).toHaveLength(3);
    expect(await contents(target.db)).toEqual(await contents(kit.database.db));
    const imported = await target.db
      .select()
      .from(entries)
      .where(eq(entries.id, result.created[0] as number));
    expect(imported[0]).toMatchObject({ state: 'published', submitterId: importer.id, contactEmail: null });
    const history = await target.db
      .select()
      .from(events)
      .where(eq(events.entryId, result.created[0] as number))
      .orderBy(asc(events.id));
    expect(history.map((e) => [e.kind, e.actorId])).toEqual([
      ['created', importer.id],
      ['published', importer.id],
    ]);
    const audit = await target.db.select().from(auditLog).where(eq(auditLog.action, 'stocktaking.entry.import'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: importer.id, after: expect.objectContaining({ file: 'export.csv', created: 3, rows: 3 }) });
  });

  it('gives the same entries from the Excel export', async () => {
    const fresh = await createTestDatabase();
    try {
      const user = await buildUser(fresh.db, { roles: ['admin'] });
      const actor = (await getActorById(fresh.db, user.id)) as Actor;
      const xlsx = (await kit.app.inject({ url: '/api/v1/entries.xlsx?lang=ar' })).rawPayload;
      const read = await readEntryFile({ data: xlsx, t: en });
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      const result = await importEntries(fresh.db, { actor, rows: read.rows, fileName: 'export.xlsx', t: en });
      expect(result.errors).toEqual([]);
      expect(await contents(fresh.db)).toEqual(await contents(kit.database.db));
    } finally {
      await fresh.drop();
    }
  });
});

describe('the report of a file with errors', () => {
  const rows = [
    validRow({ title_en: 'A good row' }),
    validRow({ action_lines: 'C2; C42', lead_country: 'XX' }),
    validRow({ title_en: 'x'.repeat(201), sdgs: 'four', status: 'done' }),
    validRow({ summary_en: '', start_date: '2024-02-30', website: 'ftp://files.example.org' }),
    validRow({ original_language: 'de' }),
    validRow({ title_fr: 'Compétences numériques', summary_fr: '', translations: 'en=originl' }),
    validRow({ status: 'done', action_lines: 'C42', countries: 'FR; ZZ' }),
  ];

  it('names the row and column of every problem, and imports the valid rows', async () => {
    const read = await readEntryFile({ data: csvOf(rows), t: en });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const before = await target.db.$count(entries);
    const result = await importEntries(target.db, { actor: importer, rows: read.rows, fileName: 'bad.csv', t: en });
    const at = (row: number) => result.errors.filter((e) => e.row === row).map((e) => e.column);
    expect(at(2)).toEqual([]);
    expect(at(3).sort()).toEqual(['action_lines', 'lead_country']);
    expect(result.errors.find((e) => e.row === 3 && e.column === 'action_lines')?.message).toContain('C42');
    expect(at(4).sort()).toEqual(['sdgs', 'status', 'title_en']);
    expect(result.errors.find((e) => e.row === 4 && e.column === 'status')?.message).toBe(en('stocktaking.import.errors.choice', { values: 'planned, ongoing, completed' }));
    expect(at(5).sort()).toEqual(['start_date', 'summary_en', 'website']);
    expect(at(6)).toEqual(['original_language']);
    expect(at(7).sort()).toEqual(['summary_fr', 'translations']);
    // Unknown codes are reported with the other problems of their row, in one pass.
    expect(at(8).sort()).toEqual(['action_lines', 'countries', 'status']);
    expect(result.errors.find((e) => e.column === 'title_en')?.message).toBe(en('core.errors.too_long', { max: 200 }));
    expect(result).toMatchObject({ written: true, total: 7 });
    expect(result.created).toHaveLength(1);
    expect(await target.db.$count(entries)).toBe(before + 1);
    expect(formatRowError({ row: 3, column: 'action_lines', message: 'Unknown codes: C42.' })).toBe('row 3, column action_lines: Unknown codes: C42.');
  });

  it('imports nothing with allOrNothing', async () => {
    const read = await readEntryFile({ data: csvOf(rows), t: en });
    if (!read.ok) throw new Error('unreadable');
    const before = await target.db.$count(entries);
    const audits = await target.db.$count(auditLog);
    const result = await importEntries(target.db, { actor: importer, rows: read.rows, allOrNothing: true, fileName: 'bad.csv', t: en });
    expect(result).toMatchObject({ written: false, created: [] });
    expect(result.errors.length).toBeGreaterThan(5);
    expect(await target.db.$count(entries)).toBe(before);
    expect(await target.db.$count(auditLog)).toBe(audits);
  });

  it.each([
    [
      'an unknown and a missing column',
      csvOf([{ ...validRow(), colour: 'blue' } as Record<string, string>].map(({ status, ...r }) => r)),
      [
        { row: 1, column: 'colour' },
        { row: 1, column: 'status' },
      ],
    ],
    ['a duplicate column', Buffer.from('title_en,title_en,original_language,stakeholder_type,lead_country,scope,action_lines,status\r\n'), [{ row: 1, column: 'title_en' }]],
    ['bytes that are not UTF-8', Buffer.from([0x74, 0x69, 0xff, 0xfe, 0x0a]), [{ row: 1, column: null }]],
    ['a broken workbook', Buffer.from('PK\u0003\u0004 not really a zip'), [{ row: 1, column: null }]],
    ['an empty file', Buffer.alloc(0), [{ row: 1, column: null }]],
    ['a row longer than the header', Buffer.from(`${csvLine(Object.keys(validRow()))}${csvLine([...Object.values(validRow()), 'extra'])}`), [{ row: 2, column: null }]],
  ])('reports %s without throwing', async (_, data, expected) => {
    const read = await readEntryFile({ data, t: en });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map(({ row, column }) => ({ row, column }))).toEqual(expected);
    for (const e of read.errors) expect(e.message).not.toMatch(/^stocktaking\./);
  });

  it('reports where a quote is left open', async () => {
    const read = await readEntryFile({ data: Buffer.from(`${COLUMN_NAMES.join(',')}\r\n1,"unclosed\r\n`), t: en });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]?.column).toBeNull();
    expect(read.errors[0]?.message).toBe(en('stocktaking.import.errors.malformed_csv'));
  });

  it('reads an Excel file written by hand, dates and numbers as typed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('any name');
    const row = validRow({ title_en: 'From Excel', start_date: '', sdgs: '' });
    sheet.addRow([...Object.keys(row), 'start_date', 'sdgs'].filter((k, i, a) => a.indexOf(k) === i));
    const header = sheet.getRow(1).values as string[];
    sheet.addRow(header.slice(1).map((k) => (k === 'start_date' ? new Date(Date.UTC(2024, 2, 1)) : k === 'sdgs' ? 9 : row[k])));
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readEntryFile({ data, t: en });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.rows[0]?.cells).toMatchObject({ title_en: 'From Excel', start_date: '2024-03-01', sdgs: '9' });
    const result = await importEntries(target.db, { actor: importer, rows: read.rows, fileName: 'hand.xlsx', t: en });
    expect(result.errors).toEqual([]);
    const [entry] = await target.db
      .select()
      .from(entries)
      .where(eq(entries.id, result.created[0] as number));
    expect(entry).toMatchObject({ startDate: '2024-03-01', sdgs: [9], region: 'EUR', translations: { en: 'original' } });
  });
});

describe('wsis import entries', () => {
  it('imports a file as a moderator and refuses other accounts', async () => {
    const file = join(dir, 'entries.csv');
    writeFileSync(file, csvOf([validRow({ title_en: 'From the command line' }), validRow({ action_lines: 'C99' })]));
    const result = await importEntriesFromFile(kit.database.db, { file, as: moderatorEmail.toUpperCase() });
    expect(result.created).toHaveLength(1);
    expect(result.errors.map(formatRowError)).toEqual([`row 3, column action_lines: ${en('stocktaking.import.errors.unknown_codes', { codes: 'C99' })}`]);
    const nothing = await importEntriesFromFile(kit.database.db, { file, as: moderatorEmail, allOrNothing: true });
    expect(nothing).toMatchObject({ written: false, created: [] });
    await expect(importEntriesFromFile(kit.database.db, { file, as: contributorEmail })).rejects.toThrow(CliError);
    await expect(importEntriesFromFile(kit.database.db, { file, as: 'nobody@example.org' })).rejects.toThrow(/no active user/);
    await expect(importEntriesFromFile(kit.database.db, { file: join(dir, 'missing.csv'), as: moderatorEmail })).rejects.toThrow(/cannot read/);
  });
});

/** A multipart form as a browser sends it, with the CSRF token of the last page the client saw. */
const upload = async (client: TestClient, { data, filename, allOrNothing }: { data?: Buffer; filename?: string; allOrNothing?: boolean }) => {
  const boundary = '----wsis-test-boundary';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n`)];
  if (allOrNothing) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="allOrNothing"\r\n\r\n1\r\n`));
  if (data)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`), data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return kit.app.inject({
    method: 'POST',
    url: '/fr/admin/stocktaking/import',
    payload: Buffer.concat(parts),
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
};

describe('the import page', () => {
  it('is for moderators and administrators only', async () => {
    expect(can(importer, 'stocktaking.entry.import')).toBe(true);
    const contributor = await kit.as({ email: contributorEmail });
    expect((await contributor.get('/en/admin/stocktaking/import')).statusCode).toBe(403);
    expect((await kit.client().get('/en/admin/stocktaking/import')).statusCode).not.toBe(200);
    const moderator = await kit.as({ email: moderatorEmail });
    const page = await moderator.get('/en/admin/stocktaking/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('<label for="import-file">');
  });

  it('keeps a clear report of a bad file, in the reader’s language', async () => {
    const moderator = await kit.as({ email: moderatorEmail });
    await moderator.get('/fr/admin/stocktaking/import');
    const before = await kit.database.db.$count(entries);
    const res = await upload(moderator, { data: csvOf([validRow(), validRow({ status: 'done' })]), filename: 'mauvais.csv', allOrNothing: true });
    expect(res.statusCode).toBe(422);
    const fr = translator('fr');
    expect(res.body).toContain(fr('stocktaking.import.report_nothing', { total: 2 }));
    expect(res.body).toContain(`<caption>${fr('stocktaking.import.errors_caption')}</caption>`);
    expect(res.body).toMatch(/<td class="numeric">3<\/td><td><code dir="ltr">status<\/code><\/td>/);
    expect(res.body).toContain('name="allOrNothing" value="1" checked');
    expect(await kit.database.db.$count(entries)).toBe(before);

    const unknown = await upload(moderator, { data: Buffer.from('colour\r\nblue\r\n'), filename: 'colours.csv' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain(fr('stocktaking.import.errors.unknown_column'));

    const none = await upload(moderator, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain(fr('stocktaking.import.errors.no_file'));
  });

  it('imports the valid rows of a good file', async () => {
    const moderator = await kit.as({ email: moderatorEmail });
    await moderator.get('/en/admin/stocktaking/import');
    const res = await upload(moderator, { data: csvOf([validRow({ title_en: 'Uploaded through the page' })]), filename: 'good.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(translator('fr')('stocktaking.import.report_written', { created: 1, total: 1 }));
    const search = await kit.app.inject({ url: '/api/v1/entries?q=uploaded' });
    expect(search.json().total).toBe(1);
  });

  it('refuses an upload without the CSRF token', async () => {
    const moderator = await kit.as({ email: moderatorEmail });
    moderator.csrf = 'forged';
    const res = await upload(moderator, { data: csvOf([validRow()]), filename: 'good.csv' });
    expect(res.statusCode).toBe(403);
  });
});
