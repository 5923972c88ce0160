/**
 * The statement of a period as tables (the page, the reports capability): balances at opening,
 * the movements of the period (receipts by donor, programme support costs, allocations,
 * expenditures) and balances at closing. Needs only a language, so a report can render it alone.
 */
import type { Locale } from '../../../../core/i18n/locales.js';
import { translator } from '../../../../core/i18n/translate.js';
import { type Column, Table } from '../../../../core/views/components.js';
import { formatChf } from '../money.js';
import type { Statement } from '../queries.js';

export type StatementView = Statement & { donorNames: Map<number, string> };

const dayFormat = (locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
export const periodLabel = (s: { from: string; to: string }, locale: Locale) => dayFormat(locale).formatRange(new Date(`${s.from}T12:00:00Z`), new Date(`${s.to}T12:00:00Z`));

export type Line = { label: string; amount: bigint; strong?: boolean };
export type FundsLine = { label: string; unallocated: bigint; allocated: bigint; total: bigint };

/** The lines of the three tables (the page and the reports' blocks show the same). */
export const statementLines = (s: StatementView, t: (key: string) => string) => ({
  summary: [
    { label: t('trust-fund.transparency.statement.opening'), amount: s.opening.total, strong: true },
    { label: t('trust-fund.transparency.statement.receipts'), amount: s.receiptsTotal },
    { label: t('trust-fund.transparency.statement.psc'), amount: -s.psc },
    { label: t('trust-fund.transparency.statement.expenditures'), amount: -s.expenditures },
    { label: t('trust-fund.transparency.statement.closing'), amount: s.closing.total, strong: true },
  ] as Line[],
  receipts:
    s.receipts.length === 0
      ? []
      : [
          ...s.receipts.map((r): Line => ({ label: s.donorNames.get(r.donor.id) ?? String(r.donor.id), amount: r.amount })),
          { label: t('trust-fund.transparency.statement.total'), amount: s.receiptsTotal, strong: true },
        ],
  funds: (
    [
      ['trust-fund.transparency.statement.opening', s.opening.unallocated, s.opening.allocated, s.opening.total],
      ['trust-fund.transparency.statement.receipts', s.receiptsTotal, 0n, s.receiptsTotal],
      ['trust-fund.transparency.statement.psc', -s.psc, 0n, -s.psc],
      ['trust-fund.transparency.statement.allocations', -s.allocations, s.allocations, 0n],
      ['trust-fund.transparency.statement.expenditures', 0n, -s.expenditures, -s.expenditures],
      ['trust-fund.transparency.statement.closing', s.closing.unallocated, s.closing.allocated, s.closing.total],
    ] as const
  ).map(([key, unallocated, allocated, total]): FundsLine => ({ label: t(key), unallocated, allocated, total })),
});

const bold = (text: string, strong?: boolean) => (strong ? <strong>{text}</strong> : text);

export const StatementTables = ({ statement: s, locale, headingLevel = 2 }: { statement: StatementView; locale: Locale; headingLevel?: 2 | 3 }) => {
  const t = translator(locale);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const caption = (key: string) => t(key, { period: periodLabel(s, locale) });
  const chf = (amount: bigint) => formatChf(amount, locale);
  /** Label and amount, the totals in bold (the summary, receipts by donor). */
  const lineColumns = (header: string): Column<Line>[] => [
    { header, rowHeader: true, cell: (l) => bold(l.label, l.strong) },
    { header: t('trust-fund.transparency.amount'), numeric: true, cell: (l) => bold(chf(l.amount), l.strong) },
  ];
  const fundsColumns: Column<FundsLine>[] = [
    { header: t('trust-fund.transparency.statement.item'), rowHeader: true, cell: (l) => l.label },
    { header: t('trust-fund.transparency.statement.unallocated'), numeric: true, cell: (l) => chf(l.unallocated) },
    { header: t('trust-fund.transparency.statement.allocated'), numeric: true, cell: (l) => chf(l.allocated) },
    { header: t('trust-fund.transparency.statement.total'), numeric: true, cell: (l) => chf(l.total) },
  ];
  const lines = statementLines(s, t);
  return (
    <div class="trust-fund-statement">
      <H>{t('trust-fund.transparency.statement.summary')}</H>
      <Table
        caption={caption('trust-fund.transparency.statement.summary_caption')}
        columns={lineColumns(t('trust-fund.transparency.statement.item'))}
        rows={lines.summary}
        empty=""
      />
      <H>{t('trust-fund.transparency.statement.receipts_by_donor')}</H>
      <Table
        caption={caption('trust-fund.transparency.statement.receipts_caption')}
        columns={lineColumns(t('trust-fund.transparency.donor'))}
        rows={lines.receipts}
        empty={t('trust-fund.transparency.statement.no_receipts')}
      />
      <H>{t('trust-fund.transparency.statement.funds')}</H>
      <Table caption={caption('trust-fund.transparency.statement.funds_caption')} columns={fundsColumns} rows={lines.funds} empty="" />
    </div>
  );
};
