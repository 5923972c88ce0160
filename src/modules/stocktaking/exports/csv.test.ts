/**
 * The CSV export is written by PostgreSQL (each column's `sql`, csvFieldSql) or, next to PGlite,
 * by the web process (csvRecord): both must be the file the columns' JS values give (rowOf,
 * csvLine), byte for byte, on both databases, for values that test every
 * rule: formulas, quotes, commas, line breaks, edge spaces of every kind, empty texts, lists,
 * names of codes in each language, organizations with and without acronym, dates and instants.
 */
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import { CSV_BOM, csvLine, SPACE_CODE_POINTS } from '../../../core/exports/csv.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { organizationLabel } from '../../accounts/queries.js';
import { organizations } from '../../accounts/tables.js';
import { type EntrySort, entryFilterCondition } from '../queries.js';
import { entries } from '../tables.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { csvBatches, labelsFor } from './api-routes.js';
import { COLUMN_NAMES, rowOf } from './columns.js';
import { csvStream, writtenHere } from './csv.js';
import { streamExportEntries } from './queries.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [withAcronym] = await db.insert(organizations).values({ name: 'Ministry of ICT, Kenya', acronym: 'MoICT', stakeholderType: 'government', country: 'KE' }).returning();
  const [plain] = await db.insert(organizations).values({ name: 'Rural "Connect"', acronym: '', stakeholderType: 'civil-society', country: 'SN' }).returning();
  await insertPublishedEntry(db, {
    originalLanguage: 'fr',
    title: { en: '=SUM(A1)', fr: ' espace devant', ar: 'نص عربي، مع فاصلة, هنا', zh: '中文标题\u3000', es: '\tTabulación', ru: 'строка\r\nдва' },
    summary: { en: 'He said "hi"', fr: '\u00a0insécable', es: '-menos', zh: '@符号', ar: '+زائد, س', ru: 'обычный текст' },
    description: {},
    impact: { en: '', fr: 'fin avec espace ' },
    partners: { en: 'Partners; many', fr: '\ufeffmarque' },
    translations: { fr: 'original', en: 'reviewed', ar: 'unofficial' },
    organizationId: withAcronym?.id,
    stakeholderType: 'academia',
    leadCountry: 'KE',
    countries: ['KE', 'FR', 'CN'],
    region: null,
    scope: 'regional',
    actionLines: ['C2', 'C7.e-health'],
    sdgs: [4, 17],
    sdgTargets: ['8.10', '4.1'],
    targetGroups: ['women-and-girls', 'youth'],
    projectStatus: 'completed',
    startDate: '2024-02-29',
    endDate: null,
    website: 'https://example.test/a,b',
  });
  await insertPublishedEntry(db, { title: { en: 'Plain entry', ar: 'مدخل' }, summary: { en: 'Nothing special' }, organizationId: plain?.id, targetGroups: [], sdgs: [] });
  // An organization deleted since: no name, as in the JS export.
  await insertPublishedEntry(db, { title: { en: 'Orphan' }, organizationId: 999_999, startDate: '2023-01-01', endDate: '2025-12-31' });
  await insertPublishedEntry(db, { state: 'draft', title: { en: 'Draft, never exported' } });
  // An instant with microseconds: both writers give the milliseconds, cut (not rounded).
  await db.execute(sql`update ${entries} set published_at = '2025-01-02 03:04:05.678901+00' where ${entries.title}->>'en' = 'Plain entry'`);
});
afterAll(async () => database.drop());

const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
};

/** The CSV file of the published entries as the export writes it, and as the JS columns give it. */
const both = async (locale: Locale, sort: EntrySort | undefined, batchSize: number) => {
  const labels = await labelsFor({ locale, baseUrl: 'https://wsis.example', db: database.db });
  const condition = entryFilterCondition({ actor: null, locale });
  const written = await bytesOf(csvStream(csvBatches(database.db, { condition, sort, labels, batchSize })));
  // The organizations' names, as the JS export collects them.
  for (const o of await database.db.select().from(organizations)) labels.organizations.set(o.id, organizationLabel(o));
  const here = await bytesOf(csvStream(writtenHere(streamExportEntries(database.db, { condition, sort, locale, batchSize }), labels)));
  const rows = [];
  for await (const batch of streamExportEntries(database.db, { condition, sort, locale, batchSize })) rows.push(...batch);
  const expected = `${CSV_BOM}${csvLine(COLUMN_NAMES)}${rows.map((e) => csvLine(rowOf(e, labels))).join('')}`;
  return { written, here, expected };
};

describe('the CSV export, written by the database or by the web process', () => {
  it.each([
    ['fr', undefined, 200],
    ['ar', 'title', 2],
    ['zh', 'newest', 1],
    ['en', undefined, 2],
  ] as const)('is the file of the JS columns, byte for byte (%s, sort %s, batches of %i)', async (locale, sort, batchSize) => {
    const { written, here, expected } = await both(locale, sort, batchSize);
    expect(written).toBe(expected);
    expect(here).toBe(expected);
  });

  it('reads back with an independent parser, every rule applied', async () => {
    const { written } = await both('en', undefined, 200);
    const [header, first, plain, orphan, ...rest] = parse(written, { bom: true, relax_column_count: false }) as string[][];
    expect(rest).toEqual([]);
    const cell = (row: string[] | undefined, name: string) => row?.[COLUMN_NAMES.indexOf(name)];
    expect(header).toEqual([...COLUMN_NAMES]);
    expect(cell(first, 'title_en')).toBe("'=SUM(A1)");
    expect(cell(first, 'title_fr')).toBe(' espace devant');
    expect(cell(first, 'title_ru')).toBe('строка\r\nдва');
    expect(cell(first, 'title_es')).toBe("'\tTabulación");
    expect(cell(first, 'summary_en')).toBe('He said "hi"');
    expect(cell(first, 'summary_es')).toBe("'-menos");
    expect(cell(first, 'impact_en')).toBe('');
    expect(cell(first, 'translations')).toBe('ar=unofficial; en=reviewed; fr=original');
    expect(cell(first, 'organization')).toBe('Ministry of ICT, Kenya (MoICT)');
    expect(cell(plain, 'organization')).toBe('Rural "Connect"');
    expect(cell(orphan, 'organization')).toBe('');
    expect(cell(first, 'countries')).toBe('KE; FR; CN');
    expect(cell(first, 'countries_label')).toBe('Kenya; France; China');
    expect(cell(first, 'sdgs')).toBe('4; 17');
    expect(cell(first, 'target_groups_label')).not.toContain('stocktaking.');
    expect(cell(first, 'start_date')).toBe('2024-02-29');
    expect(cell(plain, 'published_at')).toBe('2025-01-02T03:04:05.678Z');
    expect(cell(first, 'url')).toBe(`https://wsis.example/en/stocktaking/${cell(first, 'id')}`);
  });

  it('quotes a field at an edge space of every kind that JS calls a space', () => {
    // The SQL writer tests code points; the JS one, `\s`. Both must agree over the whole BMP.
    const spaces = new Set(SPACE_CODE_POINTS);
    for (let c = 0; c < 0x10000; c++) expect(/\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`).toBe(spaces.has(c));
  });
});
