/**
 * The reports in `wsis bench` (through the manifest): one case, `reports`, on PostgreSQL only (the
 * issue's goals are PostgreSQL's). Its corpus is its own: a scratch database of this year
 * (BenchContext.yearCorpus, kept between runs) where each module made its data of the year through
 * its manifest (`bench.yearCorpus`: the Stocktaking entries of --report-entries, the 2,000 tasks,
 * the prizes edition, the 5,000-answer consultation), so `--only reports` alone measures a full
 * report and the sections read all of it. A bench report is written there: every section any
 * module contributes, one each, with a narrative in six languages. Measured: one language as HTML
 * and DOCX, all six languages, and rebuilding the report once it is final (from its snapshot); in
 * this process (after a warm-up) and as `wsis report build` in a process of its own, whose peak
 * resident memory is the build's (this process holds the server and the other corpora).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';
import { contributions } from '../../../core/contributions.js';
import type { Db } from '../../../core/db/client.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../core/module.js';
import { reports, reportTemplates, reportVersions, type TemplateSection } from '../tables.js';

const BENCH_TEMPLATE = 'council';
const TEXT = {
  en: 'Bench narrative paragraph: what the secretariat writes before the figures of a section.\n\nA second paragraph, as long as the first one, to give the renderers some text to set.',
  fr: 'Paragraphe de test : ce que le secrétariat écrit avant les chiffres d’une section.\n\nUn second paragraphe, aussi long que le premier, pour donner du texte à composer.',
  es: 'Párrafo de prueba: lo que la secretaría escribe antes de las cifras de una sección.\n\nUn segundo párrafo, tan largo como el primero, para dar texto a los generadores.',
  ru: 'Тестовый абзац: то, что секретариат пишет перед цифрами раздела.\n\nВторой абзац такой же длины, чтобы дать текст для вёрстки.',
  zh: '测试段落：秘书处在某一节数字之前撰写的内容。\n\n第二段，与第一段一样长，为排版提供文字。',
  ar: 'فقرة اختبار: ما تكتبه الأمانة قبل أرقام القسم.\n\nفقرة ثانية بطول الأولى لتوفير نص للإخراج.',
};

/** The bench report of `year` (made again at each run): every contributed section. */
const makeBenchReport = async (db: Db, context: BenchContext, year: number) => {
  const found = contributions(context.modules, 'reportSections');
  const sections: TemplateSection[] = [
    { id: 'introduction', title: { en: 'Introduction' }, narrative: true },
    ...found.map(({ contribution }) => ({ id: contribution.id, title: {}, source: contribution.id, narrative: true })),
  ];
  const narratives = Object.fromEntries(sections.map((s) => [s.id, { text: TEXT, translations: {} }]));
  await db
    .insert(reportTemplates)
    .values({ key: BENCH_TEMPLATE, title: { en: 'Bench template' }, sections })
    .onConflictDoNothing();
  await db.delete(reports).where(and(eq(reports.templateKey, BENCH_TEMPLATE), eq(reports.year, year)));
  const [report] = await db
    .insert(reports)
    .values({ templateKey: BENCH_TEMPLATE, year, title: { en: `Bench report ${year}` }, sections, cutoff: `${year}-12-31` })
    .returning();
  if (!report) throw new Error('bench report not created');
  const [version] = await db.insert(reportVersions).values({ reportId: report.id, number: 1, state: 'draft', narratives }).returning();
  if (!version) throw new Error('bench version not created');
  return { report, version, sections: found.map((f) => f.contribution.id) };
};

/** Runs `work`: seconds. */
const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
};

/** The platform's modules with each contributed section's `build` timed (seconds summed by section id), for the profile of a build. */
const timedSections = (modules: readonly PlatformModule[], times: Map<string, number>): PlatformModule[] =>
  modules.map((m) =>
    m.contributes?.reportSections
      ? {
          ...m,
          contributes: {
            ...m.contributes,
            reportSections: m.contributes.reportSections.map((section) => ({
              ...section,
              build: async (db, args) => {
                const started = performance.now();
                try {
                  return await section.build(db, args);
                } finally {
                  times.set(section.id, (times.get(section.id) ?? 0) + (performance.now() - started) / 1000);
                }
              },
            })),
          },
        }
      : m,
  );

