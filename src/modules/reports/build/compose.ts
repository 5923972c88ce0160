/**
 * Composing a report: its first page and its sections in one language, from the report's template
 * sections, the version's narratives and the sections other modules contribute
 * (`contributes.reportSections`, read through the core's `contributions`). The result is a
 * ReportDocument (../document.ts): every string already in the report's language, so the
 * renderers (output/) and a final report's snapshot (snapshot.ts) need nothing else.
 */
import { eq } from 'drizzle-orm';
import { contributions, type ReportSectionContribution } from '../../../core/contributions.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { dir, type Locale, type Localized } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import type { PlatformModule } from '../../../core/module.js';
import type { ReportBlock, ReportSectionArgs, ReportText } from '../../../core/reports/document.js';
import { findMatrixLinks, findSdgs } from '../../reference/queries.js';
import type { ReportDocument, ReportFront, ReportSectionDocument } from '../document.js';
import { narrativeBlocks } from '../narrative.js';
import { languageNameIn } from '../../../core/views/LocalizedText.js';
import { type Narrative, reports, reportTemplates, reportVersions, type TemplateSection } from '../tables.js';

const DAY_MS = 86_400_000;

/**
 * A report that cannot be built as asked, with the message key (of this module's catalog) and its
 * values: shown to the secretariat on the build page, printed by `wsis report build`. Thrown before
 * anything is written.
 */
export class ReportBuildError extends Error {
  override name = 'ReportBuildError';
  constructor(
    readonly key: string,
    readonly values: Record<string, string> = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
  }
}

/**
 * The period of a report of `year` cut at `cutoff` (the last day of data, inclusive): the year
 * [1 January, 1 January next year), ended earlier by the cut-off; figures as they stood at the end
 * of the cut-off day (UTC), never after the period's end.
 */
export const reportPeriod = (year: number, cutoff: string) => {
  const from = new Date(Date.UTC(year, 0, 1));
  const nextYear = Date.UTC(year + 1, 0, 1);
  const endOfCutoff = Date.parse(`${cutoff}T00:00:00Z`) + DAY_MS;
  const to = new Date(Math.max(from.getTime(), Math.min(nextYear, endOfCutoff)));
  return { from, to, asOf: new Date(Math.min(endOfCutoff, to.getTime())) };
};

/** A section of the report as built: the template's section, or one copy of a `forEach` section. */
type PlannedSection = { id: string; narrativeIds: string[]; section: TemplateSection; options: Record<string, string[]>; title?: string; preface: ReportBlock[] };

const withLang = (blocks: ReportBlock[], lang: Locale): ReportBlock[] => {
  const runs = (text: ReportText): ReportText => (typeof text === 'string' ? [{ text, lang }] : text.map((r) => ({ lang, ...r })));
  return blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return { ...block, lang: block.lang ?? lang };
      case 'heading':
      case 'note':
        return { ...block, text: runs(block.text) };
      case 'list':
        return { ...block, items: block.items.map(runs) };
      default:
        return block;
    }
  });
};

/** The rows a composition reads: the version, its report and the report's template. */
export const loadVersion = async (db: DbOrTx, versionId: number) => {
  const [row] = await db
    .select({ version: reportVersions, report: reports, template: reportTemplates })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .innerJoin(reportTemplates, eq(reportTemplates.key, reports.templateKey))
    .where(eq(reportVersions.id, versionId));
  if (!row) throw new ReportBuildError('reports.build.no_version', { version: String(versionId) });
  return row;
};

export type ComposeOptions = { reportId?: number; versionId: number; locale: Locale; now?: Date };

/**
 * The document of `versionId` in `locale`, from the live data as of the report's cut-off. Throws a
 * ReportBuildError (nothing is written: composing only reads) when a section names a contribution
 * no module of `modules` gives.
 */
