/** `wsis seed reference`: (re)loads every module's reference data; idempotent. `wsis seed bench`: each module's large realistic corpus (`benchSeed` in its manifest). */
import { type Command, Option } from 'commander';
import type { PlatformModule } from '../module.js';
import { configFrom, type DataOption, describeDatabase, progressBar, say, withDatabase, withDataOption } from './common.js';
import { seedReference } from './startup.js';

export const registerSeedCommands = (program: Command, modules: PlatformModule[]) => {
  const seed = program.command('seed').description('load data into the database');
  withDataOption(seed.command('reference').description('reload the reference data (action lines, SDGs, the WSIS–SDG matrix, prize categories, regions, …)')).action(
    async (opts: DataOption) => {
      const config = configFrom(opts);
      await withDatabase(config, { migrate: true }, async (database) => {
        await seedReference(database, modules);
        const seeded = modules.filter((m) => m.seed).map((m) => m.id);
        say(`Reference data loaded into ${describeDatabase(config)} (modules: ${seeded.join(', ') || 'none'}).`);
      });
    },
  );
  const bench = seed
    .command('bench')
    .description("add each module's benchmark corpus, marked as demo (for benchmarks; never on a real database); with one module's option, only that module's corpus")
    .option('--seed <n>', 'corpus seed (the same seed gives the same corpus)', (v) => Number.parseInt(v, 10), 1);
  const seeds = modules.flatMap((m) => (m.benchSeed ? [{ module: m.id, benchSeed: m.benchSeed, name: new Option(m.benchSeed.option.flags).attributeName() }] : []));
  for (const { benchSeed } of seeds) bench.option(benchSeed.option.flags, benchSeed.option.description, (v) => Number.parseInt(v, 10), benchSeed.option.defaultValue);
  withDataOption(bench).action(async (opts: DataOption & { seed: number } & Record<string, number | undefined>, command: Command) => {
    const config = configFrom(opts);
    // The modules whose option was given; none given: every module that has a default size.
    const given = seeds.filter((s) => command.getOptionValueSource(s.name) === 'cli');
    const chosen = given.length ? given : seeds.filter((s) => s.benchSeed.option.defaultValue !== undefined);
    await withDatabase(config, { migrate: true }, async (database) => {
      await seedReference(database, modules);
      for (const { benchSeed, name } of chosen) {
        const started = Date.now();
        const summary = await benchSeed.run(database, { count: opts[name] ?? 0, seed: opts.seed, progress: progressBar(name) });
        say(`${summary.added} added to ${describeDatabase(config)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${summary.total} in all).`);
      }
    });
  });
};
