/**
 * The Stocktaking's section of the reports (`stocktaking.figures`, issue 17): entries published in
 * the report's period, and in all as of its cut-off, as one chart per chosen figure (by action
 * line, SDG, region, stakeholder type, target group; the renderers put each chart's data table
 * after it). Every row of the reference lists is kept at zero, so figures of two years line up;
 * the target groups are all shown, women and girls and persons with disabilities always.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import type { ReportBlock, ReportSectionArgs, ReportSectionResult } from '../../../core/reports/document.js';
import { type ActionLine, findActionLines, findRegions, findSdgs, type Region, type Sdg } from '../../reference/queries.js';
import { STAKEHOLDER_TYPES } from '../inputs.js';
import { TARGET_GROUPS } from '../tables.js';
import { ALWAYS_SHOWN_TARGET_GROUPS, FIGURES, type Figure } from './options.js';
import { countEntriesBy, countPublishedEntries, type FigureFilters } from './queries.js';

/** The figures a template chose, in its order, once each (absent: all, in the default order). */
export const chosenFigures = (values: string[] | undefined): Figure[] =>
  values === undefined ? [...FIGURES] : [...new Set(values)].filter((v): v is Figure => (FIGURES as readonly string[]).includes(v));

/**
 * The template's filters as the entries store them: an action line with its sub-lines (C7 keeps
 * entries of C7.e-health), unknown codes left out. A filter naming every line or every SDG filters
 * nothing (an entry without an SDG is not left out because a template ticked all seventeen).
 */
export const filtersOf = (options: Record<string, string[]>, lines: ActionLine[], goals: Sdg[]): FigureFilters => {
  const chosenLines = new Set(options.actionLines ?? []);
  const lineCodes = lines.filter((l) => chosenLines.has(l.code) || (l.parent !== null && chosenLines.has(l.parent))).map((l) => l.code);
  const chosenGoals = new Set((options.sdgs ?? []).map(Number));
  const goalNumbers = goals.filter((g) => chosenGoals.has(g.number)).map((g) => g.number);
  return {
    actionLines: lineCodes.length === lines.length ? [] : lineCodes,
    sdgs: goalNumbers.length === goals.length ? [] : goalNumbers,
  };
};

/** A row of a figure; `ifAny`: shown only when some entry has it (entries without a region). */
type Row = { key: string; label: string; ifAny?: boolean };

/** Known rows in their order (zero kept), then any other key met in the data, by its code. */
const withCounts = (known: Row[], counts: Map<string, number>, fmt: ReturnType<typeof formatters>) => {
  const names = new Set(known.map((r) => r.key));
  const others = [...counts.keys()].filter((k) => !names.has(k)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...known, ...others.map((key) => ({ key, label: key }))]
    .filter((row) => !('ifAny' in row && row.ifAny) || (counts.get(row.key) ?? 0) > 0)
    .map(({ key, label }) => {
      const value = counts.get(key) ?? 0;
      return { label, value, display: fmt.number(value) };
    });
};

const LABEL_HEADINGS: Record<Figure, string> = {
  'action-line': 'stocktaking.facets.action_line',
  sdg: 'stocktaking.facets.sdg',
  region: 'stocktaking.facets.region',
  stakeholder: 'stocktaking.facets.stakeholder_type',
  'target-group': 'stocktaking.facets.target_group',
};

/** The rows of each figure, in the reference data's order and the report's language. */
const rowsOf = (figure: Figure, { locale, lines, goals, regions }: { locale: Locale; lines: ActionLine[]; goals: Sdg[]; regions: Region[] }): Row[] => {
  const t = translator(locale);
  const name = (value: Parameters<typeof localizeWithLocale>[0]) => localizeWithLocale(value, locale).text;
  switch (figure) {
    case 'action-line':
      return lines.map((l) => ({ key: l.code, label: `${l.code} ${name(l.short) || name(l.title)}` }));
    case 'sdg':
      return goals.map((g) => ({
        key: String(g.number),
        label: `${t('stocktaking.common.sdg_number', { number: g.number })}${t('core.text.colon')}${name(g.short)}`,
      }));
    case 'region':
      return [...regions.map((r) => ({ key: r.code, label: name(r.name) })), { key: '', label: t('stocktaking.reports.no_region'), ifAny: true }];
    case 'stakeholder':
      return STAKEHOLDER_TYPES.map((s) => ({ key: s, label: t(`accounts.stakeholder_types.${s}`) }));
    case 'target-group':
      return [...new Set([...ALWAYS_SHOWN_TARGET_GROUPS, ...TARGET_GROUPS])].map((g) => ({ key: g, label: t(`stocktaking.target_groups.${g}`) }));
  }
};

/** The last day of [start, end) as a date (an instant at midnight ends the day before). */
const lastDay = (end: Date) => new Date(end.getTime() - 1);

export const buildFiguresSection = async (db: DbOrTx, { from, to, asOf, locale, options }: ReportSectionArgs): Promise<ReportSectionResult> => {
  const t = translator(locale);
  const fmt = formatters(locale);
  const date = (d: Date) => fmt.date(d, { dateStyle: 'long' });
  const figures = chosenFigures(options.figures);
  // One statement after another: inside a transaction (a report made final) the client runs one at a time.
  const lines = await findActionLines(db);
  const goals = await findSdgs(db);
  const regions = await findRegions(db);
  const filters = filtersOf(options, lines, goals);
  // The period ends at the cut-off (or at its end, were the cut-off later).
  const end = new Date(Math.min(asOf.getTime(), to.getTime()));
  const totals = await countPublishedEntries(db, { from, until: end, asOf, filters });
  const counts: Awaited<ReturnType<typeof countEntriesBy>>[] = [];
  for (const figure of figures) counts.push(await countEntriesBy(db, figure, { from, asOf: end, filters }));
  const blocks: ReportBlock[] = [
    {
      type: 'paragraph',
      text: t('stocktaking.reports.totals', {
        period: totals.period,
        from: date(from),
        until: date(end.getTime() > from.getTime() ? lastDay(end) : from),
        total: totals.total,
        asOf: date(lastDay(asOf)),
      }),
    },
  ];
  if (filters.actionLines.length > 0 || filters.sdgs.length > 0) {
    const chosenLines = lines.filter((l) => l.parent === null || !filters.actionLines.includes(l.parent)).filter((l) => filters.actionLines.includes(l.code));
    const parts = [
      chosenLines.length > 0
        ? t('stocktaking.reports.filter_lines', {
            count: chosenLines.length,
            lines: fmt.list(
              chosenLines.map((l) => l.code),
              'unit',
            ),
          })
        : null,
      filters.sdgs.length > 0 ? t('stocktaking.reports.filter_sdgs', { count: filters.sdgs.length, goals: fmt.list(filters.sdgs.map(String), 'unit') }) : null,
    ].filter((p): p is string => p !== null);
    blocks.push({ type: 'paragraph', text: parts.join(' ') });
  }
  figures.forEach((figure, i) => {
    const data = withCounts(rowsOf(figure, { locale, lines, goals, regions }), counts[i] ?? new Map(), fmt);
    blocks.push({
      type: 'chart',
      title: t(`stocktaking.reports.chart_${figure}`),
      labelHeading: t(LABEL_HEADINGS[figure]),
      valueHeading: t('stocktaking.statistics.entries'),
      data,
    });
  });
  blocks.push({ type: 'note', text: t('stocktaking.reports.source', { date: date(lastDay(asOf)) }) });
  return { blocks };
};
