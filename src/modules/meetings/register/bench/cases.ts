/**
 * The register in `wsis bench` (through the manifest): one case, `register`, on PostgreSQL only
 * (the goals are PostgreSQL's): the corpus of corpus.ts is made in the scratch database at the
 * first run, then the list, search and download measures of measure.ts.
 */
import type { ModuleBench } from '../../../../core/cli/bench-contract.js';

export const registerBench: ModuleBench = {
  about: [
    'Register (meetings): 20 years of meetings of five groups, 100 documents each (about 50,000),',
    "150,000 language files over a handful of stored files; a meeting's document list, the document",
    'search over the API, and 100 concurrent downloads of a 20 MB file (RSS, Range).',
  ],
  cases: ['register'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'register')) return { lines: () => [] };
    const { measureRegister } = await import('./measure.js');
    const lines = await measureRegister(context);
    return { lines: () => lines };
  },
};
