/**
 * The Trust Fund in `wsis bench` (through the manifest): one case, `trust-fund`, on PostgreSQL
 * only (the goals are PostgreSQL's): the corpus of corpus.ts is made in the scratch database at
 * the first run, then the balance measures of measure.ts.
 */
import type { ModuleBench } from '../../../core/cli/bench-contract.js';

export const trustFundBench: ModuleBench = {
  about: [
    'Trust Fund: a ledger of 100,000 lines (50,000 entries over 20 years: receipts from 40 donors, programme support',
    'costs, allocations to 40 tasks, expenditures); balances by account for a period, available funds, contributions',
    'by donor and year, allocations by task, computed from the lines at every request.',
  ],
  cases: ['trust-fund'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'trust-fund')) return { lines: () => [] };
    const { measureLedger } = await import('./measure.js');
    const lines = await measureLedger(context);
    return { lines: () => lines };
  },
};
