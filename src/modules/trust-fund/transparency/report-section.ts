/**
 * The Trust Fund's part of the reports (`trust-fund.statement`): the statement of the report's
 * period as report blocks in the report's language, from the ledger entries posted before the
 * report's cut-off. The report's `to` is exclusive (an instant, as the calendar's ranges): the
 * statement's last day is the UTC day before it, its first the UTC day of `from`. Amounts are
 * exact (formatted from their decimal string); a cell's `value` is the number of francs.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import { formatters, translator } from '../../../core/i18n/translate.js';
import type { ReportBlock, ReportCell, ReportSectionArgs, ReportSectionResult, ReportText } from '../../../core/reports/document.js';
import { decimalOf, formatChf } from './money.js';
import { loadStatement } from './statement.js';
import { type Line, periodLabel, statementLines } from './views/StatementTables.js';

export const reportPeriod = ({ from, to }: { from: Date; to: Date }) => {
  const first = from.toISOString().slice(0, 10);
  const last = new Date(Math.max(from.getTime(), to.getTime() - 1)).toISOString().slice(0, 10);
  return { from: first, to: last };
};

export const buildReportSection = async (db: DbOrTx, { from, to, asOf, locale }: ReportSectionArgs): Promise<ReportSectionResult> => {
  const t = translator(locale);
  const statement = await loadStatement(db, { ...reportPeriod({ from, to }), postedBefore: asOf }, locale);
  const period = periodLabel(statement, locale);
  const caption = (key: string) => t(key, { period });
  const money = (amount: bigint): ReportCell => ({ text: formatChf(amount, locale), value: Number(decimalOf(amount)) });
  const label = (l: Line): ReportText => (l.strong ? [{ text: l.label, bold: true }] : l.label);
  const lineTable = (key: string, header: string, lines: Line[]): ReportBlock => ({
    type: 'table',
    caption: caption(key),
    rowHeader: true,
    columns: [{ label: header }, { label: t('trust-fund.transparency.amount'), numeric: true }],
    rows: lines.map((l) => [label(l), money(l.amount)]),
  });
  const lines = statementLines(statement, t);
  const blocks: ReportBlock[] = [
    { type: 'paragraph', text: t('trust-fund.transparency.statement.report_note', { period, date: formatters(locale).date(asOf, { dateStyle: 'long' }) }) },
    { type: 'paragraph', text: t('trust-fund.transparency.statement.intro') },
    { type: 'heading', level: 2, text: t('trust-fund.transparency.statement.summary') },
    lineTable('trust-fund.transparency.statement.summary_caption', t('trust-fund.transparency.statement.item'), lines.summary),
    { type: 'heading', level: 2, text: t('trust-fund.transparency.statement.receipts_by_donor') },
  ];
  if (statement.receipts.length === 0) blocks.push({ type: 'paragraph', text: t('trust-fund.transparency.statement.no_receipts') });
  else
    blocks.push(
      {
        type: 'chart',
        title: caption('trust-fund.transparency.statement.receipts_caption'),
        labelHeading: t('trust-fund.transparency.donor'),
        valueHeading: t('trust-fund.transparency.amount'),
        data: statement.receipts.map((r) => ({
          label: statement.donorNames.get(r.donor.id) ?? String(r.donor.id),
          value: Number(decimalOf(r.amount)),
          display: formatChf(r.amount, locale),
        })),
      },
      lineTable('trust-fund.transparency.statement.receipts_caption', t('trust-fund.transparency.donor'), lines.receipts),
    );
  blocks.push(
    { type: 'heading', level: 2, text: t('trust-fund.transparency.statement.funds') },
    {
      type: 'table',
      caption: caption('trust-fund.transparency.statement.funds_caption'),
      rowHeader: true,
      columns: [
        { label: t('trust-fund.transparency.statement.item') },
        { label: t('trust-fund.transparency.statement.unallocated'), numeric: true },
        { label: t('trust-fund.transparency.statement.allocated'), numeric: true },
        { label: t('trust-fund.transparency.statement.total'), numeric: true },
      ],
      rows: lines.funds.map((l) => [l.label, money(l.unallocated), money(l.allocated), money(l.total)]),
    },
  );
  return { blocks };
};
