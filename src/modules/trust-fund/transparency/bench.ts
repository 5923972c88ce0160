/**
 * The Trust Fund in `wsis bench` (case `trust-fund-statement`, PostgreSQL): on the ledger's corpus
 * (bench/corpus.ts: 100,000 lines, written once in the scratch database), statements of random periods (one day to twenty years) timed through the query
 * the page and the API run (buildStatement) and through the API. Goal: ≤ 200 ms for any period.
 */
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';
import { countBenchLines, makeTrustFundCorpus } from '../bench/corpus.js';
import { buildStatement } from './queries.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

const measureStatements = async (context: BenchContext): Promise<string[]> => {
  const db = context.database.db;
  const started = Date.now();
  await makeTrustFundCorpus(db, { say: context.say });
  const lines = await countBenchLines(db);
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

export const statementBench: ModuleBench = {
  about: ['Trust Fund: 100,000 ledger lines (50,000 two-line entries over twenty years); statements of random periods, by query and through the API.'],
  cases: ['trust-fund-statement'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'trust-fund-statement')) return { lines: () => [] };
    const lines = await measureStatements(context);
    return { lines: () => lines };
  },
};
