import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n/translate.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { demoStocktaking } from '../demo.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { DAC_SECTORS } from './dac-sectors.js';
import { activityDates } from './iati.js';
import { checkIatiRules, validateIatiSchema } from './iati-rules.js';

let kit: TestKit;
let dir: string;
const ids = { completedFuture: 0, ongoingFuture: 0, endedBeforePublication: 0, sameDac: 0 };
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['iati-activity', 'narrative', 'sector', 'activity-date'].includes(name),
});
type Node = Record<string, string>;
type Activity = { 'iati-identifier': string; 'reporting-org': Node; 'activity-date': (Node & { narrative?: Node[] })[]; sector: Node[] };

/** The IATI export of the platform, written to a file for the validators, and parsed. */
const exportIati = async (k: TestKit, query = '') => {
  const res = await k.app.inject({ url: `/api/v1/entries.iati.xml${query}` });
  expect(res.statusCode).toBe(200);
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, res.body);
  const activities = parser.parse(res.body)['iati-activities']['iati-activity'] as Activity[];
  return { file, activities, byId: (id: number) => activities.find((a) => a['iati-identifier'].endsWith(`-WSIS-${id}`)) as Activity };
};

const dates = (a: Activity) => a['activity-date'].map((d) => [d['@type'], d['@iso-date']]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wsis-iati-'));
  kit = await createTestKit();
  const { db } = kit.database;
  await demoStocktaking(db);
  // Entries from before the dates were checked at input, and the edge cases of the dates and sectors.
  ids.completedFuture = (
    await insertPublishedEntry(db, { title: { en: 'Completed, end in the future' }, projectStatus: 'completed', startDate: '2020-01-01', endDate: nextYear, actionLines: ['C10'] })
  ).id;
  ids.ongoingFuture = (
    await insertPublishedEntry(db, { title: { en: 'Ongoing, start in the future' }, projectStatus: 'ongoing', startDate: nextYear, actionLines: ['C11', 'C10'] })
  ).id;
  ids.endedBeforePublication = (
    await insertPublishedEntry(db, {
      title: { en: 'Ended before publication' },
      projectStatus: 'completed',
      endDate: '2019-03-31',
      actionLines: ['C7.e-health', 'C7.e-government', 'C2'],
    })
  ).id;
  ids.sameDac = (await insertPublishedEntry(db, { title: { en: 'Three lines, one DAC code' }, projectStatus: 'planned', actionLines: ['C2', 'C3', 'C4'] })).id;
});
afterAll(async () => {
  await kit.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the IATI export of the demonstration data', () => {
  it('is valid against the official IATI 2.03 schema and breaks none of IATI’s rules', async () => {
    const { file, activities } = await exportIati(kit);
    expect(activities).toHaveLength(16);
    expect(validateIatiSchema(file)).toBe('');
    expect(checkIatiRules(file)).toEqual([]);
  });

  it('stays valid in every language of the names', async () => {
    for (const lang of ['ar', 'zh', 'ru']) {
      const { file } = await exportIati(kit, `?lang=${lang}`);
      expect(validateIatiSchema(file)).toBe('');
      expect(checkIatiRules(file)).toEqual([]);
    }
  });

  it('gives every activity a start date, saying so when the entry reported none', async () => {
    const { activities, byId } = await exportIati(kit, '?lang=fr');
    for (const a of activities) expect(a['activity-date'].some((d) => d['@type'] === '1' || d['@type'] === '2')).toBe(true);
    const ended = byId(ids.endedBeforePublication);
    // Not after its end: the start cannot be the later publication day.
    expect(dates(ended)).toEqual([
      ['2', '2019-03-31'],
      ['4', '2019-03-31'],
    ]);
    expect(ended['activity-date'][0]?.narrative?.find((n) => n['@xml:lang'] === 'fr')?.['#text']).toBe(translator('fr')('stocktaking.exports.iati_start_not_reported'));
  });

  it('never reports an actual date in the future', async () => {
    const { byId } = await exportIati(kit);
    expect(dates(byId(ids.completedFuture))).toEqual([
      ['2', '2020-01-01'],
      ['3', nextYear],
    ]);
    expect(dates(byId(ids.ongoingFuture))).toEqual([['1', nextYear]]);
  });

  it('reports OECD DAC sectors beside the WSIS action lines, each vocabulary summing to 100', async () => {
    const { activities, byId } = await exportIati(kit);
    for (const a of activities) expect(a.sector.some((s) => s['@vocabulary'] === '1')).toBe(true);
    const sectors = (id: number) => byId(id).sector.map((s) => [s['@vocabulary'], s['@code'], s['@percentage']]);
    expect(sectors(ids.endedBeforePublication)).toEqual([
      ['1', '12110', '33.33'],
      ['1', '15110', '33.33'],
      ['1', '22040', '33.34'],
      ['99', 'C7.e-health', '33.33'],
      ['99', 'C7.e-government', '33.33'],
      ['99', 'C2', '33.34'],
    ]);
    // Three lines of one DAC code: one sector of 100 %.
    expect(sectors(ids.sameDac).filter(([v]) => v === '1')).toEqual([['1', '22040', undefined]]);
    // Lines without a code of their own: ICT.
    expect(sectors(ids.ongoingFuture).filter(([v]) => v === '1')).toEqual([['1', '22040', undefined]]);
  });

  it('reports ITU as XM-DAC-41303 unless configured otherwise', async () => {
    const { activities } = await exportIati(kit);
    expect(activities[0]?.['reporting-org']['@ref']).toBe('XM-DAC-41303');
    expect(activities[0]?.['iati-identifier']).toMatch(/^XM-DAC-41303-WSIS-\d+$/);
    const other = await createTestKit({ config: { iatiReportingOrg: 'XI-IATI-WSIS' } });
    try {
      await insertPublishedEntry(other.database.db, { title: { en: 'One entry' } });
      const { file, activities: mine } = await exportIati(other);
      expect(mine[0]?.['reporting-org']['@ref']).toBe('XI-IATI-WSIS');
      expect(mine[0]?.['iati-identifier']).toMatch(/^XI-IATI-WSIS-WSIS-\d+$/);
      expect(checkIatiRules(file)).toEqual([]);
    } finally {
      await other.close();
    }
  }, 180_000);
});

