/**
 * The public page's three tables in the reader's language, one source for the page, its charts and
 * its CSV and XLSX exports: contributions by donor and year, allocations by action line and task,
 * the balance at the end of each month. Amounts stay BigInt (CHF minor units).
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import { countryName } from '../../reference/queries.js';
import { findTaskSummaries } from '../../roadmaps/queries.js';
import type { DonorKind } from '../tables.js';
import { decimalOf } from './money.js';
import { type DonorRef, findAllocationsByTask, findContributionsByDonorYear, findMonthlyBalances } from './queries.js';

/** A donor's published name: a Member State's from the reference country list in the reader's language. */
export const donorName = (donor: DonorRef, locale: Locale) =>
  donor.kind === 'member-state' && donor.countryCode ? countryName(donor.countryCode, locale) : localizeWithLocale(donor.name, locale).text;

export type ContributionLine = { donor: string; kind: string; year: number; amount: bigint };
export type AllocationLine = { actionLine: string; taskId: number; task: string; allocated: bigint; spent: bigint; remaining: bigint };
export type BalanceLine = { month: string; monthLabel: string; movement: bigint; balance: bigint };

export type TransparencyData = {
  contributions: ContributionLine[];
  /** Total received by donor (all years), largest first: the chart. */
  byDonor: { donor: string; amount: bigint }[];
  allocations: AllocationLine[];
  /** Allocated by action line: the chart. */
  byActionLine: { actionLine: string; amount: bigint }[];
  balances: BalanceLine[];
};

export const loadTransparency = async (db: DbOrTx, locale: Locale): Promise<TransparencyData> => {
  const t = translator(locale);
  const [contributionRows, allocationRows, balanceRows] = await Promise.all([findContributionsByDonorYear(db), findAllocationsByTask(db), findMonthlyBalances(db)]);
  const tasks = new Map(
    (
      await findTaskSummaries(
        db,
        allocationRows.map((r) => r.taskId),
      )
    ).map((s) => [s.id, s]),
  );
  const collator = new Intl.Collator(locale);

  const contributions = contributionRows
    .map((r) => ({ donor: donorName(r.donor, locale), kind: t(DONOR_KIND_KEYS[r.donor.kind]), year: r.year, amount: r.amount }))
    .sort((a, b) => a.year - b.year || collator.compare(a.donor, b.donor));
  const donorTotals = new Map<string, bigint>();
  for (const c of contributions) donorTotals.set(c.donor, (donorTotals.get(c.donor) ?? 0n) + c.amount);
  const byDonor = [...donorTotals]
    .map(([donor, amount]) => ({ donor, amount }))
    .sort((a, b) => (b.amount > a.amount ? 1 : b.amount < a.amount ? -1 : collator.compare(a.donor, b.donor)));

  const unknownLine = t('trust-fund.transparency.unknown_line');
  const allocations = allocationRows
    .map((r) => {
      const task = tasks.get(r.taskId);
      return {
        actionLine: task?.actionLine ?? unknownLine,
        taskId: r.taskId,
        task: task ? localizeWithLocale(task.title, locale).text : t('trust-fund.transparency.unknown_task', { id: r.taskId }),
        allocated: r.allocated,
        spent: r.spent,
        remaining: r.remaining,
      };
    })
    .sort((a, b) => collator.compare(a.actionLine, b.actionLine) || collator.compare(a.task, b.task));
  const lineTotals = new Map<string, bigint>();
  for (const a of allocations) lineTotals.set(a.actionLine, (lineTotals.get(a.actionLine) ?? 0n) + a.allocated);
  const byActionLine = [...lineTotals].map(([actionLine, amount]) => ({ actionLine, amount }));

  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const balances = balanceRows.map((r) => ({ ...r, monthLabel: monthFormat.format(new Date(`${r.month}-15T12:00:00Z`)) }));
  return { contributions, byDonor, allocations, byActionLine, balances };
};

/** The message of each kind of donor (written out: the catalog test finds every key in the source). */
export const DONOR_KIND_KEYS: Record<DonorKind, string> = {
  'member-state': 'trust-fund.transparency.kinds.member-state',
  'sector-member': 'trust-fund.transparency.kinds.sector-member',
  organization: 'trust-fund.transparency.kinds.organization',
};

/** The title of each table of the page. */
export const TABLE_KEYS = {
  contributions: 'trust-fund.transparency.tables.contributions',
  allocations: 'trust-fund.transparency.tables.allocations',
  balance: 'trust-fund.transparency.tables.balance',
} as const;

export const EXPORT_TABLES = ['contributions', 'allocations', 'balance'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** A table of the page as an export: its localized header and its rows (amounts as exact decimals, dates as ISO text). */
export const exportRows = (
  data: TransparencyData,
  table: ExportTable,
  locale: Locale,
): { header: string[]; rows: (string | number | { decimal: string })[][]; money: boolean[] } => {
  const t = translator(locale);
  const chf = (key: string) => t('trust-fund.transparency.in_chf', { column: t(key) });
  const dec = (v: bigint) => ({ decimal: decimalOf(v) });
  if (table === 'contributions')
    return {
      header: [t('trust-fund.transparency.donor'), t('trust-fund.transparency.donor_kind'), t('trust-fund.transparency.year'), chf('trust-fund.transparency.amount')],
      rows: data.contributions.map((c) => [c.donor, c.kind, c.year, dec(c.amount)]),
      money: [false, false, false, true],
    };
  if (table === 'allocations')
    return {
      header: [
        t('trust-fund.transparency.action_line'),
        t('trust-fund.transparency.task_id'),
        t('trust-fund.transparency.task'),
        chf('trust-fund.transparency.allocated'),
        chf('trust-fund.transparency.spent'),
        chf('trust-fund.transparency.remaining'),
      ],
      rows: data.allocations.map((a) => [a.actionLine, a.taskId, a.task, dec(a.allocated), dec(a.spent), dec(a.remaining)]),
      money: [false, false, false, true, true, true],
    };
  return {
    header: [t('trust-fund.transparency.month'), chf('trust-fund.transparency.movement'), chf('trust-fund.transparency.balance')],
    rows: data.balances.map((b) => [b.month, dec(b.movement), dec(b.balance)]),
    money: [false, true, true],
  };
};
