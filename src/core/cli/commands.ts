import type { Command } from 'commander';

/** Commands other than serve (each in its own file under core/cli). */
export const registerCommands = (_program: Command) => {};
