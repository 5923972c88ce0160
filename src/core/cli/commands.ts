import type { Command } from 'commander';
import { registerBackupCommands } from './backup.js';
import { registerBenchCommand } from './bench.js';
import { registerMigrate } from './migrate.js';
import { registerSeedCommands } from './seed.js';
import { registerTokenCommands } from './tokens.js';
import { registerUserCommands } from './users.js';

/** Commands other than serve (each group in its own file under core/cli). */
export const registerCommands = (program: Command) => {
  registerMigrate(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerBackupCommands(program);
  registerSeedCommands(program);
  registerBenchCommand(program);
};
