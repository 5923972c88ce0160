import type { Command } from 'commander';
import { registerBackupCommands } from './backup.js';
import { registerBenchCommand } from './bench.js';
import { registerMigrate } from './migrate.js';
import { registerSeedCommands } from './seed.js';

/** The platform's own commands (each group in its own file under core/cli); modules add theirs through `cli` in their manifest. */
export const registerCommands = (program: Command) => {
  registerMigrate(program);
  registerBackupCommands(program);
  registerSeedCommands(program);
  registerBenchCommand(program);
};
