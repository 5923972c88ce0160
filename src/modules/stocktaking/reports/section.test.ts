/**
 * The Stocktaking's report section (`stocktaking.figures`) as the reports module calls it, through
 * the manifest: its figures against counts made here with plain SQL, the cut-off, the filters, and
 * the two target groups shown at zero. Runs on PGlite and on PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributions } from '../../../core/contributions.js';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { cellText, type ReportBlock, reportText, type ReportSectionArgs } from '../../../core/reports/document.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { STAKEHOLDER_TYPES } from '../inputs.js';
import { stocktakingModule } from '../module.js';
import { TARGET_GROUPS } from '../tables.js';
import { insertPublishedEntry } from '../test-helpers.js';

let database: TestDatabase;
const section = contributions([stocktakingModule], 'reportSections').find((s) => s.contribution.id === 'stocktaking.figures')?.contribution;

const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-01-01T00:00:00Z');
const AS_OF = new Date('2025-10-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

const build = (options: Record<string, string[]> = {}, locale: Locale = 'en', window: Partial<ReportSectionArgs> = {}) => {
  if (!section) throw new Error('stocktaking.figures is not in the manifest');
  return section.build(database.db, { from: FROM, to: TO, asOf: AS_OF, locale, options, ...window });
};

type Chart = Extract<ReportBlock, { type: 'chart' }>;
const charts = (blocks: ReportBlock[]) => blocks.filter((b): b is Chart => b.type === 'chart');

/** A count made here, independently of the section: published entries of [from, asOf) matching `where`. */
const countWhere = async (where: ReturnType<typeof sql>, window: { from?: Date; asOf?: Date } = {}) => {
  const from = (window.from ?? FROM).toISOString();
  const asOf = (window.asOf ?? AS_OF).toISOString();
  const { rows } = await database.db.execute<{ n: string | number }>(
    sql`select count(*) as n from stocktaking_entries where state = 'published' and published_at >= ${from}::timestamptz and published_at < ${asOf}::timestamptz and (${where})`,
  );
  return Number(rows[0]?.n);
};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  // Before the period (counted in the total only), in the period before the cut-off, after the cut-off (not at all).
  await insertPublishedEntry(db, { publishedAt: at('2024-06-01T00:00:00Z'), actionLines: ['C1'], sdgs: [1], targetGroups: ['youth'] });
  await insertPublishedEntry(db, { publishedAt: at('2024-12-31T23:59:59Z'), actionLines: ['C2'], sdgs: [9] });
  await insertPublishedEntry(db, { publishedAt: FROM, actionLines: ['C2', 'C5'], sdgs: [9, 16], region: 'AFR', leadCountry: 'KE', stakeholderType: 'civil-society' });
  await insertPublishedEntry(db, { publishedAt: at('2025-03-10T12:00:00Z'), actionLines: ['C7.e-health', 'C7.e-learning'], sdgs: [3, 4], targetGroups: ['youth', 'children'] });
  await insertPublishedEntry(db, { publishedAt: at('2025-05-01T08:00:00Z'), actionLines: ['C7', 'C7.e-health'], sdgs: [], region: null, leadCountry: 'AQ' });
  await insertPublishedEntry(db, { publishedAt: at('2025-07-14T00:00:00Z'), actionLines: ['C5'], sdgs: [16], region: 'ASP', leadCountry: 'JP', stakeholderType: 'academia' });
  await insertPublishedEntry(db, {
    publishedAt: at('2025-09-30T23:59:59Z'),
    actionLines: ['C11'],
    sdgs: [17],
    region: 'AMS',
    leadCountry: 'BR',
    stakeholderType: 'private-sector',
  });
  // At the cut-off and after: left out.
  await insertPublishedEntry(db, { publishedAt: AS_OF, actionLines: ['C2'], sdgs: [9], targetGroups: ['women-and-girls'] });
  await insertPublishedEntry(db, { publishedAt: at('2025-11-20T00:00:00Z'), actionLines: ['C3'], targetGroups: ['persons-with-disabilities'] });
  // Not published: never counted.
  await insertPublishedEntry(db, { state: 'submitted', publishedAt: at('2025-04-01T00:00:00Z'), actionLines: ['C2'], targetGroups: ['women-and-girls'] });
  await insertPublishedEntry(db, { state: 'rejected', publishedAt: at('2025-04-02T00:00:00Z'), actionLines: ['C4'] });
});
afterAll(async () => database?.drop());

