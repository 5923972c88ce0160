/**
 * The consultations' part of the reports (`consultations.syntheses`): the synthesis of each
 * consultation whose results are published and which closed in the report's period, before its
 * cut-off (the frozen synthesis where it exists), as report blocks in the report's language — the
 * blocks of what SynthesisDocument shows: method, participation tables, each question's chart and
 * table, themes with their quotes, campaign groups.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { formatters, translator } from '../../../core/i18n/translate.js';
import type { ReportBlock, ReportCell, ReportRun, ReportSectionArgs, ReportSectionResult, ReportText } from '../../../core/reports/document.js';
import { findPublishedClosedBetween } from './queries.js';
import type { Figure, QuestionResult } from './results.js';
import { currentSynthesis, type Synthesis } from './synthesis.js';

const DIMENSIONS = ['kind', 'stakeholder', 'region', 'country', 'gender', 'language', 'version'];
const MARK = '\u0000';

const languageOf = (code: string): Locale | undefined => ((LOCALES as readonly string[]).includes(code) ? (code as Locale) : undefined);

/** The blocks of one synthesis: its headings at `level` and below. */
export const synthesisBlocks = ({ synthesis, locale, frozen }: { synthesis: Synthesis; locale: Locale; frozen: { at: Date; by: string | null } | null }): ReportBlock[] => {
  const t = translator(locale);
  const fmt = formatters(locale);
  const n = (value: number): ReportCell => ({ text: fmt.number(value), value });
  const percent = (value: number): ReportCell => ({ text: fmt.number(value / 100, { style: 'percent', maximumFractionDigits: 1 }), value });
  const decimal = (value: number | null): ReportCell => (value === null ? '—' : { text: fmt.number(value, { maximumFractionDigits: 2 }), value });
  const shown = (value: number | null) => (value === null ? '—' : fmt.number(value, { maximumFractionDigits: 2 }));
  /** A message whose value `name` is a user's text: that text isolated (its direction may differ). */
  const withText = (key: string, values: Record<string, string | number>, name: string): ReportText => {
    const user = String(values[name] ?? '');
    const parts = t(key, { ...values, [name]: MARK }).split(MARK);
    const runs: ReportRun[] = [];
    parts.forEach((part, i) => {
      if (part) runs.push({ text: part });
      if (i < parts.length - 1) runs.push({ text: user, isolate: true });
    });
    return runs;
  };
  const figuresTable = (caption: string, valueHeader: string, figures: Figure[]): ReportBlock => ({
    type: 'table',
    caption,
    rowHeader: true,
    columns: [
      { label: valueHeader },
      { label: t('consultations.results.count_as_submitted'), numeric: true },
      { label: t('consultations.results.percent_as_submitted'), numeric: true },
      { label: t('consultations.results.count_campaigns_once'), numeric: true },
      { label: t('consultations.results.percent_campaigns_once'), numeric: true },
    ],
    rows: figures.map((f) => [
      [{ text: f.label, isolate: true }],
      n(f.count.asSubmitted),
      percent(f.percent.asSubmitted),
      n(f.count.campaignsOnce),
      percent(f.percent.campaignsOnce),
    ]),
  });
  const chart = (title: string, labelHeading: string, valueHeading: string, data: { label: string; value: number }[], format = (v: number) => fmt.number(v)): ReportBlock => ({
    type: 'chart',
    title,
    labelHeading,
    valueHeading,
    data: data.map((d) => ({ label: d.label, value: d.value, display: format(d.value) })),
  });
  const question = (q: QuestionResult): ReportBlock[] => {
    const blocks: ReportBlock[] = [{ type: 'heading', level: 4, text: [{ text: q.label, isolate: true }] }];
    const respondents = t('consultations.results.respondents', { count: q.respondents.asSubmitted, once: q.respondents.campaignsOnce, missing: q.notAnswered });
    const versions =
      q.versions.length > 0
        ? ` ${t('consultations.results.answered_on_versions', { versions: fmt.list(q.versions.map((v) => t('consultations.results.version_count', { version: v.version, count: v.count }))) })}`
        : '';
    blocks.push({ type: 'paragraph', text: `${respondents}${versions}` });
    if (q.mean) blocks.push({ type: 'paragraph', text: t('consultations.results.mean', { asSubmitted: shown(q.mean.asSubmitted), once: shown(q.mean.campaignsOnce) }) });
    const counted = t('consultations.results.count_as_submitted');
    if (q.type === 'ranking') {
      blocks.push(
        chart(
          t('consultations.results.borda_title', { question: q.label }),
          t('consultations.results.option'),
          t('consultations.results.borda_as_submitted'),
          q.ranking.map((r) => ({ label: r.label, value: r.borda.asSubmitted })),
          shown,
        ),
        {
          type: 'table',
          caption: t('consultations.results.borda_title', { question: q.label }),
          rowHeader: true,
          columns: [
            { label: t('consultations.results.option') },
            { label: t('consultations.results.mean_rank_as_submitted'), numeric: true },
            { label: t('consultations.results.borda_as_submitted'), numeric: true },
            { label: t('consultations.results.mean_rank_campaigns_once'), numeric: true },
            { label: t('consultations.results.borda_campaigns_once'), numeric: true },
          ],
          rows: q.ranking.map((r) => [
            [{ text: r.label, isolate: true }],
            decimal(r.meanRank.asSubmitted),
            decimal(r.borda.asSubmitted),
            decimal(r.meanRank.campaignsOnce),
            decimal(r.borda.campaignsOnce),
          ]),
        },
      );
    } else if (q.figures.length > 0) {
      const scale = q.type === 'scale';
      const title = t(scale ? 'consultations.results.distribution' : 'consultations.results.figures_title', { question: q.label });
      const header = t(scale ? 'consultations.results.value' : 'consultations.results.answer');
      blocks.push(
        chart(
          title,
          header,
          counted,
          q.figures.map((f) => ({ label: f.label, value: f.count.asSubmitted })),
        ),
        figuresTable(title, header, q.figures),
      );
    }
    if (q.themes.length > 0) {
      const title = t('consultations.results.themes_title', { question: q.label });
      blocks.push(
        chart(
          title,
          t('consultations.results.theme'),
          counted,
          q.themes.map((f) => ({ label: f.label, value: f.count.asSubmitted })),
        ),
        figuresTable(title, t('consultations.results.theme'), q.themes),
      );
    }
    return blocks;
  };

  const blocks: ReportBlock[] = [{ type: 'heading', level: 2, text: withText('consultations.results.synthesis_title', { title: synthesis.title }, 'title') }];
  if (frozen)
    blocks.push({ type: 'paragraph', text: withText('consultations.results.frozen_on', { date: fmt.date(frozen.at, { dateStyle: 'long' }), name: frozen.by ?? '—' }, 'name') });
  blocks.push({ type: 'heading', level: 3, text: t('consultations.results.method_title') }, ...synthesis.method.map((p): ReportBlock => ({ type: 'paragraph', text: p })));
  const participation = synthesis.participation;
  blocks.push(
    { type: 'heading', level: 3, text: t('consultations.results.participation_title') },
    { type: 'paragraph', text: t('consultations.results.participation_total', { count: participation.answers.asSubmitted, once: participation.answers.campaignsOnce }) },
  );
  for (const d of DIMENSIONS.filter((d) => participation.byDimension[d])) {
    const rows = participation.byDimension[d] ?? [];
    if (rows.length === 0) continue;
    blocks.push({
      type: 'table',
      caption: t(`consultations.results.dimension_${d}`),
      rowHeader: true,
      columns: [
        { label: t('consultations.results.group') },
        { label: t('consultations.results.count_as_submitted'), numeric: true },
        { label: t('consultations.results.count_campaigns_once'), numeric: true },
      ],
      rows: rows.map((r) => [[{ text: r.label, isolate: true }], n(r.count.asSubmitted), n(r.count.campaignsOnce)]),
    });
  }
  blocks.push({ type: 'heading', level: 3, text: t('consultations.results.questions_title') }, ...synthesis.questions.flatMap(question));
  blocks.push({ type: 'heading', level: 3, text: t('consultations.results.themes_heading') });
  if (synthesis.themes.length === 0) blocks.push({ type: 'paragraph', text: t('consultations.results.no_themes') });
  for (const th of synthesis.themes) {
    blocks.push({
      type: 'heading',
      level: 4,
      text: t('consultations.results.theme_line', { theme: th.label, question: th.question, count: th.count.asSubmitted, once: th.count.campaignsOnce }),
    });
    for (const q of th.quotes) blocks.push(quote(q.text, q.language));
  }
  blocks.push({ type: 'heading', level: 3, text: t('consultations.results.campaigns_title') });
  if (synthesis.campaigns.length === 0) blocks.push({ type: 'paragraph', text: t('consultations.results.no_campaigns') });
  for (const c of synthesis.campaigns)
    blocks.push({ type: 'paragraph', text: t('consultations.results.campaign_line', { question: c.question, size: c.size }) }, quote(c.text, c.language));
  return blocks;
};

/** A quoted answer: in italics, in its own language when known. */
const quote = (text: string, language: string): ReportBlock => {
  const lang = languageOf(language);
  return lang ? { type: 'paragraph', text: [{ text, italic: true, isolate: true }], lang } : { type: 'paragraph', text: [{ text, italic: true, isolate: true }] };
};

/** The section: every published consultation that closed in [from, to) and before `asOf`, in order of closing. */
export const buildReportSection = async (db: DbOrTx, { from, to, asOf, locale }: ReportSectionArgs): Promise<ReportSectionResult> => {
  const ids = await findPublishedClosedBetween(db, { from, to, before: asOf });
  if (ids.length === 0) return { blocks: [{ type: 'paragraph', text: translator(locale)('consultations.results.report_none') }] };
  const blocks: ReportBlock[] = [];
  for (const id of ids) {
    const { synthesis, frozen } = await currentSynthesis(db, id, { locale });
    blocks.push(...synthesisBlocks({ synthesis, locale, frozen }));
  }
  return { blocks };
};
