/**
 * The Trust Fund's bench corpus, shared by the ledger's balance measures and the transparency
 * statement's: 50,000 journal entries over 20 years (2007–2026) with their 100,000 lines, in the
 * mix of a real fund: 40 % receipts from 40 bench donors in CHF, USD, JPY and KWD (converted at a
 * rate recorded for every month), 10 % programme support costs, 30 % allocations to roadmap tasks
 * (the first 40 tasks of the database, or task ids 1–40 when there are none yet), 20 %
 * expenditures against them. Bench rows are marked: donors are named "Bench donor N" and every
 * entry's description starts with "bench ". Written by SQL in two statements (entries, then
 * lines), not through the commands: the corpus is about reading. The ledger's triggers stay on:
 * every entry balances, as the deferred check verifies at commit.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { findTaskIds } from '../../roadmaps/queries.js';

export const BENCH_ENTRIES = 50_000;
export const BENCH_DONORS = 40;
export const BENCH_TASKS = 40;
export const BENCH_FIRST_DAY = '2007-01-01';
export const BENCH_DAYS = 7_305; // 20 years

/** The corpus's lines already there (0 before the first run). */
export const countBenchLines = async (db: DbOrTx): Promise<number> =>
  Number(
    (await db.execute<{ n: number }>(sql`select count(*)::int as n from trust_fund_lines l join trust_fund_entries e on e.id = l.entry_id where e.description like 'bench %'`))
      .rows[0]?.n ?? 0,
  );

/** Makes the corpus unless it is there; the seconds it took, or null when it was there. */
export const makeTrustFundCorpus = async (
  db: DbOrTx,
  { entries = BENCH_ENTRIES, say = () => {} }: { entries?: number; say?: (line: string) => void } = {},
): Promise<number | null> => {
  if ((await countBenchLines(db)) > 0) return null;
  const started = Date.now();
  say(`  trust-fund: writing ${entries} entries and ${entries * 2} ledger lines…`);
  const found = await findTaskIds(db, { limit: BENCH_TASKS });
  const taskIds = found.length ? found : Array.from({ length: BENCH_TASKS }, (_, i) => i + 1);
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      insert into trust_fund_donors (kind, name)
      select 'organization', jsonb_build_object('en', 'Bench donor ' || g, 'fr', 'Donateur de test ' || g) from generate_series(1, ${BENCH_DONORS}::int) g
      returning id::text`);
    const donorIds = rows.map((r) => Number(r.id));
    await tx.execute(sql`
      insert into trust_fund_rates (currency, month, chf_per_unit, source)
      select c.currency, m::date, c.rate + (extract(month from m)::numeric / 1000), 'imported'
        from (values ('USD', 0.9::numeric), ('JPY', 0.0071::numeric), ('KWD', 2.95::numeric)) c(currency, rate),
             generate_series(${BENCH_FIRST_DAY}::date, ${BENCH_FIRST_DAY}::date + ${BENCH_DAYS}::int, interval '1 month') m
      on conflict do nothing`);
    const donorArray = `{${donorIds.join(',')}}`;
    const taskArray = `{${taskIds.join(',')}}`;
    // Kind by g mod 10: 0–3 receipt, 4 psc, 5–7 allocation, 8–9 expenditure.
    await tx.execute(sql`
      insert into trust_fund_entries (kind, value_date, description, donor_id, task_id, currency, amount_minor, chf_per_unit)
      select k.kind, ${BENCH_FIRST_DAY}::date + ((g::bigint * ${BENCH_DAYS}::int) / ${entries}::int)::int, 'bench ' || k.kind || ' ' || g,
             case when k.kind in ('receipt', 'psc') then (${donorArray}::bigint[])[1 + g % ${donorIds.length}::int] end,
             case when k.kind in ('allocation', 'expenditure') then (${taskArray}::bigint[])[1 + g % ${taskIds.length}::int] end,
             case when k.kind = 'receipt' then 'CHF' end,
             case when k.kind = 'receipt' then ((g * 7919) % 49000 + 1000)::bigint * 100 end,
             case when k.kind = 'receipt' then 1 end
        from generate_series(1, ${entries}::int) g
        cross join lateral (select case when g % 10 < 4 then 'receipt' when g % 10 = 4 then 'psc' when g % 10 < 8 then 'allocation' else 'expenditure' end as kind) k`);
    await tx.execute(sql`
      insert into trust_fund_lines (entry_id, account, donor_id, task_id, amount_chf, value_date)
      select e.id, l.account, l.donor_id, l.task_id, l.amount, e.value_date
        from trust_fund_entries e
        cross join lateral (
          select case e.kind when 'receipt' then e.amount_minor
                             when 'psc' then ((e.id * 7919) % 49000 + 1000)::bigint * 7
                             when 'allocation' then ((e.id * 104729) % 20000 + 500)::bigint * 100
                             else ((e.id * 104729) % 10000 + 100)::bigint * 100 end as amount
        ) a
        cross join lateral (values
          (case e.kind when 'receipt' then 'unallocated' when 'psc' then 'psc' when 'allocation' then 'allocated' else 'expenditure' end,
           case when e.kind = 'psc' then e.donor_id end, e.task_id, a.amount),
          (case e.kind when 'receipt' then 'contributions' when 'psc' then 'unallocated' when 'allocation' then 'unallocated' else 'allocated' end,
           case when e.kind = 'receipt' then e.donor_id end, case when e.kind = 'expenditure' then e.task_id end, -a.amount)
        ) l(account, donor_id, task_id, amount)
       where e.description like 'bench %'`);
  });
  for (const table of ['trust_fund_entries', 'trust_fund_lines']) await db.execute(sql.raw(`vacuum analyze ${table}`));
  const seconds = (Date.now() - started) / 1000;
  say(`  trust-fund: corpus written in ${seconds.toFixed(1)} s`);
  return seconds;
};
