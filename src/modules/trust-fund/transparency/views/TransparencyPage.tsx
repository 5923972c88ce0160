/**
 * The public page of the WSIS Trust Fund: contributions by donor and year, allocations by action
 * line and task, the balance at the end of each month; each chart with its data table, links to
 * the CSV and XLSX of each table, the statement of a period and the IATI organisation file.
 */
import { BarChart } from '../../../../core/views/charts.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { formatChf } from '../money.js';
import { type AllocationLine, type BalanceLine, type ContributionLine, type ExportTable, TABLE_KEYS, type TransparencyData } from '../page-data.js';

/** Months in the balance chart (the table below it has them all). */
export const CHART_MONTHS = 24;

const Downloads = ({ view, table }: { view: ViewContext; table: ExportTable }) => (
  <p class="trust-fund-downloads">
    {view.t('trust-fund.transparency.download')} <a href={view.href(`/trust-fund/${table}.csv`)}>{view.t('trust-fund.transparency.csv', { table: view.t(TABLE_KEYS[table]) })}</a>
    {' · '}
    <a href={view.href(`/trust-fund/${table}.xlsx`)}>{view.t('trust-fund.transparency.xlsx', { table: view.t(TABLE_KEYS[table]) })}</a>
  </p>
);

export const TransparencyPage = ({ view, data, statementHref, iatiHref }: { view: ViewContext; data: TransparencyData; statementHref: string; iatiHref: string }) => {
  const { t, locale } = view;
  const money = (v: bigint) => formatChf(v, locale);
  const title = t('trust-fund.transparency.title');
  const empty = t('trust-fund.transparency.empty');
  const recentBalances = data.balances.slice(-CHART_MONTHS);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('trust-fund.transparency.intro')}</p>
      <ul>
        <li>
          <a href={statementHref}>{t('trust-fund.transparency.statement_link')}</a>
        </li>
        <li>
          <a href={iatiHref}>{t('trust-fund.transparency.iati_link')}</a>
        </li>
      </ul>

      <section aria-labelledby="tf-contributions">
        <h2 id="tf-contributions">{t('trust-fund.transparency.tables.contributions')}</h2>
        <BarChart<ContributionLine, bigint>
          view={view}
          id="tf-chart-donors"
          title={t('trust-fund.transparency.chart_donors')}
          description={t('trust-fund.transparency.chart_donors_desc')}
          data={data.byDonor.map((d) => ({ label: d.donor, value: d.amount }))}
          format={money}
          empty={empty}
          table={{
            columns: [
              { header: t('trust-fund.transparency.donor'), cell: (r) => <bdi>{r.donor}</bdi>, rowHeader: true },
              { header: t('trust-fund.transparency.donor_kind'), cell: (r) => r.kind },
              { header: t('trust-fund.transparency.year'), cell: (r) => view.fmt.number(r.year, { useGrouping: false }) },
              { header: t('trust-fund.transparency.amount'), cell: (r) => money(r.amount), numeric: true },
            ],
            rows: data.contributions,
          }}
        />
        <Downloads view={view} table="contributions" />
      </section>

      <section aria-labelledby="tf-allocations">
        <h2 id="tf-allocations">{t('trust-fund.transparency.tables.allocations')}</h2>
        <BarChart<AllocationLine, bigint>
          view={view}
          id="tf-chart-lines"
          title={t('trust-fund.transparency.chart_lines')}
          description={t('trust-fund.transparency.chart_lines_desc')}
          data={data.byActionLine.map((d) => ({ label: d.actionLine, value: d.amount }))}
          format={money}
          empty={empty}
          table={{
            columns: [
              { header: t('trust-fund.transparency.action_line'), cell: (r) => r.actionLine },
              { header: t('trust-fund.transparency.task'), cell: (r) => <bdi>{r.task}</bdi>, rowHeader: true },
              { header: t('trust-fund.transparency.allocated'), cell: (r) => money(r.allocated), numeric: true },
              { header: t('trust-fund.transparency.spent'), cell: (r) => money(r.spent), numeric: true },
              { header: t('trust-fund.transparency.remaining'), cell: (r) => money(r.remaining), numeric: true },
            ],
            rows: data.allocations,
          }}
        />
        <Downloads view={view} table="allocations" />
      </section>

      <section aria-labelledby="tf-balance">
        <h2 id="tf-balance">{t('trust-fund.transparency.tables.balance')}</h2>
        <BarChart<BalanceLine, bigint>
          view={view}
          id="tf-chart-balance"
          title={t('trust-fund.transparency.chart_balance')}
          description={t('trust-fund.transparency.chart_balance_desc', { months: CHART_MONTHS })}
          data={recentBalances.map((b) => ({ label: b.monthLabel, value: b.balance }))}
          format={money}
          empty={empty}
          table={{
            columns: [
              { header: t('trust-fund.transparency.month'), cell: (r) => r.monthLabel, rowHeader: true },
              { header: t('trust-fund.transparency.movement'), cell: (r) => money(r.movement), numeric: true },
              { header: t('trust-fund.transparency.balance'), cell: (r) => money(r.balance), numeric: true },
            ],
            rows: data.balances,
          }}
        />
        <Downloads view={view} table="balance" />
      </section>
    </Layout>
  );
};
