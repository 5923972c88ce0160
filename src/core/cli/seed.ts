/** `wsis seed reference`: (re)loads every module's reference data; idempotent. `wsis seed bench`: a large realistic corpus. */
import type { Command } from 'commander';
import { configFrom, type DataOption, describeDatabase, progressBar, say, withDatabase, withDataOption } from './common.js';
import { seedReference } from './startup.js';

export const registerSeedCommands = (program: Command) => {
  const seed = program.command('seed').description('load data into the database');
  withDataOption(seed.command('reference').description('reload the reference data (action lines, SDGs, the WSIS–SDG matrix, prize categories, regions, …)')).action(
    async (opts: DataOption) => {
      const config = configFrom(opts);
      // app.js lists the modules; imported here only, so the other commands start faster.
      const { MODULES } = await import('../../app.js');
      await withDatabase(config, { migrate: true }, async (database) => {
        await seedReference(database, MODULES);
        const seeded = MODULES.filter((m) => m.seed).map((m) => m.id);
        say(`Reference data loaded into ${describeDatabase(config)} (modules: ${seeded.join(', ') || 'none'}).`);
      });
    },
  );
  withDataOption(
    seed
      .command('bench')
      .description('add a realistic corpus of published Stocktaking entries in the six languages, marked as demo (for benchmarks; never on a real database)')
      .option('--entries <n>', 'how many entries to add', (v) => Number.parseInt(v, 10), 100_000)
      .option('--seed <n>', 'corpus seed (the same seed gives the same entries)', (v) => Number.parseInt(v, 10), 1)
      .option('--voters <n>', 'instead of entries (unless --entries is given too): verified voter accounts with API tokens, up to this number', (v) => Number.parseInt(v, 10)),
  ).action(async (opts: DataOption & { entries: number; seed: number; voters?: number }, command: Command) => {
    const config = configFrom(opts);
    const { MODULES } = await import('../../app.js');
    const { seedBenchEntries } = await import('../../modules/stocktaking/bench/corpus.js');
    await withDatabase(config, { migrate: true }, async (database) => {
      await seedReference(database, MODULES);
      if (opts.voters !== undefined) {
        const { seedBenchVoters } = await import('../../modules/prizes/integrity/bench.js');
        const votersStarted = Date.now();
        const votersBar = progressBar('voters');
        votersBar.start(opts.voters);
        const added = await seedBenchVoters(database.db, { voters: opts.voters, onBatch: (n) => votersBar.advance(n, '') });
        votersBar.stop();
        say(`${added} voters added to ${describeDatabase(config)} in ${((Date.now() - votersStarted) / 1000).toFixed(1)} s (${opts.voters} in all).`);
        if (command.getOptionValueSource('entries') !== 'cli') return;
      }
      const started = Date.now();
      const bar = progressBar('entries');
      bar.start(opts.entries);
      const total = await seedBenchEntries(database.db, { entries: opts.entries, seed: opts.seed, onBatch: (n) => bar.advance(n, '') });
      bar.stop();
      say(`${opts.entries} entries added to ${describeDatabase(config)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${total} entries in all).`);
    });
  });
};