const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/**
 * `wsis report build` as its own process (this bench process holds the server, the corpora's
 * caches and the previous cases: its memory says nothing of a build's): seconds from spawn to
 * exit, the process's peak resident memory (VmHWM, the kernel's high-water mark, read every 20 ms
 * until exit), and the seconds at which each step's progress line came (compose, html, docx).
 */
const buildInChild = (env: NodeJS.ProcessEnv, args: string[]) =>
  new Promise<{ seconds: number; peakMb: number; steps: { label: string; at: number }[] }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, 'report', 'build', ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let peakKb = 0;
    const sample = () => {
      try {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch {
        // exited
      }
    };
    const sampler = setInterval(sample, 20);
    const steps: { label: string; at: number }[] = [];
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const at = (performance.now() - started) / 1000;
      sample();
      err += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (/^\d+\/\d+ /.test(line.trim())) steps.push({ label: line.trim(), at });
    });
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, steps });
      else reject(new Error(`wsis report build ${args.join(' ')} exited ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
    });
  });

/** The steps of a child build as "compose en 1.2 s, html 0.1 s, docx 2.3 s" (each from the previous line). */
const stepLine = (steps: { label: string; at: number }[], startedAt: number) =>
  steps.map((s, i) => `${s.label.replace(/^\d+\/\d+ /, '')} ${(s.at - (i === 0 ? startedAt : (steps[i - 1] as { at: number }).at)).toFixed(1)} s`).join(', ');

export const measureReports = async (context: BenchContext): Promise<string[]> => {
  const { say, modules } = context;
  // The report of this year, on a database of the case's own where every module's data is of this
  // year (BenchContext.yearCorpus): the sections read all of it, not the share of one year in a
  // corpus spread over twenty.
  const year = new Date().getUTCFullYear();
  const size = context.options.reportEntries ?? 100_000;
  const corpus = await context.yearCorpus('reports', { year, size });
  const db = corpus.database.db;
  try {
    const { buildReport } = await import('./run.js');
    const { freezeSnapshot } = await import('./snapshot.js');
    const { report, version, sections } = await makeBenchReport(db, context, year);
    say(`  reports: bench report ${year} with ${sections.length} contributed sections (${sections.join(', ')}), on ${corpus.holds.join('; ')}`);
    const sectionTimes = new Map<string, number>();
    const profiled = timedSections(modules, sectionTimes);

    // Warm-up (code loaded, catalogs read), not counted.
    await buildReport(db, null, modules, { reportId: report.id, locales: ['en'], formats: ['html', 'docx'] });
    const one = await timed(() => buildReport(db, null, profiled, { reportId: report.id, locales: ['en'], formats: ['html', 'docx'] }));
    const oneSections = new Map(sectionTimes);
    say(
      `  reports: one language (en), HTML + DOCX, in this process: ${one.seconds.toFixed(2)} s (sections ${[...oneSections].map(([id, s]) => `${id} ${s.toFixed(2)} s`).join(', ')})`,
    );
    const out = await mkdtemp(join(tmpdir(), 'wsis-bench-report-'));
    const cliArgs = (lang: string, version = 'latest') => [
      '--template',
      BENCH_TEMPLATE,
      '--year',
      String(year),
      '--lang',
      lang,
      '--format',
      'html,docx',
      '--out',
      out,
      '--version',
      version,
    ];
    try {
      const child = await buildInChild(corpus.env, cliArgs('en'));
      say(
        `  reports: \`wsis report build\` en, HTML + DOCX, its own process: ${child.seconds.toFixed(2)} s from spawn to exit, peak RSS ${child.peakMb.toFixed(0)} MB (${stepLine(child.steps, 0)})`,
      );
      sectionTimes.clear();
      const six = await timed(() => buildReport(db, null, profiled, { reportId: report.id, locales: [...LOCALES], formats: ['html', 'docx'] }));
      say(`  reports: six languages, HTML + DOCX, in this process: ${six.seconds.toFixed(2)} s`);
      const sixChild = await buildInChild(corpus.env, cliArgs(LOCALES.join(',')));
      say(`  reports: \`wsis report build\` six languages: ${sixChild.seconds.toFixed(2)} s, peak RSS ${sixChild.peakMb.toFixed(0)} MB`);
      const freeze = await timed(() =>
        db.transaction(async (tx) => {
          await tx.update(reportVersions).set({ final: true, state: 'final' }).where(eq(reportVersions.id, version.id));
          await tx.update(reports).set({ state: 'final', finalizedAt: new Date() }).where(eq(reports.id, report.id));
          await freezeSnapshot(tx, modules, version.id);
        }),
      );
      say(`  reports: freezing (six languages composed and stored): ${freeze.seconds.toFixed(2)} s`);
      const rebuild = await timed(() => buildReport(db, null, modules, { reportId: report.id, version: 'final', locales: ['en'], formats: ['html', 'docx'] }));
      say(`  reports: rebuilding the frozen report (en, HTML + DOCX), in this process: ${rebuild.seconds.toFixed(2)} s`);
      const rebuildChild = await buildInChild(corpus.env, cliArgs('en', 'final'));
      say(`  reports: \`wsis report build --version final\` en: ${rebuildChild.seconds.toFixed(2)} s, peak RSS ${rebuildChild.peakMb.toFixed(0)} MB`);
      // The command's own start: Node, the platform's code and the command line, no build (`wsis report build --help`).
      const start = await buildInChild(corpus.env, ['--help']);
      say(`  reports: \`wsis report build --help\` (start and exit, no build): ${start.seconds.toFixed(2)} s, peak RSS ${start.peakMb.toFixed(0)} MB`);
      const bytesOf = (r: typeof one, format: string) => r.result.outputs.reduce((n, o) => n + (o.format === format && 'bytes' in o ? o.bytes.length : 0), 0);
      const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
      return [
        '',
        '### Reports (issue 17)',
        '',
        `A report of ${year} with every contributed section (${sections.join(', ')}) and a two-paragraph narrative before each, in a database of the case's own (\`wsis_bench_reports_${year}_${size}\`, kept between runs) where every module's data is of ${year}: ${corpus.holds.join('; ')}${corpus.seededIn !== null ? ` (made in ${corpus.seededIn.toFixed(0)} s in this run)` : ''}. Times in the bench process after a warm-up build, and of \`wsis report build\` as its own process from spawn to exit (Node's start and the platform's code included); memory is that process's peak resident memory (the kernel's high-water mark, VmHWM), since the bench process itself holds the server and the corpora.`,
        '',
        '| case | time in the bench process | `wsis report build`, own process: spawn to exit | its peak RSS | goal | met |',
        '| --- | ---: | ---: | ---: | --- | --- |',
        `| one language (en), HTML (${kb(bytesOf(one, 'html'))}) + DOCX (${kb(bytesOf(one, 'docx'))}) | ${one.seconds.toFixed(2)} s | ${child.seconds.toFixed(2)} s | ${child.peakMb.toFixed(0)} MB | ≤ 10 s, ≤ 400 MB | ${yes(child.seconds <= 10 && child.peakMb <= 400)} |`,
        `| six languages, HTML + DOCX | ${six.seconds.toFixed(2)} s | ${sixChild.seconds.toFixed(2)} s | ${sixChild.peakMb.toFixed(0)} MB | ≤ 30 s | ${yes(sixChild.seconds <= 30)} |`,
        `| freezing the final version (six languages composed, snapshot stored) | ${freeze.seconds.toFixed(2)} s | | | — | |`,
        `| rebuilding the frozen report (en, HTML + DOCX, from its snapshot) | ${rebuild.seconds.toFixed(2)} s | ${rebuildChild.seconds.toFixed(2)} s | ${rebuildChild.peakMb.toFixed(0)} MB | ≤ 2 s | ${rebuild.seconds <= 2 && rebuildChild.seconds <= 2 ? 'yes' : rebuild.seconds <= 2 ? 'in the bench process; **not** as a command (start, code, fonts and snapshot loaded)' : '**no**'} |`,
        `| \`wsis report build --help\`: the command's start and exit, no build (Node, the platform's code) | | ${start.seconds.toFixed(2)} s | ${start.peakMb.toFixed(0)} MB | | |`,
        '',
        `Where the time of one language goes: sections (in the bench process) ${[...oneSections].map(([id, s]) => `${id} ${s.toFixed(2)} s`).join(', ')}; steps of \`wsis report build\` (from spawn: Node's start and the code's load come first) ${stepLine(child.steps, 0)}.`,
      ];
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  } finally {
    await corpus.database.close();
  }
};

export const reportsBench: ModuleBench = {
  cases: ['reports'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'reports')) return { lines: () => [] };
    const lines = await measureReports(context);
    return { lines: () => lines };
  },
};
