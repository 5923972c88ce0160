/**
 * The Trust Fund in `wsis bench` (through the manifest): two cases on PostgreSQL only (the goals
 * are PostgreSQL's), on the corpus of corpus.ts made in the scratch database at the first run:
 * `trust-fund`, the balance measures of measure.ts, and `trust-fund-statement`, statements of
 * random periods (transparency/bench.ts).
 */
import type { ModuleBench } from '../../../core/cli/bench-contract.js';

export const trustFundBench: ModuleBench = {
  about: [
    'Trust Fund: a ledger of 100,000 lines (50,000 entries over 20 years: receipts from 40 donors, programme support',
    'costs, allocations to 40 tasks, expenditures); balances by account for a period, available funds, contributions',
    'by donor and year, allocations by task, computed from the lines at every request.',
  ],
  cases: ['trust-fund', 'trust-fund-statement'],
  measure: async (context) => {
    if (context.kind !== 'postgresql') return { lines: () => [] };
    const lines: string[] = [];
    if (context.only === undefined || context.only === 'trust-fund') lines.push(...(await (await import('./measure.js')).measureLedger(context)));
    if (context.only === undefined || context.only === 'trust-fund-statement') {
      const report = await (await import('../transparency/bench.js')).statementBench.measure?.(context);
      if (report) lines.push(...report.lines(null));
    }
    return { lines: () => lines };
  },
};
