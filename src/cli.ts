#!/usr/bin/env node
/**
 * The one command of the platform: `wsis <command>` (also `npm run -s wsis -- <command>`). One of
 * the entry files (with src/app.ts): it hands the modules, the schema and the app to the core's commands.
 */
// First, before the modules load: the heap's sizing for `wsis serve`.
import './core/cli/heap-at-start.js';
import { Command, Option } from 'commander';
import { loadConfig, parseWorkers } from './core/config.js';
import { registerCommands } from './core/cli/commands.js';
import { setLockHolderCommand } from './core/db/data-lock.js';
import type { BuildApp } from './core/module.js';
import { MODULES } from './platform-modules.js';
import * as schema from './platform-schema.js';

// The web application is loaded only by the commands that serve or measure it.
const buildApp: BuildApp = async (options) => (await import('./app.js')).buildApp(options);

const program = new Command('wsis').description('WSIS Platform: serve, migrate, manage users, back up and restore').showHelpAfterError();

program
  .command('serve')
  .description('start the platform (migrates, loads reference data; on first start creates the administrator)')
  .option('--port <n>', 'port to listen on (PORT)', (v) => Number.parseInt(v, 10))
  .option('--host <h>', 'address to listen on (HOST)')
  .option('--data <dir>', 'folder of the embedded database (WSIS_DATA_DIR)')
  .option('--workers <n>', 'web processes sharing the port, or auto for one per processor; more than 1 needs PostgreSQL (WSIS_WORKERS, default 1)')
  .addOption(new Option('--no-demo', 'do not load demo content on first start'))
  .action(async (opts: { port?: number; host?: string; data?: string; workers?: string; demo: boolean }) => {
    const { serve } = await import('./core/cli/serve.js');
    const workers = opts.workers === undefined ? undefined : parseWorkers(opts.workers);
    await serve(loadConfig({ port: opts.port, host: opts.host, dataDir: opts.data, workers }), { demo: opts.demo, modules: MODULES, buildApp });
  });

// An embedded data folder's lock names the command that holds it (`wsis user add`), for whoever is refused.
program.hook('preAction', (_program, action) => {
  const names: string[] = [];
  for (let command: Command | null = action; command; command = command.parent) names.unshift(command.name());
  setLockHolderCommand(names.join(' '));
});

registerCommands(program, { modules: MODULES, schema, buildApp });
for (const module of MODULES) module.cli?.(program, { modules: MODULES });

program.parseAsync(process.argv).catch((error: Error) => {
  process.stderr.write(`wsis: ${error.message}\n`);
  process.exit(1);
});