describe('stocktaking.figures', () => {
  it('is declared in the manifest with its options, their labels and choices', () => {
    expect(section?.title).toEqual({ key: 'stocktaking.reports.title' });
    expect(section?.options?.map((o) => o.name)).toEqual(['figures', 'actionLines', 'sdgs']);
    expect(section?.options?.[0]?.choices?.map((c) => c.value)).toEqual(['action-line', 'sdg', 'region', 'stakeholder', 'target-group']);
    expect(section?.options?.[1]?.reference).toBe('action-lines');
    expect(section?.options?.[2]?.reference).toBe('sdgs');
  });

  it('counts the entries published in the period before the cut-off, and all those published before it', async () => {
    const { blocks } = await build();
    const period = await countWhere(sql`true`);
    const { rows } = await database.db.execute<{ n: string | number }>(
      sql`select count(*) as n from stocktaking_entries where state = 'published' and published_at < ${AS_OF.toISOString()}::timestamptz`,
    );
    const total = Number(rows[0]?.n);
    expect([period, total]).toEqual([5, 7]);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      text: '5 entries were published in the WSIS Stocktaking database from January 1, 2025 to September 30, 2025. As of September 30, 2025, the database held 7 published entries.',
    });
    expect(blocks.at(-1)).toEqual({ type: 'note', text: 'Source: WSIS Stocktaking database, figures as of September 30, 2025.' });
    // Every chart of the period adds up to its entries where each entry has exactly one value.
    const byName = charts(blocks);
    expect(byName.map((c) => c.title)).toEqual([
      'Entries published in the period, by action line',
      'Entries published in the period, by Sustainable Development Goal',
      'Entries published in the period, by ITU region',
      'Entries published in the period, by stakeholder type',
      'Entries published in the period, by target group',
    ]);
    for (const chart of [byName[2], byName[3]]) expect(chart?.data.reduce((s, d) => s + d.value, 0)).toBe(period);
    // The period ends at `to` were the cut-off later; the total goes to the cut-off.
    const beyond = await build({ figures: ['region'] }, 'en', { to: at('2025-06-01T00:00:00Z'), asOf: TO });
    expect(reportText((beyond.blocks[0] as { text: string }).text)).toBe(
      `${await countWhere(sql`true`, { asOf: at('2025-06-01T00:00:00Z') })} entries were published in the WSIS Stocktaking database from January 1, 2025 to May 31, 2025. As of December 31, 2025, the database held 9 published entries.`,
    );
    expect(charts(beyond.blocks)[0]?.data.reduce((s, d) => s + d.value, 0)).toBe(3);
    // A later cut-off takes the entries published since.
    const later = await build({}, 'en', { asOf: TO });
    expect(reportText((later.blocks[0] as { text: string }).text)).toContain('7 entries were published');
    expect(reportText((later.blocks[0] as { text: string }).text)).toContain('the database held 9 published entries');
  });

  it('gives every figure as counted independently with SQL, every reference row kept (zeros too)', async () => {
    const { blocks } = await build();
    const [lines, goals, regions, stakeholders, groups] = charts(blocks);
    const { rows: lineRows } = await database.db.execute<{ code: string }>(sql`select code from reference_action_lines order by position`);
    expect(lines?.data.map((d) => d.label.split(' ')[0])).toEqual(lineRows.map((r) => r.code));
    expect(lines?.labelHeading).toBe('Action line');
    expect(lines?.valueHeading).toBe('Entries');
    for (const [i, { code }] of lineRows.entries()) {
      // A line counts its sub-lines' entries too (each entry once).
      const expected = await countWhere(sql`exists (select 1 from unnest(action_lines) a where a = ${code} or a like ${`${code}.%`})`);
      expect(lines?.data[i]?.value, code).toBe(expected);
    }
    expect(lines?.data.find((d) => d.label.startsWith('C7 '))?.value).toBe(2);
    expect(lines?.data.find((d) => d.label.startsWith('C7.e-health '))?.value).toBe(2);
    expect(lines?.data.find((d) => d.label.startsWith('C9 '))).toEqual({ label: 'C9 Media', value: 0, display: '0' });

    expect(goals?.data).toHaveLength(17);
    for (let n = 1; n <= 17; n++) expect(goals?.data[n - 1]?.value, `SDG ${n}`).toBe(await countWhere(sql`${n} = any(sdgs)`));
    expect(goals?.data[15]?.label).toBe('SDG 16: Peace, justice and strong institutions');

    const { rows: regionRows } = await database.db.execute<{ code: string }>(sql`select code from reference_regions order by code`);
    for (const [i, { code }] of regionRows.entries()) expect(regions?.data[i]?.value, code).toBe(await countWhere(sql`region = ${code}`));
    // The entry whose country has no ITU region: a last row, shown because it is not empty.
    expect(regions?.data.at(-1)).toEqual({ label: 'No ITU region', value: await countWhere(sql`region is null`), display: '1' });
    expect(regions?.data).toHaveLength(regionRows.length + 1);

    expect(stakeholders?.data.map((d) => d.label)).toEqual(['Government', 'Private sector', 'Civil society', 'International organization', 'Academia', 'Other']);
    for (const [i, type] of STAKEHOLDER_TYPES.entries()) expect(stakeholders?.data[i]?.value, type).toBe(await countWhere(sql`stakeholder_type = ${type}`));

    const groupOrder = ['women-and-girls', 'persons-with-disabilities', ...TARGET_GROUPS.filter((g) => g !== 'women-and-girls' && g !== 'persons-with-disabilities')];
    expect(groups?.data).toHaveLength(TARGET_GROUPS.length);
    for (const [i, group] of groupOrder.entries()) expect(groups?.data[i]?.value, group).toBe(await countWhere(sql`${group} = any(target_groups)`));
  });

  it('always shows women and girls and persons with disabilities, at zero, in every language', async () => {
    for (const locale of LOCALES) {
      const { blocks } = await build({ figures: ['target-group'] }, locale);
      const [groups] = charts(blocks);
      expect(charts(blocks)).toHaveLength(1);
      expect(groups?.data.slice(0, 2).map((d) => d.value)).toEqual([0, 0]);
      expect(groups?.data.slice(0, 2).map((d) => d.display)).toEqual([0, 0].map((n) => new Intl.NumberFormat(locale).format(n)));
      // Their labels are the catalog's in the language, not keys.
      for (const d of groups?.data ?? []) expect(d.label).not.toMatch(/^stocktaking\./);
      for (const block of blocks) expect(JSON.stringify(block)).not.toMatch(/stocktaking\.reports\./);
    }
    const [fr] = charts((await build({ figures: ['target-group'] }, 'fr')).blocks);
    expect(fr?.data.slice(0, 2).map((d) => d.label)).toEqual(['Femmes et filles', 'Personnes handicapées']);
  });

  it('keeps only the entries of the chosen action lines (a line with its sub-lines) and SDGs', async () => {
    const c5 = await build({ actionLines: ['C5'] });
    expect(reportText((c5.blocks[0] as { text: string }).text)).toMatch(/^2 entries were published/);
    expect(c5.blocks[1]).toEqual({ type: 'paragraph', text: 'Only entries concerning action line C5 are counted.' });
    const [lines, , , stakeholders] = charts(c5.blocks);
    expect(lines?.data.find((d) => d.label.startsWith('C2 '))?.value).toBe(await countWhere(sql`'C5' = any(action_lines) and 'C2' = any(action_lines)`));
    expect(stakeholders?.data.reduce((s, d) => s + d.value, 0)).toBe(await countWhere(sql`'C5' = any(action_lines)`));

    // C7 keeps the entries of its sub-lines; C7.e-learning alone keeps only its own.
    const c7 = await build({ actionLines: ['C7'], figures: ['stakeholder'] });
    expect(charts(c7.blocks)[0]?.data.reduce((s, d) => s + d.value, 0)).toBe(await countWhere(sql`exists (select 1 from unnest(action_lines) a where a like 'C7%')`));
    const learning = await build({ actionLines: ['C7.e-learning'], figures: ['stakeholder'] });
    expect(charts(learning.blocks)[0]?.data.reduce((s, d) => s + d.value, 0)).toBe(1);

    // Lines or SDGs: both filters apply together; unknown codes are left out.
    const both = await build({ actionLines: ['C2', 'C5', 'C99'], sdgs: ['16', '99'], figures: ['sdg'] });
    const [goals] = charts(both.blocks);
    expect(goals?.data[15]?.value).toBe(await countWhere(sql`action_lines && array['C2','C5']::text[] and 16 = any(sdgs)`));
    expect(goals?.data[15]?.value).toBe(2);
    expect(both.blocks[1]).toEqual({
      type: 'paragraph',
      text: 'Only entries concerning at least one of the action lines C2, C5 are counted. Only entries concerning Sustainable Development Goal 16 are counted.',
    });
    // Every SDG ticked filters nothing (entries without an SDG stay).
    const all = await build({ sdgs: Array.from({ length: 17 }, (_, i) => String(i + 1)), figures: [] });
    expect(all.blocks).toHaveLength(2);
    expect(reportText((all.blocks[0] as { text: string }).text)).toMatch(/^5 entries/);
  });

  it('draws the figures the template chose, in its order', async () => {
    const { blocks } = await build({ figures: ['region', 'action-line', 'region', 'unknown'] });
    expect(charts(blocks).map((c) => c.labelHeading)).toEqual(['ITU region', 'Action line']);
    // The table cells a renderer would draw read the same.
    expect(cellText({ text: charts(blocks)[0]?.data[0]?.display ?? '', value: 0 })).toBe('1');
  });

  it('formats numbers and dates in the report’s language', async () => {
    const ar = await build({ figures: ['sdg'] }, 'ar');
    const arText = reportText((ar.blocks[0] as { text: string }).text);
    expect(arText).toContain(new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(AS_OF.getTime() - 1));
    const zh = await build({ figures: ['sdg'] }, 'zh');
    expect(reportText((zh.blocks[0] as { text: string }).text)).toContain('2025年9月30日');
    expect(charts(zh.blocks)[0]?.data[8]?.label).toMatch(/^可持续发展目标9：/);
  });
});
