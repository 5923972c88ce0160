/**
 * Test fixtures of the build (tests only): a template, a report and its versions written as rows,
 * and a small module contributing a section that reads live data (the number of accounts), so a
 * frozen report can be shown not to move when the data does.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../core/module.js';
import { localized } from '../../../test/factories.js';
import { type Narrative, reports, reportTemplates, reportVersions, type TemplateKey, type TemplateSection } from '../tables.js';

export const SECTIONS: TemplateSection[] = [
  { id: 'intro', title: localized('Introduction'), narrative: true },
  { id: 'figures', title: { en: 'Accounts' }, source: 'testing.accounts', narrative: true },
];

/** A module whose section counts the accounts (live: no cut-off), and gives a chart and a table. */
export const testingModule: PlatformModule = {
  id: 'testing',
  contributes: {
    reportSections: [
      {
        id: 'testing.accounts',
        title: { key: 'reports.build.front.contents' },
        build: async (db, args) => {
          const { rows } = await db.execute<{ n: number | string }>(sql`select count(*) as n from auth_users`);
          const n = Number(rows[0]?.n ?? 0);
          return {
            blocks: [
              { type: 'paragraph', text: `Accounts counted: ${n} (${args.locale}, sdgs ${(args.options.sdgs ?? []).join('+') || 'all'})` },
              { type: 'table', caption: 'Accounts', columns: [{ label: 'Kind' }, { label: 'Number', numeric: true }], rows: [['all', { text: String(n), value: n }]] },
            ],
          };
        },
      },
    ],
  },
};

export const narrative = (text: Partial<Record<Locale, string>>): Narrative => ({ text, translations: {} });

/** A template, a report of `year` and a first version (draft), as rows. */
export const insertReport = async (
  db: DbOrTx,
  {
    templateKey = 'cstd',
    year = 2026,
    cutoff = `${year}-12-31`,
    sections = SECTIONS,
    hlpfGoals = {},
    narratives = { intro: narrative({ en: 'The first paragraph.\n\nThe second paragraph.', fr: 'Le premier paragraphe.' }) },
  }: { templateKey?: TemplateKey; year?: number; cutoff?: string; sections?: TemplateSection[]; hlpfGoals?: Record<string, number[]>; narratives?: Record<string, Narrative> } = {},
) => {
  await db
    .insert(reportTemplates)
    .values({ key: templateKey, title: localized(`Template ${templateKey}`), sections, hlpfGoals })
    // The seeded template is there already: the test's goals replace its own.
    .onConflictDoUpdate({ target: reportTemplates.key, set: { hlpfGoals } });
  const [report] = await db
    .insert(reports)
    .values({ templateKey, year, title: localized(`Report ${templateKey} ${year}`), sections, cutoff, symbol: 'C26/99' })
    .returning();
  if (!report) throw new Error('report not created');
  const [version] = await db.insert(reportVersions).values({ reportId: report.id, number: 1, state: 'draft', narratives }).returning();
  if (!version) throw new Error('version not created');
  return { report, version };
};
