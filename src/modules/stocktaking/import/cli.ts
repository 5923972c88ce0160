/**
 * `wsis import entries FILE`: the secretariat's way to load its existing database (or any file in
 * the export format) from the command line, with a progress bar and a report of every problem.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { getActorById } from '../../../core/auth/sessions.js';
import { CliError, configFrom, type DataOption, progressBar, say, withDatabase, withDataOption } from '../../../core/cli/common.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { translator } from '../../../core/i18n/translate.js';
import { can } from '../../../core/permissions/index.js';
import { findUserByEmail } from '../../accounts/queries.js';
import type { ImportEntriesResult } from './commands/import-entries.js';
import type { RowError } from './read-file.js';

export type ImportFileOptions = { file: string; as: string; allOrNothing?: boolean; progress?: boolean; signal?: AbortSignal };

/** "row 3, column sdgs: …" (row 1 is the header), one line per problem. */
export const formatRowError = (e: RowError) => `row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`;

/**
 * Imports a CSV or Excel file in the name of the moderator or administrator with the e-mail `as`
 * (the command line has no signed-in user); throws CliError for what stops the import before it
 * starts (unknown account, not a moderator, unreadable file).
 */
export const importEntriesFromFile = async (db: DbOrTx, { file, as, allOrNothing = false, progress = false, signal }: ImportFileOptions): Promise<ImportEntriesResult> => {
  const user = await findUserByEmail(db, as.trim());
  const actor = user ? await getActorById(db, user.id) : null;
  if (!actor) throw new CliError(`no active user with the e-mail address ${as}`);
  if (!can(actor, 'stocktaking.entry.import')) throw new CliError(`${as} is not a moderator or administrator: only they import entries`);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  // Messages of the report in English, like the rest of the command line.
  const t = translator('en');
  // Loaded here, not with the command line: the file readers (exceljs) and the image processing
  // of the import (sharp) took a third of the start of every `wsis` command.
  const [{ readEntryFile }, { importEntries }] = await Promise.all([import('./read-file.js'), import('./commands/import-entries.js')]);
  const read = await readEntryFile({ data, t });
  if (!read.ok) return { created: [], errors: read.errors, total: 0, written: false };
  const checking = progress ? progressBar('rows checked') : null;
  const writing = progress ? progressBar('entries imported') : null;
  checking?.start(read.rows.length);
  let phase: 'checked' | 'imported' = 'checked';
  try {
    return await importEntries(db, {
      actor,
      rows: read.rows,
      allOrNothing,
      fileName: basename(file),
      t,
      signal,
      onProgress: (step, count) => {
        if (step !== phase) {
          checking?.stop();
          // For logs too (the progress bars show only on a terminal).
          say(`Rows checked; writing the entries in one transaction (an interruption now imports nothing).`);
          writing?.start(read.rows.length);
          phase = step;
        }
        (step === 'checked' ? checking : writing)?.advance(count, '');
      },
    });
  } finally {
    (phase === 'checked' ? checking : writing)?.stop();
  }
};

export const registerImportCli = (program: Command) => {
  const command = program.command('import').description('import data from files');
  withDataOption(
    command
      .command('entries')
      .description('import Stocktaking entries from a CSV or Excel file in the export format (see /en/stocktaking/data); each valid row becomes a published entry')
      .argument('<file>', 'a .csv (UTF-8) or .xlsx file')
      .requiredOption('--as <email>', 'the moderator or administrator the entries are published by')
      .option('--all-or-nothing', 'import nothing if any row has an error', false),
  ).action(async (file: string, opts: DataOption & { as: string; allOrNothing: boolean }) => {
    // SIGTERM or Ctrl-C: the import stops between two rows or batches and rolls back, the database
    // is closed cleanly, and the message says that nothing was imported.
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      say(`${signal} received: stopping the import…`);
      stop.abort(signal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    await withDatabase(configFrom(opts), { migrate: true }, async (database) => {
      let result: ImportEntriesResult;
      try {
        result = await importEntriesFromFile(database.db, { file, as: opts.as, allOrNothing: opts.allOrNothing, progress: true, signal: stop.signal });
      } catch (error) {
        if (error instanceof (await import('./commands/import-entries.js')).ImportInterrupted)
          throw new CliError(`import interrupted (${String(stop.signal.reason)}): nothing was imported; run the same command again to import the file`);
        throw error;
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      for (const error of result.errors) say(formatRowError(error));
      const ids = result.created.length ? ` (#${result.created[0]}–#${result.created.at(-1)})` : '';
      process.stdout.write(`Imported ${result.created.length} of ${result.total} rows${ids}.\n`);
      if (result.errors.length > 0) {
        const rows = new Set(result.errors.map((e) => e.row)).size;
        throw new CliError(`${result.errors.length} problem(s) in ${rows} row(s); ${result.written ? 'the other rows were imported' : 'nothing was imported'}`);
      }
    });
  });
};
