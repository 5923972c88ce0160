/**
 * The ledger's case in `wsis bench` (`--only trust-fund`): on the corpus of corpus.ts (100,000
 * lines), the balance queries of queries.ts p50/p95 — balances by account for a period (a year, a
 * quarter, the whole ledger), available to allocate, contributions by donor and year, allocations
 * by task — and the public ledger API's first page. The statement is measured by transparency/.
 */
import { sql } from 'drizzle-orm';
import type { BenchContext } from '../../../core/cli/bench-contract.js';
import { findAllocationsByTask, findBalances, findContributionsByDonorAndYear, getAvailableToAllocate } from '../queries.js';
import { countBenchLines, makeTrustFundCorpus } from './corpus.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const ms = (v: number) => v.toFixed(1);

const time = async (rounds: number, run: (i: number) => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
};

export const measureLedger = async (context: Pick<BenchContext, 'database' | 'say'> & { baseUrl?: string }): Promise<string[]> => {
  const db = context.database.db;
  const corpusSeconds = await makeTrustFundCorpus(db, { say: context.say });
  const lines = await countBenchLines(db);
  const total = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from trust_fund_lines`)).rows[0]?.n ?? 0);
  const year = (i: number) => 2007 + (i % 20);
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ['balances by account, one year', (i) => findBalances(db, { from: `${year(i)}-01-01`, to: `${year(i)}-12-31` })],
    ['balances by account, one quarter', (i) => findBalances(db, { from: `${year(i)}-04-01`, to: `${year(i)}-06-30` })],
    ['balances by account, whole ledger', () => findBalances(db)],
    ['available to allocate', () => getAvailableToAllocate(db)],
    ['contributions by donor and year, whole ledger', () => findContributionsByDonorAndYear(db)],
    ['allocations by task, one year', (i) => findAllocationsByTask(db, { from: `${year(i)}-01-01`, to: `${year(i)}-12-31` })],
  ];
  if (context.baseUrl) {
    cases.push([
      'GET /api/v1/trust-fund/ledger (page 1)',
      async () => {
        const res = await fetch(`${context.baseUrl}/api/v1/trust-fund/ledger`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`ledger API: ${res.status}`);
      },
    ]);
  }
  const out = [
    `Ledger of ${total.toLocaleString('en')} lines (${lines.toLocaleString('en')} of the corpus${corpusSeconds === null ? ', kept from an earlier run' : `, written in ${corpusSeconds.toFixed(1)} s`}):`,
    '',
  ];
  out.push('| query | p50 ms | p95 ms |', '| --- | ---: | ---: |');
  for (const [name, run] of cases) {
    await run(0);
    const s = await time(50, run);
    context.say(`  trust-fund: ${name} p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms`);
    out.push(`| ${name} | ${ms(s.p50)} | ${ms(s.p95)} |`);
  }
  return out;
};
