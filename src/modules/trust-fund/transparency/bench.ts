/**
 * The Trust Fund in `wsis bench` (case `trust-fund-statement`, PostgreSQL): a corpus of 100,000
 * ledger lines (50,000 balanced two-line entries over twenty years: receipts of 20 donors,
 * programme support costs, allocations, expenditures), written by SQL once in the scratch
 * database, then statements of random periods (one day to twenty years) timed through the query
 * the page and the API run (buildStatement) and through the API. Goal: ≤ 200 ms for any period.
 */
import { sql } from 'drizzle-orm';
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';
import type { Db } from '../../../core/db/client.js';
import { buildStatement } from './queries.js';

export const BENCH_ENTRIES = 50_000;
const BENCH_MARK = 'bench:';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** Makes the corpus unless it is there; the number of bench lines. */
export const makeLedgerCorpus = async (db: Db) => {
  const count = async () =>
    Number(
      (
        await db.execute<{ n: number }>(
          sql`select count(*)::int as n from trust_fund_lines l join trust_fund_entries e on e.id = l.entry_id where e.description like ${`${BENCH_MARK}%`}`,
        )
      ).rows[0]?.n ?? 0,
    );
  if ((await count()) > 0) return count();
  await db.execute(sql`
    insert into trust_fund_donors (kind, name)
    select 'organization', jsonb_build_object('en', 'Bench donor ' || g) from generate_series(1, 20) g`);
  await db.execute(sql`
    insert into trust_fund_entries (kind, value_date, description, donor_id)
    select (array['receipt', 'psc', 'allocation', 'expenditure'])[1 + g % 4], date '2006-01-01' + (g * 7300 / ${BENCH_ENTRIES}),
      ${BENCH_MARK} || g, case when g % 4 = 0 then (select min(id) from trust_fund_donors where name->>'en' like 'Bench donor %') + g % 20 end
    from generate_series(1, ${BENCH_ENTRIES}) g`);
  // Each entry's two lines, as tables.ts says its kind posts; receipts ten times larger than the rest.
  await db.execute(sql`
    insert into trust_fund_lines (entry_id, account, donor_id, task_id, amount_chf, value_date)
    select e.id, l.account, case when l.account = 'contributions' then e.donor_id end, null,
      l.sign * (case when e.kind = 'receipt' then 10 else 1 end) * (1000 + (e.id * 7919) % 1000000), e.value_date
    from trust_fund_entries e
    cross join lateral (values
      (case e.kind when 'receipt' then 'unallocated' when 'psc' then 'psc' when 'allocation' then 'allocated' else 'expenditure' end, 1),
      (case e.kind when 'receipt' then 'contributions' when 'psc' then 'unallocated' when 'allocation' then 'unallocated' else 'allocated' end, -1)
    ) as l(account, sign)
    where e.description like ${`${BENCH_MARK}%`}`);
  await db.execute(sql.raw('analyze trust_fund_entries'));
  await db.execute(sql.raw('analyze trust_fund_lines'));
  return count();
};

const measureStatements = async (context: BenchContext): Promise<string[]> => {
  const db = context.database.db;
  const started = Date.now();
  const lines = await makeLedgerCorpus(db);
  context.say(`  trust fund corpus: ${lines} bench lines (${Math.round((Date.now() - started) / 1000)} s)`);
  let seed = 11;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const day = () => new Date(Date.UTC(2006, 0, 1) + Math.floor(next() * 7400) * 86_400_000).toISOString().slice(0, 10);
  const periods = Array.from({ length: Math.max(50, context.rounds) }, () => [day(), day()].sort() as [string, string]);
  periods.push(['2006-01-01', '2026-12-31']);
  for (const [from, to] of periods.slice(0, 5)) await buildStatement(db, { from, to });
  const query: number[] = [];
  for (const [from, to] of periods) {
    const t0 = performance.now();
    await buildStatement(db, { from, to });
    query.push(performance.now() - t0);
  }
  const api: number[] = [];
  for (const [from, to] of periods) {
    const t0 = performance.now();
    const res = await fetch(`${context.baseUrl}/api/v1/trust-fund/statement?from=${from}&to=${to}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`statement answered ${res.status}`);
    api.push(performance.now() - t0);
  }
  const describe = (name: string, ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b);
    return `| ${name} | ${s.length} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 95).toFixed(1)} | ${(s.at(-1) ?? 0).toFixed(1)} |`;
  };
  return [
    '',
    `### Trust Fund statement (${lines} ledger lines; goal: any period ≤ 200 ms)`,
    '',
    '| measure | periods | p50 ms | p95 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    describe('buildStatement (query)', query),
    describe('GET /api/v1/trust-fund/statement', api),
  ];
};

export const trustFundBench: ModuleBench = {
  about: ['Trust Fund: 100,000 ledger lines (50,000 two-line entries over twenty years); statements of random periods, by query and through the API.'],
  cases: ['trust-fund-statement'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'trust-fund-statement')) return { lines: () => [] };
    const lines = await measureStatements(context);
    return { lines: () => lines };
  },
};
