/**
 * The reads of the public pages, all sums over the ledger's lines (trust_fund_lines): nothing is
 * a stored total. Amounts come out of SQL as text (`sum(bigint)` is numeric) and become BigInt.
 *
 * The accounts (tables.ts): the fund holds `unallocated` + `allocated` (debit balances); a receipt
 * credits `contributions` of its donor; programme support costs are debited to `psc`; spending is
 * debited to `expenditure`. So for any period, since every entry sums to zero:
 *   receipts = −Δcontributions, psc = Δpsc, expenditures = Δexpenditure,
 *   allocations (net of reversals) = Δallocated + expenditures,
 *   closing = opening + receipts − psc − expenditures.
 * A reversal negates its entry's lines, so every figure is net of corrections without reading
 * entry kinds.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { DonorKind } from '../tables.js';

const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));

export type DonorRef = { id: number; kind: DonorKind; countryCode: string | null; name: Localized };

type DonorRow = { donor_id: number | string; kind: DonorKind; country_code: string | null; name: Localized };
const donorOf = (r: DonorRow): DonorRef => ({ id: Number(r.donor_id), kind: r.kind, countryCode: r.country_code, name: r.name ?? {} });

/** Contributions received (net of reversals), by donor and calendar year of value date. */
export type ContributionRow = { donor: DonorRef; year: number; amount: bigint };

export const findContributionsByDonorYear = async (db: DbOrTx): Promise<ContributionRow[]> => {
  const { rows } = await db.execute<DonorRow & { year: number; amount: string }>(sql`
    select l.donor_id, d.kind, d.country_code, d.name, extract(year from l.value_date)::int as year, (-sum(l.amount_chf))::text as amount
    from trust_fund_lines l join trust_fund_donors d on d.id = l.donor_id
    where l.account = 'contributions'
    group by l.donor_id, d.kind, d.country_code, d.name, year
    having sum(l.amount_chf) <> 0
    order by year, l.donor_id`);
  return rows.map((r) => ({ donor: donorOf(r), year: Number(r.year), amount: big(r.amount) }));
};

/**
 * The task of a line: its own, else its entry's, else (a reversal) the reversed entry's. The
 * ledger's commands may put the task on the lines or only on the entry; both are read.
 */
const TASK_OF_LINE = sql.raw('coalesce(l.task_id, e.task_id, r.task_id)');
const LINE_JOINS = sql.raw('join trust_fund_entries e on e.id = l.entry_id left join trust_fund_entries r on r.id = e.reverses_id');

/** Allocated to a task (net of reversals), spent against it, and what remains allocated. */
export type TaskAllocationRow = { taskId: number; allocated: bigint; spent: bigint; remaining: bigint };

export const findAllocationsByTask = async (db: DbOrTx): Promise<TaskAllocationRow[]> => {
  const { rows } = await db.execute<{ task_id: string | number; remaining: string; spent: string }>(sql`
    select ${TASK_OF_LINE} as task_id,
      coalesce(sum(l.amount_chf) filter (where l.account = 'allocated'), 0)::text as remaining,
      coalesce(sum(l.amount_chf) filter (where l.account = 'expenditure'), 0)::text as spent
    from trust_fund_lines l ${LINE_JOINS}
    where l.account in ('allocated', 'expenditure') and ${TASK_OF_LINE} is not null
    group by 1 order by 1`);
  return rows
    .map((r) => {
      const remaining = big(r.remaining);
      const spent = big(r.spent);
      return { taskId: Number(r.task_id), allocated: remaining + spent, spent, remaining };
    })
    .filter((r) => r.allocated !== 0n || r.spent !== 0n);
};

/** The fund's balance (unallocated + allocated) at the end of each month with a movement, and that month's net movement. */
export type MonthBalanceRow = { month: string; movement: bigint; balance: bigint };

export const findMonthlyBalances = async (db: DbOrTx): Promise<MonthBalanceRow[]> => {
  const { rows } = await db.execute<{ month: string; movement: string; balance: string }>(sql`
    select to_char(date_trunc('month', l.value_date), 'YYYY-MM') as month, sum(l.amount_chf)::text as movement,
      (sum(sum(l.amount_chf)) over (order by date_trunc('month', l.value_date)))::text as balance
    from trust_fund_lines l
    where l.account in ('unallocated', 'allocated')
    group by date_trunc('month', l.value_date)
    order by 1`);
  return rows.map((r) => ({ month: r.month, movement: big(r.movement), balance: big(r.balance) }));
};

export type Balances = { unallocated: bigint; allocated: bigint; total: bigint };

/** A statement of the fund for a period of value dates, both days included. */
export type Statement = {
  from: string;
  to: string;
  opening: Balances;
  receipts: { donor: DonorRef; amount: bigint }[];
  receiptsTotal: bigint;
  psc: bigint;
  allocations: bigint;
  expenditures: bigint;
  closing: Balances;
};

