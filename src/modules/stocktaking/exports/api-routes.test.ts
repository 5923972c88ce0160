import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n/translate.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { findActionLines } from '../../reference/queries.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { entries } from '../tables.js';
import { COLUMN_NAMES } from './columns.js';

/** RFC 4287's grammar (Appendix B), in RELAX NG XML syntax for xmllint: see test/vendor/README.md. */
const ATOM_GRAMMAR = join(import.meta.dirname, '../../../../test/vendor/atom/atom-rfc4287.rng');

let kit: TestKit;
let rural: number;
let formula: number;
let moderatorEmail: string;
let c2French = '';
let namibia: number;

/**
 * A workbook read by openpyxl (Debian's python3-openpyxl), a reader independent of the exceljs
 * that wrote it: each cell as [openpyxl's type, value], dates as ISO text, and each cell's number format.
 */
type SheetCell = [type: string, value: string | number | null, format: string];
const PYTHON_READER = `
import json, sys, datetime, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1]).active
def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime): v = v.isoformat()
    return [c.data_type, v, c.number_format]
print(json.dumps({"title": sheet.title, "frozen": sheet.freeze_panes, "rows": [[cell(c) for c in row] for row in sheet.iter_rows()]}))
`;
const readWithOpenpyxl = (body: Buffer): { title: string; frozen: string | null; rows: SheetCell[][] } => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-xlsx-'));
  try {
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, body);
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYTHON_READER, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const csvOf = (body: Buffer | string) => parse(body, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  rural = (
    await insertPublishedEntry(db, {
      originalLanguage: 'es',
      title: { es: 'Conectividad rural para escuelas', en: 'Rural connectivity for schools', fr: 'Connectivité rurale des écoles' },
      summary: { es: 'Escuelas conectadas.', en: 'Connected schools.' },
      translations: { es: 'original', en: 'reviewed', fr: 'unofficial' },
      actionLines: ['C2', 'C3'],
      sdgs: [4, 9],
      sdgTargets: ['4.4'],
      countries: ['KE', 'TZ'],
      leadCountry: 'KE',
      region: 'AFR',
      targetGroups: ['youth'],
      startDate: '2022-01-01',
      endDate: '2025-12-31',
      contactEmail: 'hidden.person@example.org',
      contactName: 'Hidden Person',
    })
  ).id;
  formula = (await insertPublishedEntry(db, { title: { en: '=HYPERLINK("http://evil.example","click")' }, summary: { en: '+1 dangerous & <odd> "text"' }, actionLines: ['C5'] }))
    .id;
  await insertPublishedEntry(db, { state: 'draft', title: { en: 'Draft connectivity plan' }, actionLines: ['C2'] });
  namibia = (
    await insertPublishedEntry(db, {
      title: { en: 'Decent work online in Namibia' },
      leadCountry: 'NA',
      countries: ['NA'],
      actionLines: ['C7'],
      sdgs: [8],
      sdgTargets: ['8.10'],
      startDate: '2023-03-01',
      endDate: null,
    })
  ).id;
  moderatorEmail = (await buildUser(db, { roles: ['moderator'] })).email;
  c2French = (await findActionLines(db)).find((l) => l.code === 'C2')?.short.fr ?? '';
});
afterAll(async () => kit.close());

