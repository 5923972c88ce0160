/** `wsis seed reference`: (re)loads every module's reference data; idempotent. */
import type { Command } from 'commander';
import { configFrom, type DataOption, describeDatabase, say, withDatabase, withDataOption } from './common.js';
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
};
