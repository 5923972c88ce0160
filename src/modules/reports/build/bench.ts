/**
 * The reports in `wsis bench` (through the manifest): one case, `reports`, on PostgreSQL only (the
 * issue's goals are PostgreSQL's), on whatever corpora the scratch database holds (the Stocktaking
 * entries of `--entries`, the tasks, the prizes edition and the consultation the other modules'
 * cases and `wsis seed bench` made there). A bench report is written there: every section any
 * module contributes, one each, with a narrative in six languages. Measured: one language as HTML
 * and DOCX (seconds, peak resident memory of the process), all six languages, and rebuilding the
 * report once it is final (from its snapshot).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';
import { contributions } from '../../../core/contributions.js';
import type { Db } from '../../../core/db/client.js';
import { LOCALES } from '../../../core/i18n/locales.js';
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

/** Runs `work`, sampling the process's resident memory every 20 ms: seconds and peak RSS (MB). */
const timed = async <T>(work: () => Promise<T>) => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, addedMb: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
};

export const measureReports = async (context: BenchContext): Promise<string[]> => {
  const { database, say, modules } = context;
  const db = database.db;
  const { buildReport } = await import('./run.js');
  const { freezeSnapshot } = await import('./snapshot.js');
  // The year the corpora are dense in: the latest year with published Stocktaking entries, else this one.
  const latest = await db
    .execute<{ y: number | null }>(sql`select max(extract(year from published_at))::int as y from stocktaking_entries`)
    .catch(() => ({ rows: [] as { y: number | null }[] }));
  const year = latest.rows[0]?.y ?? new Date().getUTCFullYear();
  const { report, version, sections } = await makeBenchReport(db, context, year);
  const corpus = await db
    .execute<{ entries: number; tasks: number; answers: number }>(
      sql`select (select count(*)::int from stocktaking_entries where state = 'published') as entries, (select count(*)::int from roadmaps_tasks) as tasks, (select count(*)::int from consultations_answers) as answers`,
    )
    .then((r) => r.rows[0])
    .catch(() => undefined);
  say(`  reports: bench report ${year} with ${sections.length} contributed sections (${sections.join(', ')})`);

  // Warm-up (code loaded, catalogs read), not counted.
  await buildReport(db, null, modules, { reportId: report.id, locales: ['en'], formats: ['html'] });
  global.gc?.();
  const one = await timed(() => buildReport(db, null, modules, { reportId: report.id, locales: ['en'], formats: ['html', 'docx'] }));
  say(`  reports: one language (en), HTML + DOCX: ${one.seconds.toFixed(2)} s, peak RSS ${one.peakMb.toFixed(0)} MB (+${one.addedMb.toFixed(0)} MB)`);
  global.gc?.();
  const six = await timed(() => buildReport(db, null, modules, { reportId: report.id, locales: [...LOCALES], formats: ['html', 'docx'] }));
  say(`  reports: six languages, HTML + DOCX: ${six.seconds.toFixed(2)} s, peak RSS ${six.peakMb.toFixed(0)} MB`);
  const freeze = await timed(() =>
    db.transaction(async (tx) => {
      await tx.update(reportVersions).set({ final: true, state: 'final' }).where(eq(reportVersions.id, version.id));
      await tx.update(reports).set({ state: 'final', finalizedAt: new Date() }).where(eq(reports.id, report.id));
      await freezeSnapshot(tx, modules, version.id);
    }),
  );
  say(`  reports: freezing (six languages composed and stored): ${freeze.seconds.toFixed(2)} s`);
  const rebuild = await timed(() => buildReport(db, null, modules, { reportId: report.id, version: 'final', locales: ['en'], formats: ['html', 'docx'] }));
  say(`  reports: rebuilding the frozen report (en, HTML + DOCX): ${rebuild.seconds.toFixed(2)} s`);
  const bytes = (r: typeof one) => r.result.outputs.reduce((n, o) => n + ('bytes' in o ? o.bytes.length : 0), 0);
  return [
    '',
    '### Reports (issue 17)',
    '',
    `A report of ${year} with every contributed section (${sections.join(', ')}) and a narrative before each, built on the corpus of this section` +
      (corpus
        ? ` (${corpus.entries.toLocaleString('en')} published Stocktaking entries, ${corpus.tasks.toLocaleString('en')} roadmap tasks, ${corpus.answers.toLocaleString('en')} consultation answers).`
        : '.'),
    '',
    '| case | time | peak RSS of the process | goal |',
    '| --- | --- | --- | --- |',
    `| one language (en), HTML + DOCX (${(bytes(one) / 1000).toFixed(0)} kB) | ${one.seconds.toFixed(2)} s | ${one.peakMb.toFixed(0)} MB (+${one.addedMb.toFixed(0)} MB) | ≤ 10 s, ≤ 400 MB |`,
    `| six languages, HTML + DOCX | ${six.seconds.toFixed(2)} s | ${six.peakMb.toFixed(0)} MB | ≤ 30 s |`,
    `| freezing the final version (six languages composed, snapshot stored) | ${freeze.seconds.toFixed(2)} s | ${freeze.peakMb.toFixed(0)} MB | — |`,
    `| rebuilding the frozen report (en, HTML + DOCX, from its snapshot) | ${rebuild.seconds.toFixed(2)} s | ${rebuild.peakMb.toFixed(0)} MB | ≤ 2 s |`,
  ];
};

export const reportsBench: ModuleBench = {
  cases: ['reports'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'reports')) return { lines: () => [] };
    const lines = await measureReports(context);
    return { lines: () => lines };
  },
};
