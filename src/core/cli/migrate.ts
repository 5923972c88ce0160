/** `wsis migrate`: applies pending migrations and prints the current migration tag. */
import type { Command } from 'commander';
import { currentMigration, migrateDatabase } from '../db/client.js';
import { configFrom, type DataOption, describeDatabase, say, withDatabase, withDataOption } from './common.js';

export const registerMigrate = (program: Command) => {
  withDataOption(program.command('migrate').description('apply pending database migrations; prints the current migration tag on stdout')).action(async (opts: DataOption) => {
    const config = configFrom(opts);
    await withDatabase(config, { migrate: false }, async (database) => {
      const before = await currentMigration(database);
      const after = await migrateDatabase(database);
      say(before === after ? `${describeDatabase(config)} is up to date.` : `${describeDatabase(config)}: migrated from ${before} to ${after}.`);
      process.stdout.write(`${after}\n`);
    });
  });
};