describe('the validators themselves', () => {
  it('catch what the export used to have wrong: no activity date, an actual end in the future, WSIS sectors only', () => {
    const file = join(dir, 'bad.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2025-01-01T00:00:00Z">
  <iati-activity last-updated-datetime="2025-01-01T00:00:00Z" xml:lang="en" default-currency="USD">
    <iati-identifier>XM-DAC-41303-WSIS-1</iati-identifier>
    <reporting-org ref="XM-DAC-41303" type="40"><narrative>ITU</narrative></reporting-org>
    <title><narrative>T</narrative></title>
    <description type="1"><narrative>D</narrative></description>
    <participating-org role="4" type="22"><narrative>NGO</narrative></participating-org>
    <activity-status code="3"/>
    <activity-date type="4" iso-date="${nextYear}"/>
    <recipient-country code="KE"/>
    <sector vocabulary="99" vocabulary-uri="http://platform.test/en/stocktaking/data" code="C2" percentage="60"><narrative>C2</narrative></sector>
    <sector vocabulary="99" vocabulary-uri="http://platform.test/en/stocktaking/data" code="C3" percentage="60"><narrative>C3</narrative></sector>
  </iati-activity>
  <iati-activity last-updated-datetime="2025-01-01T00:00:00Z" xml:lang="en" default-currency="USD">
    <iati-identifier>XM-DAC-41303-WSIS-2</iati-identifier>
    <reporting-org ref="XM-DAC-41303" type="40"><narrative>ITU</narrative></reporting-org>
    <title><narrative>T</narrative></title>
    <description type="1"><narrative>D</narrative></description>
    <participating-org role="4" type="22"><narrative>NGO</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2020-01-01"/>
    <recipient-country code="KE"/>
    <sector vocabulary="1" code="22040" percentage="60"/>
    <sector vocabulary="1" code="22010" percentage="60"/>
  </iati-activity>
</iati-activities>
`,
    );
    expect(validateIatiSchema(file)).toBe('');
    const errors = checkIatiRules(file).map((e) => [e.node, e.rule]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [1, 'atleast_one'],
        [1, 'date_order'],
        [1, 'if_then'],
        [2, 'strict_sum'],
      ]),
    );
    const noDate = join(dir, 'no-date.xml');
    writeFileSync(noDate, '<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier></iati-activity></iati-activities>');
    expect(validateIatiSchema(noDate)).toMatch(/fails to validate/);
  });
});

describe('activity dates', () => {
  const at = new Date('2024-05-01T00:00:00Z');
  it.each([
    ['planned, no dates', { projectStatus: 'planned', startDate: null, endDate: null }, [['1', '2024-05-01']]],
    [
      'ongoing, started',
      { projectStatus: 'ongoing', startDate: '2023-01-01', endDate: '2026-01-01' },
      [
        ['2', '2023-01-01'],
        ['3', '2026-01-01'],
      ],
    ],
    [
      'completed, past',
      { projectStatus: 'completed', startDate: '2020-01-01', endDate: '2022-01-01' },
      [
        ['2', '2020-01-01'],
        ['4', '2022-01-01'],
      ],
    ],
    [
      'completed, no start',
      { projectStatus: 'completed', startDate: null, endDate: '2022-01-01' },
      [
        ['2', '2022-01-01'],
        ['4', '2022-01-01'],
      ],
    ],
  ] as const)('%s', (_name, entry, expected) => {
    const got = activityDates({ ...entry, publishedAt: at, createdAt: at }, today);
    expect(got.map((d) => [d.type, d.date])).toEqual(expected);
  });
});

describe('the mapping to OECD DAC purpose codes', () => {
  it('gives every action line a reason, and a five-digit code where one is sound', () => {
    for (const [line, mapping] of Object.entries(DAC_SECTORS)) {
      expect(mapping.rationale.length, line).toBeGreaterThan(20);
      if (mapping.dac) expect(mapping.dac).toMatch(/^\d{5}$/);
    }
  });
});