describe('GET /api/v1/entries.csv', () => {
  it('streams every visible entry with its codes, names in the chosen language and no contact', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.csv?lang=fr' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="wsis-stocktaking-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body).not.toContain('hidden.person@example.org');
    expect(res.body).not.toContain('Hidden Person');
    expect(res.body).not.toContain('Draft connectivity plan');
    const [header] = parse(res.rawPayload, { bom: true, to_line: 1 }) as string[][];
    expect(header).toEqual(COLUMN_NAMES);
    const rows = csvOf(res.rawPayload);
    expect(rows.map((r) => Number(r.id))).toEqual([rural, formula, namibia]);
    const fr = translator('fr');
    expect(rows[0]).toMatchObject({
      original_language: 'es',
      original_language_label: 'espagnol',
      title_es: 'Conectividad rural para escuelas',
      title_fr: 'Connectivité rurale des écoles',
      title_zh: '',
      translations: 'en=reviewed; es=original; fr=unofficial',
      action_lines: 'C2; C3',
      sdgs: '4; 9',
      sdg_targets: '4.4',
      countries: 'KE; TZ',
      countries_label: 'Kenya; Tanzanie',
      lead_country_label: 'Kenya',
      status: 'ongoing',
      status_label: fr('stocktaking.project_statuses.ongoing'),
      stakeholder_type_label: fr('accounts.stakeholder_types.government'),
      target_groups_label: fr('stocktaking.target_groups.youth'),
      start_date: '2022-01-01',
      url: `http://platform.test/fr/stocktaking/${rural}`,
    });
    expect(c2French).not.toBe('');
    expect(rows[0]?.action_lines_label?.startsWith(c2French)).toBe(true);
    expect(rows[0]?.sdg_targets_label?.length).toBeGreaterThan(20);
    expect(Object.keys(rows[0] ?? {}).some((k) => k.startsWith('contact'))).toBe(false);
  });

  it('neutralizes cells a spreadsheet would run as formulas', async () => {
    const rows = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv?actionLine=C5' })).rawPayload);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title_en).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[0]?.summary_en).toBe(`'+1 dangerous & <odd> "text"`);
  });

  it('applies the search filters and sort of the entries API', async () => {
    const byText = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv?q=connectivity' })).rawPayload);
    expect(byText.map((r) => Number(r.id))).toEqual([rural]);
    const bySdg = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv?sdg=4&country=ke' })).rawPayload);
    expect(bySdg.map((r) => Number(r.id))).toEqual([rural]);
    const none = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv?targetGroup=children' })).rawPayload);
    expect(none).toEqual([]);
    const byTitle = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv?sort=title&lang=en' })).rawPayload);
    expect(byTitle.map((r) => Number(r.id))).toEqual([formula, namibia, rural]);
  });

  it.each(['sort=bogus', 'lang=xx', `q=${'a'.repeat(201)}`])('refuses a bad filter (%s) with a 400 problem', async (query) => {
    const res = await kit.app.inject({ url: `/api/v1/entries.csv?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('includes unpublished entries for a moderator only', async () => {
    const moderator = await kit.as({ email: moderatorEmail });
    const res = await moderator.get('/api/v1/entries.csv');
    expect(csvOf(res.rawPayload).map((r) => r.title_en)).toContain('Draft connectivity plan');
    expect(res.body).not.toContain('hidden.person@example.org');
  });
});

describe('GET /api/v1/entries.xlsx', () => {
  it('is a workbook with the CSV columns and names in the chosen language, formulas as plain text', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.xlsx?lang=es' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('entries');
    expect(sheet).toBeDefined();
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)).toEqual(COLUMN_NAMES);
    expect(sheet?.actualRowCount).toBe(4);
    const col = (name: string) => COLUMN_NAMES.indexOf(name);
    expect(values(2)[col('status_label')]).toBe(translator('es')('stocktaking.project_statuses.ongoing'));
    expect(values(3)[col('title_en')]).toBe('=HYPERLINK("http://evil.example","click")');
    expect(sheet?.getRow(3).getCell(col('title_en') + 1).formula).toBeUndefined();
    expect(JSON.stringify(values(2))).not.toContain('hidden.person@example.org');
  });

  it('read by openpyxl: text cells are text without an apostrophe, NA and 8.10 stay text, dates are dates', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.xlsx?lang=fr' });
    const book = readWithOpenpyxl(res.rawPayload);
    expect(book.title).toBe('entries');
    expect(book.frozen).toBe('A2');
    const [header = [], ...rows] = book.rows;
    expect(header.map(([, v]) => v)).toEqual(COLUMN_NAMES);
    const cell = (id: number, name: string) => rows.find((r) => r[0]?.[1] === id)?.[COLUMN_NAMES.indexOf(name)];
    expect(rows.map((r) => r[0])).toEqual([
      ['n', rural, 'General'],
      ['n', formula, 'General'],
      ['n', namibia, 'General'],
    ]);
    // What a spreadsheet would run as a formula is a text cell, shown as typed.
    expect(cell(formula, 'title_en')).toEqual(['s', '=HYPERLINK("http://evil.example","click")', 'General']);
    expect(cell(formula, 'summary_en')).toEqual(['s', '+1 dangerous & <odd> "text"', 'General']);
    // Namibia's code is not a missing value, target 8.10 is not the number 8.1.
    expect(cell(namibia, 'lead_country')).toEqual(['s', 'NA', 'General']);
    expect(cell(namibia, 'countries')).toEqual(['s', 'NA', 'General']);
    expect(cell(namibia, 'sdg_targets')).toEqual(['s', '8.10', 'General']);
    expect(cell(namibia, 'lead_country_label')?.[1]).toBe('Namibie');
    // Dates are date cells (a number of days with a date format), times to the second.
    expect(cell(namibia, 'start_date')).toEqual(['d', '2023-03-01T00:00:00', 'yyyy-mm-dd']);
    expect(cell(namibia, 'end_date')?.[1]).toBeNull();
    expect(cell(rural, 'end_date')).toEqual(['d', '2025-12-31T00:00:00', 'yyyy-mm-dd']);
    const published = cell(rural, 'published_at');
    expect(published?.[0]).toBe('d');
    expect(published?.[2]).toBe('yyyy-mm-dd hh:mm:ss');
    const csv = csvOf((await kit.app.inject({ url: '/api/v1/entries.csv' })).rawPayload).find((r) => Number(r.id) === rural);
    expect(Math.abs(new Date(`${published?.[1]}Z`).getTime() - new Date(csv?.published_at ?? '').getTime())).toBeLessThan(1000);
  });
});