export const composeReport = async (db: DbOrTx, modules: readonly PlatformModule[], { reportId, versionId, locale, now = new Date() }: ComposeOptions): Promise<ReportDocument> => {
  const { version, report, template } = await loadVersion(db, versionId);
  if (reportId !== undefined && report.id !== reportId) throw new ReportBuildError('reports.build.no_version', { version: String(versionId) });
  const t = translator(locale);
  const f = formatters(locale);
  const localize = (value: Localized | null | undefined) => localizeWithLocale(value, locale).text;
  const sources = new Map(contributions(modules, 'reportSections').map(({ module, contribution }) => [contribution.id, { module, contribution }]));
  const final = version.final;

  // The plan: every section, `forEach` ones expanded, each checked against the contributions first.
  const planned: PlannedSection[] = [];
  let goals: Awaited<ReturnType<typeof findSdgs>> | undefined;
  for (const section of report.sections) {
    if (section.forEach === 'hlpf-sdgs') {
      goals ??= await findSdgs(db);
      for (const n of template.hlpfGoals[String(report.year)] ?? []) {
        const goal = goals.find((g) => g.number === n);
        const links = await findMatrixLinks(db, { sdg: n });
        const lines = [...new Set(links.map((l) => l.actionLine))];
        planned.push({
          id: `${section.id}.sdg-${n}`,
          narrativeIds: [`${section.id}.sdg-${n}`, section.id],
          section,
          options: { ...section.options, sdgs: [String(n)] },
          title: t('reports.build.sdg_title', { number: n, name: localize(goal?.short) }),
          preface: lines.length ? [{ type: 'note', text: t('reports.build.sdg_action_lines', { lines: f.list(lines, 'unit') }) }] : [],
        });
      }
    } else {
      planned.push({ id: section.id, narrativeIds: [section.id], section, options: section.options ?? {}, preface: [] });
    }
  }
  for (const { section } of planned) {
    if (section.source && !sources.has(section.source)) {
      throw new ReportBuildError('reports.build.section_module_absent', { section: localize(section.title), module: section.source.split('.')[0] ?? section.source });
    }
  }

  const period = reportPeriod(report.year, report.cutoff);
  const sectionTitle = (planned: PlannedSection, contribution: ReportSectionContribution | undefined) => {
    if (planned.title) return planned.title;
    const own = planned.section.title[locale];
    if (own) return own;
    if (contribution) return t(contribution.title.key, contribution.title.values);
    return localize(planned.section.title);
  };

  const sections: ReportSectionDocument[] = [];
  for (const plan of planned) {
    const found = plan.section.source ? sources.get(plan.section.source) : undefined;
    const blocks: ReportBlock[] = [...plan.preface];
    if (plan.section.narrative) {
      const narrative = plan.narrativeIds.map((id) => version.narratives[id]).find((n): n is Narrative => Boolean(n));
      const shown = localizeWithLocale(narrative?.text, locale);
      const own = narrativeBlocks(shown.text);
      if (own.length && shown.locale !== locale) {
        blocks.push(...withLang(own, shown.locale), { type: 'note', text: t('reports.build.narrative_in', { language: languageNameIn(locale, shown.locale) }) });
      } else blocks.push(...own);
    }
    if (found) {
      const args: ReportSectionArgs = { ...period, locale, options: plan.options };
      blocks.push(...(await found.contribution.build(db, args)).blocks);
    }
    sections.push({ id: plan.id, title: sectionTitle(plan, found?.contribution), blocks });
  }

  const longDate = (d: Date) => f.date(d, { dateStyle: 'long' });
  const lastDay = (d: Date) => new Date(d.getTime() - DAY_MS);
  const front: ReportFront = {
    organization: t('reports.build.front.organization'),
    title: localize(report.title),
    symbol: report.symbol,
    dateLine: t('reports.build.front.date', { date: longDate(final ? (report.finalizedAt ?? version.createdAt) : now) }),
    originalLine: t('reports.build.front.original', { language: languageNameIn(locale, report.originalLanguage) }),
    distributionLine: t(`reports.build.front.distribution_${report.distribution}`),
    periodLine: t('reports.build.front.period', { from: longDate(period.from), to: longDate(lastDay(period.to)), asOf: longDate(lastDay(period.asOf)) }),
    contentsHeading: t('reports.build.front.contents'),
    draftMark: final ? null : t('reports.build.front.draft'),
  };
  return { locale, dir: dir(locale), front, sections };
};
