/**
 * `wsis report build --template cstd --year 2026 --lang fr,en --format html,docx,pdf --out DIR
 * [--version final|latest]`: the files of a report, named `<template>-<year>-<lang>.<ext>`, with a
 * progress bar on stderr (plain lines when it is not a terminal). Each file is written to a
 * temporary name and renamed, and only once every file is built: a failure leaves nothing in DIR.
 * Messages are the catalog's, in English (the operator's console).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { CliError, configFrom, type DataOption, requireExistingDatabase, say, withDatabase, withDataOption } from '../../../core/cli/common.js';
import { translator } from '../../../core/i18n/translate.js';
import type { PlatformModule } from '../../../core/module.js';

type BuildOptions = DataOption & { template: string; year: string; lang: string; format: string; out: string; version: string };

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Progress on stderr: a bar on a terminal, a line per step otherwise. */
const progress = () => {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {value}/{total} steps | {label}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      step: (done: number, total: number, label: string) => {
        if (!started) bar.start(total, 0, { label });
        started = true;
        bar.update(done, { label });
      },
      stop: () => started && bar.stop(),
    };
  }
  return { step: (done: number, total: number, label: string) => say(`${done}/${total} ${label}`), stop: () => undefined };
};

export const runReportBuildCommand = async (opts: BuildOptions, modules: readonly PlatformModule[]) => {
  const t = translator('en');
  const { ReportBuildError } = await import('./compose.js');
  const { buildReport, outputFileName } = await import('./run.js');
  if (opts.version !== 'final' && opts.version !== 'latest') throw new CliError(t('reports.build.unknown_version_choice', { version: opts.version }));
  const version: 'final' | 'latest' = opts.version;
  const year = /^\d{4}$/.test(opts.year) ? Number(opts.year) : Number.NaN;
  if (Number.isNaN(year)) throw new CliError(t('reports.build.unknown_year', { year: opts.year }));
  const config = configFrom(opts);
  requireExistingDatabase(config);
  const bar = progress();
  const written: string[] = [];
  try {
    await withDatabase(config, { migrate: false }, async (database) => {
      const built = await buildReport(database.db, null, modules, {
        templateKey: opts.template,
        year,
        version,
        locales: list(opts.lang),
        formats: list(opts.format),
        onProgress: ({ done, total, locale, step }) => bar.step(done, total, `${locale} ${step}`),
      });
      bar.stop();
      const failed = built.outputs.find((o) => 'error' in o);
      if (failed && 'error' in failed) throw new CliError(t(failed.error.key, failed.error.values));
      mkdirSync(opts.out, { recursive: true });
      const temporary: [string, string][] = [];
      try {
        for (const output of built.outputs) {
          if (!('bytes' in output)) continue;
          const name = join(opts.out, outputFileName(built.report.templateKey, built.report.year, output.locale, output.format));
          const tmp = `${name}.${process.pid}.tmp`;
          writeFileSync(tmp, output.bytes);
          temporary.push([tmp, name]);
        }
      } catch (error) {
        for (const [tmp] of temporary) rmSync(tmp, { force: true });
        throw error;
      }
      for (const [tmp, name] of temporary) {
        renameSync(tmp, name);
        written.push(name);
      }
    });
  } catch (error) {
    bar.stop();
    if (error instanceof ReportBuildError) throw new CliError(t(error.key, error.values));
    throw error;
  }
  for (const name of written) process.stdout.write(`${name}\n`);
};

export const registerReportsCli = (program: Command, { modules }: { modules: readonly PlatformModule[] }) => {
  const report = program.command('report').description('build the reports of Resolution 1332 (CSTD/ECOSOC, HLPF, Council, PP, Stocktaking, Prizes stories)');
  withDataOption(
    report
      .command('build')
      .description('build a report as HTML, DOCX and/or PDF files in a folder, named <template>-<year>-<lang>.<ext>')
      .requiredOption('--template <key>', 'template: cstd, hlpf, council, pp, stocktaking or stories')
      .requiredOption('--year <year>', 'the report’s year (e.g. 2026)')
      .requiredOption('--lang <list>', 'languages, comma-separated: ar, en, es, fr, ru, zh')
      .requiredOption('--format <list>', 'formats, comma-separated: html, docx, pdf')
      .requiredOption('--out <dir>', 'folder to write the files to (created when missing)')
      .option('--version <which>', 'final (the frozen version) or latest', 'latest'),
  ).action(async (opts: BuildOptions) => runReportBuildCommand(opts, modules));
};