const balances = (unallocated: bigint, allocated: bigint): Balances => ({ unallocated, allocated, total: unallocated + allocated });

/**
 * The statement of [from, to], from one pass over the lines up to `to` (the index on
 * (account, value_date) serves it): the opening by account before `from`, the movements of the
 * period by account, the contributions by donor. With `postedBefore` (a report's cut-off), only
 * the lines of entries posted before that instant: the ledger as it stood then.
 */
export const buildStatement = async (db: DbOrTx, { from, to, postedBefore }: { from: string; to: string; postedBefore?: Date }): Promise<Statement> => {
  const posted = postedBefore ? sql`and exists (select 1 from trust_fund_entries e where e.id = l.entry_id and e.posted_at < ${postedBefore.toISOString()}::timestamptz)` : sql``;
  const { rows } = await db.execute<{ account: string; donor_id: string | number | null; opening: string; movement: string }>(sql`
    select l.account, case when l.account = 'contributions' then l.donor_id end as donor_id,
      coalesce(sum(l.amount_chf) filter (where l.value_date < ${from}::date), 0)::text as opening,
      coalesce(sum(l.amount_chf) filter (where l.value_date >= ${from}::date), 0)::text as movement
    from trust_fund_lines l
    where l.value_date <= ${to}::date ${posted}
    group by 1, 2`);
  const opening = new Map<string, bigint>();
  const movement = new Map<string, bigint>();
  const byDonor = new Map<number, bigint>();
  for (const r of rows) {
    opening.set(r.account, (opening.get(r.account) ?? 0n) + big(r.opening));
    movement.set(r.account, (movement.get(r.account) ?? 0n) + big(r.movement));
    if (r.account === 'contributions' && r.donor_id !== null && big(r.movement) !== 0n) byDonor.set(Number(r.donor_id), -big(r.movement));
  }
  const ids = [...byDonor.keys()];
  const donors = ids.length
    ? (
        await db.execute<DonorRow>(sql`select id as donor_id, kind, country_code, name from trust_fund_donors where id = any(${`{${ids.join(',')}}`}::bigint[]) order by id`)
      ).rows.map(donorOf)
    : [];
  const at = (m: Map<string, bigint>, account: string) => m.get(account) ?? 0n;
  const expenditures = at(movement, 'expenditure');
  return {
    from,
    to,
    opening: balances(at(opening, 'unallocated'), at(opening, 'allocated')),
    receipts: donors.map((donor) => ({ donor, amount: byDonor.get(donor.id) ?? 0n })),
    receiptsTotal: -at(movement, 'contributions'),
    psc: at(movement, 'psc'),
    allocations: at(movement, 'allocated') + expenditures,
    expenditures,
    closing: balances(at(opening, 'unallocated') + at(movement, 'unallocated'), at(opening, 'allocated') + at(movement, 'allocated')),
  };
};

/** The fund's totals since the beginning, for the IATI organisation file and the page's summary. */
export const findFundTotals = async (db: DbOrTx) => {
  const { rows } = await db.execute<{ account: string; total: string; first: string | null; last: string | null }>(sql`
    select account, sum(amount_chf)::text as total, min(value_date)::text as first, max(value_date)::text as last from trust_fund_lines group by account`);
  const get = (account: string) => big(rows.find((r) => r.account === account)?.total);
  const firsts = rows
    .map((r) => r.first)
    .filter((d): d is string => !!d)
    .sort();
  const lasts = rows
    .map((r) => r.last)
    .filter((d): d is string => !!d)
    .sort();
  return {
    receipts: -get('contributions'),
    psc: get('psc'),
    expenditures: get('expenditure'),
    balance: balances(get('unallocated'), get('allocated')),
    firstDay: firsts[0] ?? null,
    lastDay: lasts.at(-1) ?? null,
  };
};

/** Contributions and expenditures by calendar year (the IATI file's budgets and expenditures). */
export const findYearTotals = async (db: DbOrTx) => {
  const { rows } = await db.execute<{ year: number; receipts: string; expenditures: string; psc: string }>(sql`
    select extract(year from value_date)::int as year,
      coalesce(-sum(amount_chf) filter (where account = 'contributions'), 0)::text as receipts,
      coalesce(sum(amount_chf) filter (where account = 'expenditure'), 0)::text as expenditures,
      coalesce(sum(amount_chf) filter (where account = 'psc'), 0)::text as psc
    from trust_fund_lines group by 1 order by 1`);
  return rows.map((r) => ({ year: Number(r.year), receipts: big(r.receipts), expenditures: big(r.expenditures), psc: big(r.psc) }));
};
