import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../../../core/reports/document.js';
import { MODULES } from '../../../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { reportSnapshots } from '../tables.js';
import { composeReport, ReportBuildError, reportPeriod } from './compose.js';
import { freezeSnapshot } from './snapshot.js';
import { insertReport, narrative, SECTIONS, testingModule } from './test-helpers.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const texts = (blocks: { type: string; text?: unknown }[]) => blocks.map((b) => ('text' in b && b.text !== undefined ? reportText(b.text as string) : b.type));

describe('the period of a report', () => {
  it('is the year, cut at the end of the cut-off day', () => {
    expect(reportPeriod(2026, '2026-12-31')).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), asOf: new Date('2027-01-01T00:00:00Z') });
    expect(reportPeriod(2026, '2026-06-30')).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z'), asOf: new Date('2026-07-01T00:00:00Z') });
    // A cut-off after the year: figures as of the end of the year, never after.
    expect(reportPeriod(2026, '2027-01-15').asOf).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});

describe('composeReport', () => {
  it('puts the first page in the report language and the narrative before the generated part', async () => {
    const { report, version } = await insertReport(database.db, { year: 2025 });
    const doc = await composeReport(database.db, [...MODULES, testingModule], { reportId: report.id, versionId: version.id, locale: 'fr', now: new Date('2026-02-03T10:00:00Z') });
    expect(doc.dir).toBe('ltr');
    expect(doc.front.organization).toBe('Union internationale des télécommunications');
    expect(doc.front.title).toBe('Report cstd 2025 (fr)');
    expect(doc.front.symbol).toBe('C26/99');
    expect(doc.front.dateLine).toBe('Date\u00a0: 3 février 2026');
    expect(doc.front.originalLine).toBe('Original\u00a0: anglais');
    expect(doc.front.periodLine).toBe('Période\u00a0: du 1 janvier 2025 au 31 décembre 2025 · données arrêtées au 31 décembre 2025');
    expect(doc.front.draftMark).toBe('Projet\u00a0: document non officiel');
    expect(doc.sections.map((s) => s.title)).toEqual(['Introduction (fr)', 'Table des matières']);
    expect(texts(doc.sections[0]?.blocks ?? [])).toEqual(['Le premier paragraphe.']);
    // No French narrative for the figures: none shown; the contribution's blocks follow.
    expect(texts(doc.sections[1]?.blocks ?? [])[0]).toMatch(/^Accounts counted: \d+ \(fr, sdgs all\)$/);
  });

  it('shows a narrative missing in the language in English, marked as such', async () => {
    const { version } = await insertReport(database.db, { year: 2024 });
    const doc = await composeReport(database.db, [...MODULES, testingModule], { versionId: version.id, locale: 'ar' });
    expect(doc.dir).toBe('rtl');
    const intro = doc.sections[0]?.blocks ?? [];
    expect(intro[0]).toEqual({ type: 'paragraph', text: 'The first paragraph.', lang: 'en' });
    expect(intro[1]).toEqual({ type: 'paragraph', text: 'The second paragraph.', lang: 'en' });
    expect(intro[2]).toEqual({ type: 'note', text: '(باللغة الإنجليزية)' });
  });

  it('repeats a forEach section once per SDG under review, with its action lines', async () => {
    const sections = [{ id: 'goals', title: { en: 'Goals' }, source: 'testing.accounts', narrative: true, forEach: 'hlpf-sdgs' as const, options: { figures: ['region'] } }];
    const { version } = await insertReport(database.db, {
      templateKey: 'hlpf',
      year: 2026,
      sections,
      hlpfGoals: { 2026: [6, 7] },
      narratives: { 'goals.sdg-7': narrative({ en: 'On energy.' }) },
    });
    const doc = await composeReport(database.db, [...MODULES, testingModule], { versionId: version.id, locale: 'en' });
    expect(doc.sections.map((s) => s.id)).toEqual(['goals.sdg-6', 'goals.sdg-7']);
    expect(doc.sections[0]?.title).toMatch(/^SDG 6: \S/);
    expect(doc.sections[1]?.title).toMatch(/^SDG 7: \S/);
    const seven = texts(doc.sections[1]?.blocks ?? []);
    expect(seven[0]).toMatch(/^WSIS action lines linked to this Goal in the WSIS–SDG Matrix: C\d/);
    expect(seven[1]).toBe('On energy.');
    expect(seven[2]).toMatch(/sdgs 7\)$/);
  });

  it('refuses a section whose module is absent, naming the section and the module, and writes nothing', async () => {
    const { version } = await insertReport(database.db, { templateKey: 'council', year: 2026 });
    const attempt = composeReport(database.db, MODULES, { versionId: version.id, locale: 'en' });
    await expect(attempt).rejects.toBeInstanceOf(ReportBuildError);
    await expect(attempt).rejects.toMatchObject({ key: 'reports.build.section_module_absent', values: { section: 'Accounts', module: 'testing' } });
    const before = (await database.db.select({ n: count() }).from(reportSnapshots))[0]?.n;
    await expect(database.db.transaction((tx) => freezeSnapshot(tx, MODULES, version.id))).rejects.toBeInstanceOf(ReportBuildError);
    expect((await database.db.select({ n: count() }).from(reportSnapshots))[0]?.n).toBe(before);
    expect(SECTIONS).toHaveLength(2);
  });
});