describe('GET /api/v1/entries.jsonl', () => {
  it('has one parsable entry per line, in every language, without contact', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.jsonl' });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0] ?? '{}');
    expect(first).toMatchObject({ id: rural, language: 'es', title: { es: 'Conectividad rural para escuelas' }, actionLines: ['C2', 'C3'], status: 'ongoing' });
    expect(Object.keys(first).some((k) => k.toLowerCase().includes('contact'))).toBe(false);
  });
});

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['iati-activity', 'narrative', 'sector', 'tag', 'recipient-country', 'activity-date', 'entry', 'category'].includes(name),
});

describe('GET /api/v1/entries.iati.xml', () => {
  it('is an IATI 2.03 activity file with the required elements', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.iati.xml?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = xmlParser.parse(res.body);
    expect(doc['iati-activities']['@version']).toBe('2.03');
    const activities = doc['iati-activities']['iati-activity'];
    expect(activities).toHaveLength(3);
    const a = activities[0];
    expect(a['iati-identifier']).toMatch(new RegExp(`-WSIS-${rural}$`));
    expect(a['reporting-org']['@ref']).toBeTruthy();
    expect(a.title.narrative.map((n: Record<string, string>) => n['@xml:lang']).sort()).toEqual(['en', 'es', 'fr']);
    expect(a.description.narrative[0]['#text']).toBeTruthy();
    expect(a['participating-org']['@role']).toBe('4');
    expect(a['activity-status']['@code']).toBe('2');
    expect(a['activity-date'].map((d: Record<string, string>) => [d['@type'], d['@iso-date']])).toEqual([
      ['2', '2022-01-01'],
      ['3', '2025-12-31'],
    ]);
    expect(a['recipient-country'].map((c: Record<string, string>) => [c['@code'], c['@percentage']])).toEqual([
      ['KE', '50'],
      ['TZ', '50'],
    ]);
    expect(a.sector.map((s: Record<string, string>) => [s['@vocabulary'], String(s['@code']), s['@percentage']])).toEqual([
      ['1', '22040', undefined],
      ['99', 'C2', '50'],
      ['99', 'C3', '50'],
    ]);
    expect(a.tag.map((t: Record<string, string>) => [t['@vocabulary'], String(t['@code'])])).toEqual([
      ['2', '4'],
      ['2', '9'],
      ['3', '4.4'],
    ]);
    expect(res.body).not.toContain('hidden.person@example.org');
    // Escaped, never raw markup from an entry.
    expect(activities[1].description.narrative[0]['#text']).toBe('+1 dangerous & <odd> "text"');
  });
});

describe('GET /api/v1/entries.atom', () => {
  it('is an Atom feed of the newest published entries, in the chosen language', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries.atom?lang=fr&actionLine=C2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = xmlParser.parse(res.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('tag:itu.int,2025:wsis-platform:stocktaking:feed?actionLine=C2');
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(feed.entry).toHaveLength(1);
    expect(feed.entry[0].title['#text']).toBe('Connectivité rurale des écoles');
    expect(feed.entry[0].link['@href']).toBe(`http://platform.test/fr/stocktaking/${rural}`);
    expect(feed.entry[0].category.map((c: Record<string, string>) => c['@term'])).toEqual(['C2', 'C3']);
  });
});

