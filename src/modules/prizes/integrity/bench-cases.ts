/**
 * The WSIS Prizes' part of `wsis bench` and `wsis seed bench` (through its manifest): voter
 * accounts with API tokens, and the vote over HTTP against the same INSERT through the driver, on
 * the PostgreSQL server, in a scratch database of its own (bench.ts).
 */
import type { ModuleBench, ModuleBenchSeed } from '../../../core/cli/bench-contract.js';

export const prizesBenchSeed: ModuleBenchSeed = {
  option: { flags: '--voters <n>', description: 'verified voter accounts with API tokens, up to this number (only these, unless --entries is given too)' },
  run: async (database, { count, progress }) => {
    const { seedBenchVoters } = await import('./bench.js');
    progress.start(count);
    const added = await seedBenchVoters(database.db, { voters: count, onBatch: (n) => progress.advance(n, '') });
    progress.stop();
    return { added: `${added} voters`, total: `${count} voters` };
  },
};

export const prizesBench: ModuleBench = {
  // The stories PDF built and downloaded again (on each section's corpus).
  measure: async (context) => {
    const { measureStoriesPdf, storiesPdfLines } = await import('../stories/bench.js');
    const pdf = await measureStoriesPdf(context).catch((error: Error) => {
      context.say(`  stories PDF could not be measured: ${error.message}`);
      return null;
    });
    return { lines: () => storiesPdfLines(pdf) };
  },
  // A case's own database of one year (the reports): the edition of that year, announced (18 categories, a winner and five champions each, from the year's published entries).
  yearCorpus: async (database, { year }) => {
    const { prepareStoriesEdition } = await import('../stories/bench.js');
    const made = await prepareStoriesEdition(database.db, year, Math.min(Date.now(), Date.UTC(year, 10, 1)));
    return made ? `the WSIS Prizes edition of ${year}, announced (18 categories, 108 results)` : `no WSIS Prizes edition of ${year} (fewer than 108 published entries)`;
  },
  options: [{ flags: '--voters <n>', description: 'voter accounts of the WSIS Prizes vote benchmark on PostgreSQL (0 to skip)', defaultValue: 1_000_000 }],
  final: async ({ serverUrl, connections, duration, options, modules, say }) => {
    const voters = options.voters ?? 0;
    if (voters <= 0) return [];
    const { runVotingBench, votingBenchDatabase } = await import('./bench.js');
    const voting = await runVotingBench({ databaseUrl: await votingBenchDatabase(serverUrl), voters, connections, seconds: Math.max(duration, 10), modules });
    for (const r of [voting.result, voting.surge]) {
      if (r) say(`  votes (${r.connections} connections): ${r.acceptedPerSecond.toFixed(0)}/s accepted, p99 ${r.p99Ms.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}`);
    }
    return voting.lines;
  },
};
