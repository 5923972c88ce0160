import { BarChart, ColumnChart } from '../../../../core/views/charts.js';
import { type Column, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { ConsultationResults, Figure, Pair, QuestionResult, RankedOption } from '../results.js';

type Counting = keyof Pair;

export const countingOf = (results: Pick<ConsultationResults, 'counting'>): Counting => (results.counting === 'campaigns-once' ? 'campaignsOnce' : 'asSubmitted');

export const percent = (view: ViewContext, value: number) => view.fmt.number(value / 100, { style: 'percent', maximumFractionDigits: 1 });
const decimal = (view: ViewContext, value: number | null) => (value === null ? '—' : view.fmt.number(value, { maximumFractionDigits: 2 }));

/** Columns of a figures table: the value, then count and share as submitted and with each campaign counted once, side by side. */
export const figureColumns = (view: ViewContext, valueHeader: string): Column<Figure>[] => [
  { header: valueHeader, cell: (f) => f.label, rowHeader: true },
  { header: view.t('consultations.results.count_as_submitted'), cell: (f) => view.fmt.number(f.count.asSubmitted), numeric: true },
  { header: view.t('consultations.results.percent_as_submitted'), cell: (f) => percent(view, f.percent.asSubmitted), numeric: true },
  { header: view.t('consultations.results.count_campaigns_once'), cell: (f) => view.fmt.number(f.count.campaignsOnce), numeric: true },
  { header: view.t('consultations.results.percent_campaigns_once'), cell: (f) => percent(view, f.percent.campaignsOnce), numeric: true },
];

const rankingColumns = (view: ViewContext): Column<RankedOption>[] => [
  { header: view.t('consultations.results.option'), cell: (r) => r.label, rowHeader: true },
  { header: view.t('consultations.results.mean_rank_as_submitted'), cell: (r) => decimal(view, r.meanRank.asSubmitted), numeric: true },
  { header: view.t('consultations.results.borda_as_submitted'), cell: (r) => decimal(view, r.borda.asSubmitted), numeric: true },
  { header: view.t('consultations.results.mean_rank_campaigns_once'), cell: (r) => decimal(view, r.meanRank.campaignsOnce), numeric: true },
  { header: view.t('consultations.results.borda_campaigns_once'), cell: (r) => decimal(view, r.borda.campaignsOnce), numeric: true },
];

/** One question's results: figures, chart and table, mean, ranking, themes, campaign groups, breakdown. */
export const QuestionResults = ({ view, results, question, index }: { view: ViewContext; results: ConsultationResults; question: QuestionResult; index: number }) => {
  const { t } = view;
  const counting = countingOf(results);
  const id = `c${results.consultationId}-q${index + 1}`;
  const countingName = t(counting === 'campaignsOnce' ? 'consultations.results.counting_campaigns_once' : 'consultations.results.counting_as_submitted');
  const chartData = question.figures.map((f) => ({ label: f.label, value: f.count[counting] }));
  const description = t('consultations.results.chart_description', { question: question.label, counting: countingName });
  const empty = t('consultations.results.no_answers');
  return (
    <section class="question-results" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{question.label}</h3>
      <p>
        {t('consultations.results.respondents', { count: question.respondents.asSubmitted, once: question.respondents.campaignsOnce, missing: question.notAnswered })}{' '}
        {question.versions.length > 0 &&
          t('consultations.results.answered_on_versions', {
            versions: view.fmt.list(question.versions.map((v) => t('consultations.results.version_count', { version: v.version, count: v.count }))),
          })}
      </p>
      {question.mean && <p>{t('consultations.results.mean', { asSubmitted: decimal(view, question.mean.asSubmitted), once: decimal(view, question.mean.campaignsOnce) })}</p>}
      {question.type === 'scale' ? (
        <ColumnChart
          view={view}
          id={`${id}-chart`}
          title={t('consultations.results.distribution', { question: question.label })}
          description={description}
          data={chartData}
          table={{ columns: figureColumns(view, t('consultations.results.value')), rows: question.figures }}
          empty={empty}
        />
      ) : question.type === 'ranking' ? (
        <BarChart
          view={view}
          id={`${id}-chart`}
          title={t('consultations.results.borda_title', { question: question.label })}
          description={t('consultations.results.borda_description', { counting: countingName })}
          data={question.ranking.map((r) => ({ label: r.label, value: r.borda[counting] }))}
          table={{ columns: rankingColumns(view), rows: question.ranking }}
          empty={empty}
          format={(n) => decimal(view, n)}
        />
      ) : question.figures.length > 0 ? (
        <BarChart
          view={view}
          id={`${id}-chart`}
          title={t('consultations.results.figures_title', { question: question.label })}
          description={description}
          data={chartData}
          table={{ columns: figureColumns(view, t('consultations.results.answer')), rows: question.figures }}
          empty={empty}
        />
      ) : null}
      {question.themes.length > 0 && (
        <BarChart
          view={view}
          id={`${id}-themes`}
          title={t('consultations.results.themes_title', { question: question.label })}
          description={t('consultations.results.themes_description', { counting: countingName })}
          data={question.themes.map((f) => ({ label: f.label, value: f.count[counting] }))}
          table={{ columns: figureColumns(view, t('consultations.results.theme')), rows: question.themes }}
          empty={empty}
        />
      )}
      {question.campaigns.length > 0 && (
        <section aria-labelledby={`${id}-campaigns`}>
          <h4 id={`${id}-campaigns`}>{t('consultations.results.campaigns_title')}</h4>
          <ul class="campaign-groups">
            {question.campaigns.map((c) => (
              <li>
                <p>{t('consultations.results.campaign_size', { size: c.size })}</p>
                <blockquote lang={c.language || undefined}>{c.text}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results.breakdown && question.breakdown.length > 0 && <BreakdownTable view={view} question={question} counting={counting} />}
    </section>
  );
};

/** Per group of the breakdown: its respondents and the count (share) of each value, in the chosen counting. */
const BreakdownTable = ({ view, question, counting }: { view: ViewContext; question: QuestionResult; counting: Counting }) => {
  const { t } = view;
  type Group = QuestionResult['breakdown'][number];
  const values = question.figures.map((f) => f.key);
  const columns: Column<Group>[] = [
    { header: t('consultations.results.group'), cell: (g) => g.label, rowHeader: true },
    { header: t('consultations.results.respondents_header'), cell: (g) => view.fmt.number(g.respondents[counting]), numeric: true },
    ...values.map((key, i) => ({
      header: question.figures[i]?.label ?? key,
      cell: (g: Group) => {
        const f = g.figures.find((x) => x.key === key);
        return f ? `${view.fmt.number(f.count[counting])} (${percent(view, f.percent[counting])})` : '—';
      },
      numeric: true,
    })),
    ...(question.type === 'scale' ? [{ header: t('consultations.results.mean_header'), cell: (g: Group) => decimal(view, g.mean?.[counting] ?? null), numeric: true }] : []),
  ];
  return (
    <div class="breakdown">
      <Table
        caption={t('consultations.results.breakdown_caption', { question: question.label })}
        columns={columns}
        rows={question.breakdown}
        empty={t('consultations.results.no_answers')}
      />
    </div>
  );
};