describe('the Atom feed, read by others', () => {
  const atomOf = async (url: string, headers: Record<string, string> = {}) => {
    const res = await kit.app.inject({ url, headers });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('is valid against the RELAX NG grammar of RFC 4287, in every language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsis-atom-'));
    try {
      for (const lang of ['en', 'ar', 'zh']) {
        const file = join(dir, `${lang}.atom`);
        writeFileSync(file, await atomOf(`/api/v1/entries.atom?lang=${lang}`));
        const result = spawnSync('xmllint', ['--noout', '--nonet', '--relaxng', ATOM_GRAMMAR, file], { encoding: 'utf8' });
        expect(result.stderr).toContain('validates');
        expect(result.status).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is as new as its newest entry', async () => {
    // An entry edited after its publication: the feed is as new as the edit.
    await kit.database.db
      .update(entries)
      .set({ updatedAt: sql`${entries.publishedAt} + interval '3 hours'` })
      .where(eq(entries.id, rural));
    const feed = xmlParser.parse(await atomOf('/api/v1/entries.atom')).feed;
    const newest = feed.entry
      .map((e: { updated: string }) => e.updated)
      .sort()
      .at(-1);
    expect(feed.updated).toBe(newest);
    const edited = feed.entry.find((e: { id: string }) => e.id.endsWith(`:entry:${rural}`));
    expect(edited.updated).toBe(newest);
    expect(edited.updated > edited.published).toBe(true);
    // Asked again later, nothing changed: the same date, not the time of the request.
    await new Promise((r) => setTimeout(r, 1100));
    expect(xmlParser.parse(await atomOf('/api/v1/entries.atom')).feed.updated).toBe(newest);
  });

  it('keeps the ids of the feed and its entries whatever the language and the host name', async () => {
    const ids = async (url: string, headers?: Record<string, string>) => {
      const feed = xmlParser.parse(await atomOf(url, headers)).feed;
      return [feed.id, ...feed.entry.map((e: { id: string }) => e.id)];
    };
    const english = await ids('/api/v1/entries.atom?lang=en&actionLine=C2&sdg=4');
    expect(english).toEqual(['tag:itu.int,2025:wsis-platform:stocktaking:feed?actionLine=C2&sdg=4', `tag:itu.int,2025:wsis-platform:stocktaking:entry:${rural}`]);
    expect(await ids('/api/v1/entries.atom?sdg=4&lang=ar&actionLine=C2')).toEqual(english);
    expect(await ids('/api/v1/entries.atom?actionLine=C2&sdg=4', { host: 'mirror.example.org', 'accept-language': 'zh' })).toEqual(english);
  });
});

describe('routes and OpenAPI', () => {
  it('keeps /entries/:id apart from the files', async () => {
    expect((await kit.app.inject({ url: `/api/v1/entries/${rural}` })).json().id).toBe(rural);
    expect((await kit.app.inject({ url: '/api/v1/entries.pdf' })).statusCode).toBe(404);
  });

  it('documents the exports with their media types', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    const types = (path: string) => Object.keys(doc.paths[path]?.get?.responses?.['200']?.content ?? {});
    expect(types('/api/v1/entries.csv')).toEqual(['text/csv']);
    expect(types('/api/v1/entries.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(types('/api/v1/entries.jsonl')).toEqual(['application/x-ndjson']);
    expect(types('/api/v1/entries.atom')).toEqual(['application/atom+xml']);
    expect(types('/api/v1/entries.iati.xml')).toEqual(['application/xml']);
    expect(doc.paths['/api/v1/entries.csv'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'actionLine', 'sdg', 'lang', 'sort']));
  });
});

describe('odd input', () => {
  it.each([
    '/api/v1/entries.csv?sdg=abc',
    '/api/v1/entries.csv?sdg=99&year=abc',
    `/api/v1/entries.csv?q=${encodeURIComponent('!!! & | :* ((')}`,
    '/api/v1/entries.csv?actionLine=%00',
    '/api/v1/entries.csv?actionLine[]=x&actionLine=C2',
    '/api/v1/entries.xlsx?country=%FF',
    `/api/v1/entries.iati.xml?q=${encodeURIComponent('" OR 1=1 --')}`,
    `/api/v1/entries.atom?lang=ar&q=${encodeURIComponent('（）')}`,
    '/api/v1/entries.jsonl?sort=title&lang=zh&region=%00',
    '/en/stocktaking/data?page=abc&sdg=%00',
    `/en/stocktaking/data?q=${'a'.repeat(5000)}`,
    '/xx/stocktaking/data',
  ])('answers %s without a server error', async (url) => {
    const res = await kit.app.inject({ url });
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After beyond the downloads a minute allowed to one address', async () => {
    const limited = await createTestKit({ rateLimitScale: 0.1 });
    try {
      expect((await limited.app.inject({ url: '/api/v1/entries.csv' })).statusCode).toBe(200);
      expect((await limited.app.inject({ url: '/api/v1/entries.csv?lang=fr' })).statusCode).toBe(200);
      const refused = await limited.app.inject({ url: '/api/v1/entries.csv' });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
