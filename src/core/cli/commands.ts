import type { Command } from 'commander';
import type { BuildApp, PlatformModule } from '../module.js';
import { type PlatformSchema, registerBackupCommands } from './backup.js';
import { registerBenchCommand } from './bench.js';
import { registerMigrate } from './migrate.js';
import { registerSeedCommands } from './seed.js';

/**
 * The platform's own commands (each group in its own file under core/cli), given the composition
 * by the entry (src/cli.ts); modules add theirs through `cli` in their manifest.
 */
export const registerCommands = (program: Command, { modules, schema, buildApp }: { modules: PlatformModule[]; schema: PlatformSchema; buildApp: BuildApp }) => {
  registerMigrate(program);
  registerBackupCommands(program, { schema });
  registerSeedCommands(program, modules);
  registerBenchCommand(program, { modules, buildApp });
};
