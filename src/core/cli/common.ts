/**
 * Shared plumbing of the `wsis` commands: the --data option, opening (and closing) the configured
 * database, and the error type whose message is printed as `wsis: …` with exit code 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import { currentMigration, type Database, MIGRATIONS_FOLDER, migrateDatabase } from '../db/client.js';
import { openConfiguredDatabase } from './startup.js';

/** An expected failure (bad input, refused operation): printed without a stack trace, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export type DataOption = { data?: string };

/** Adds the option every command accepts. */
export const withDataOption = (command: Command) =>
  command.option('--data <dir>', 'folder of the embedded database (WSIS_DATA_DIR; default ./data/db); ignored when DATABASE_URL is set');

export const configFrom = (opts: DataOption): Config => loadConfig({ dataDir: opts.data });

/** "embedded PGlite in ./data/db" or "PostgreSQL db.example.org/wsis" (never the password). */
export const describeDatabase = (config: Config) => {
  if (!config.databaseUrl) return `embedded PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
};

/**
 * Opens the configured database, runs `fn`, and always closes it (so the process can exit).
 * `migrate: true` applies pending migrations first. On an embedded database held by a running
 * `wsis serve`, the command runs on the database the server lends (core/db/lend.ts), unless
 * `borrow: false` (restore), or the server runs another version of the migrations: then it is
 * refused with the server's name.
 */
export const withDatabase = async <T>(config: Config, { migrate, borrow = true }: { migrate: boolean; borrow?: boolean }, fn: (database: Database) => Promise<T>): Promise<T> => {
  const database = await openConfiguredDatabase(config, { borrow });
  try {
    if (database.borrowedFrom) {
      const server = `\`${database.borrowedFrom.command}\` (process ${database.borrowedFrom.pid})`;
      const [current, shipped] = [await currentMigration(database), latestMigrationTag()];
      if (current !== shipped) {
        throw new CliError(`the embedded database in ${config.dataDir} is held by ${server} at migration ${current}, and this wsis is at ${shipped}: stop the server first`);
      }
      say(`The embedded database in ${config.dataDir} is held by ${server}; this command runs through it.`);
    }
    if (migrate) await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
};

/** Fails unless the embedded database folder exists (commands that must not create an empty one). */
export const requireExistingDatabase = (config: Config) => {
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://') && !existsSync(config.dataDir)) {
    throw new CliError(`no database in ${config.dataDir} (use --data DIR, WSIS_DATA_DIR or DATABASE_URL)`);
  }
};

/** The tag of the newest migration this version of the platform ships. */
export const latestMigrationTag = (): string => {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)?.tag ?? 'none';
};

/** Writes a line for people to stderr (stdout is kept for what scripts read). */
export const say = (message: string) => {
  process.stderr.write(`${message}\n`);
};

export type Progress = { start: (total: number) => void; advance: (n: number, label: string) => void; stop: () => void };

/** A progress bar on stderr when it is a terminal; silent otherwise (logs, pipes, tests). */
export const progressBar = (unit: string): Progress => {
  if (!process.stderr.isTTY) return { start: () => {}, advance: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `{bar} {percentage}% | {value}/{total} ${unit} | {label}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(Math.max(total, 1), 0, { label: '' }),
    advance: (n, label) => bar.increment(n, { label }),
    stop: () => bar.stop(),
  };
};

/** Asks a yes/no question on the terminal; true only for "y" or "yes". */
export const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
};
