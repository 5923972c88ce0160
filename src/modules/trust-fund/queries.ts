/**
 * The Trust Fund's balances, always computed from the ledger's lines (never stored totals), for
 * the ledger's rules, the treasurer's pages and the transparency page, statement and exports.
 * Amounts are BigInt of CHF minor units (centimes). Sign of a line: debit positive, credit
 * negative; so `unallocated` and `allocated` are positive when the fund holds money, and
 * `contributions` is negative (a credit): the figures below turn credits into positive amounts
 * where a reader expects them (contributions received).
 *
 * Periods are inclusive calendar dates ('YYYY-MM-DD') of the lines' value date; a missing bound
 * is open.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { ACCOUNTS, type Account } from './tables.js';

export type Period = { from?: string | null; to?: string | null };

const periodOf = ({ from, to }: Period): SQL => {
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`l.value_date >= ${from}::date`);
  if (to) parts.push(sql`l.value_date <= ${to}::date`);
  return sql.join(parts, sql` and `);
};

const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));

/** The sum of the lines of each account in the period (signed: debit +, credit −); every account is present. */
export const findBalances = async (db: DbOrTx, period: Period = {}): Promise<Record<Account, bigint>> => {
  const { rows } = await db.execute<{ account: Account; total: string }>(
    sql`select l.account, sum(l.amount_chf)::text as total from trust_fund_lines l where ${periodOf(period)} group by l.account`,
  );
  const balances = Object.fromEntries(ACCOUNTS.map((a) => [a, 0n])) as Record<Account, bigint>;
  for (const r of rows) balances[r.account] = big(r.total);
  return balances;
};

/** What the fund can still allocate: the balance of `unallocated` up to a day (today: every line). */
export const getAvailableToAllocate = async (db: DbOrTx, { asOf }: { asOf?: string | null } = {}): Promise<bigint> => {
  const { rows } = await db.execute<{ total: string | null }>(
    sql`select sum(l.amount_chf)::text as total from trust_fund_lines l where l.account = 'unallocated' and ${periodOf({ to: asOf })}`,
  );
  return big(rows[0]?.total);
};

export type DonorYearContribution = { donorId: number; year: number; amountChf: bigint };

/** Contributions received (CHF, positive) by donor and calendar year of the value date, net of reversals; largest years first by donor id. */
export const findContributionsByDonorAndYear = async (db: DbOrTx, period: Period = {}): Promise<DonorYearContribution[]> => {
  const { rows } = await db.execute<{ donor_id: string; year: number; total: string }>(sql`
    select l.donor_id::text as donor_id, extract(year from l.value_date)::int as year, (-sum(l.amount_chf))::text as total
      from trust_fund_lines l
     where l.account = 'contributions' and l.donor_id is not null and ${periodOf(period)}
     group by l.donor_id, year
    having sum(l.amount_chf) <> 0
     order by year, l.donor_id`);
  return rows.map((r) => ({ donorId: Number(r.donor_id), year: Number(r.year), amountChf: big(r.total) }));
};

export type TaskAllocation = {
  taskId: number;
  /** Allocated to the task, net of reversals (= spent + unspent). */
  allocatedChf: bigint;
  /** Spent against the task's allocations, net of reversals. */
  spentChf: bigint;
  /** Still available to spend on the task (the balance of `allocated` for it). */
  unspentChf: bigint;
};

/**
 * Allocations by roadmap task in the period: the balance of `allocated` for the task (unspent) and
 * of `expenditure` (spent). Action lines and titles of tasks come from roadmaps/queries.
 */
export const findAllocationsByTask = async (db: DbOrTx, period: Period = {}): Promise<TaskAllocation[]> => {
  const { rows } = await db.execute<{ task_id: string; unspent: string; spent: string }>(sql`
    select l.task_id::text as task_id,
           coalesce(sum(l.amount_chf) filter (where l.account = 'allocated'), 0)::text as unspent,
           coalesce(sum(l.amount_chf) filter (where l.account = 'expenditure'), 0)::text as spent
      from trust_fund_lines l
     where l.task_id is not null and l.account in ('allocated', 'expenditure') and ${periodOf(period)}
     group by l.task_id
     order by l.task_id`);
  return rows
    .map((r) => {
      const unspentChf = big(r.unspent);
      const spentChf = big(r.spent);
      return { taskId: Number(r.task_id), unspentChf, spentChf, allocatedChf: unspentChf + spentChf };
    })
    .filter((r) => r.allocatedChf !== 0n || r.unspentChf !== 0n);
};

/** The unspent balance of one task's allocations (what an expenditure may draw), at every line. */
export const getTaskUnspent = async (db: DbOrTx, taskId: number): Promise<bigint> => {
  const { rows } = await db.execute<{ total: string | null }>(sql`select sum(amount_chf)::text as total from trust_fund_lines where account = 'allocated' and task_id = ${taskId}`);
  return big(rows[0]?.total);
};

export type MonthBalance = {
  /** First day of the month. */
  month: string;
  /** Net movement of the month by account (signed). */
  movement: Record<Account, bigint>;
  /** Money held at the end of the month: unallocated + allocated, from the first line of the ledger. */
  heldChf: bigint;
  /** Unallocated at the end of the month. */
  unallocatedChf: bigint;
};

/** The balance over time: one row per month with lines in the period, with running totals from the start of the ledger. */
export const findBalanceByMonth = async (db: DbOrTx, period: Period = {}): Promise<MonthBalance[]> => {
  const { rows } = await db.execute<{ month: string; account: Account; total: string }>(sql`
    select to_char(date_trunc('month', l.value_date), 'YYYY-MM-DD') as month, l.account, sum(l.amount_chf)::text as total
      from trust_fund_lines l
     where ${periodOf({ to: period.to })}
     group by 1, 2
     order by 1`);
  const months = new Map<string, Record<Account, bigint>>();
  for (const r of rows) {
    const movement = months.get(r.month) ?? (Object.fromEntries(ACCOUNTS.map((a) => [a, 0n])) as Record<Account, bigint>);
    movement[r.account] = big(r.total);
    months.set(r.month, movement);
  }
  let held = 0n;
  let unallocated = 0n;
  const result: MonthBalance[] = [];
  const fromMonth = period.from ? `${period.from.slice(0, 7)}-01` : null;
  for (const [month, movement] of months) {
    held += movement.unallocated + movement.allocated;
    unallocated += movement.unallocated;
    if (!fromMonth || month >= fromMonth) result.push({ month, movement, heldChf: held, unallocatedChf: unallocated });
  }
  return result;
};
