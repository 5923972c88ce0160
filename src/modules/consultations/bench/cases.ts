/**
 * The consultations in `wsis bench` and `wsis seed bench` (through the manifest), on one corpus:
 * the analysis' generated consultation (analysis/bench/corpus.ts: 30 questions, a fifth of the
 * answers from three campaigns). Cases, each runnable alone by `wsis bench --only <case>`:
 * `campaigns` (grouping from nothing, incremental, precision and recall), `results` (the results
 * page under concurrent readers), `export` (the XLSX export: time and memory at two sizes) and
 * `submit` (answers submitted over the API at a fixed rate). The last three on PostgreSQL only.
 */
import type { BenchContext, ModuleBench, ModuleBenchSeed } from '../../../core/cli/bench-contract.js';

export const consultationsBenchSeed: ModuleBenchSeed = {
  option: { flags: '--consultation-answers <n>', description: 'a generated consultation with this many answers (30 questions, a fifth from three campaigns), indexed and grouped' },
  run: async (database, { count, seed, progress }) => {
    const { makeCorpus } = await import('../analysis/bench/corpus.js');
    const { reindexConsultationTexts } = await import('../analysis/commands/group-campaigns.js');
    progress.start(count);
    const corpus = await makeCorpus(database.db, { answers: count, seed });
    progress.advance(count, '');
    const grouped = await database.db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
    progress.stop();
    return { added: `1 consultation with ${count} answers (${grouped.campaigns} campaigns)`, total: `${count} answers` };
  },
};

const CASES = ['campaigns', 'results', 'export', 'submit'] as const;

export const consultationsBench: ModuleBench = {
  about: [
    'Consultations: a generated consultation of 30 questions (4 free-text) whose answers are a fifth',
    'from three campaigns (templates with words swapped or dropped, sentences added, names changed).',
    'Campaign detection: the texts indexed and grouped from nothing, grouped again from the stored',
    'MinHash signatures, then answers one by one; precision and recall counted over pairs of texts.',
    'On PostgreSQL, on the same consultation once grouped and published: the results page under',
    'concurrent readers against the bare-server ceiling, the XLSX export of every answer (time and',
    'memory, against a consultation of a fifth of the answers), and answers submitted over the API by',
    'pre-created respondents with their own API tokens at a fixed rate, against `wsis serve` in its own',
    'processes (one, then two): each answer with its submission, then a draft followed by its submission.',
  ],
  options: [
    { flags: '--consultation-answers <n>', description: 'answers of the generated consultation of the consultations cases (0 to skip)', defaultValue: 5000 },
    { flags: '--consultation-rate <n>', description: 'answers submitted per second over the API in the consultations submit case', defaultValue: 200 },
  ],
  // A case's own database of one year (the reports): the generated consultation of --consultation-answers, closed on 1 March of that year, grouped and published (kept).
  yearCorpus: async (database, { year, say }) => {
    const db = database.db;
    const { and, eq, gte, lt, sql } = await import('drizzle-orm');
    const { consultations } = await import('../tables.js');
    const kept = await db
      .select({ id: consultations.id, n: sql<number>`(select count(*)::int from consultations_answers a where a.consultation_id = consultations.id)` })
      .from(consultations)
      .where(
        and(eq(consultations.status, 'published'), gte(consultations.closesAt, new Date(Date.UTC(year, 0, 1))), lt(consultations.closesAt, new Date(Date.UTC(year + 1, 0, 1)))),
      );
    if (kept.length === 0) {
      const count = 5000;
      say(`  making a consultation of ${count} answers closed in ${year} (kept for the next runs)…`);
      const { makeCorpus } = await import('../analysis/bench/corpus.js');
      const { reindexConsultationTexts } = await import('../analysis/commands/group-campaigns.js');
      const corpus = await makeCorpus(db, { answers: count, year });
      await db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
      await db.update(consultations).set({ status: 'published' }).where(eq(consultations.id, corpus.consultationId));
      await db.execute(sql`analyze consultations_answers`);
      return `1 published consultation of ${count.toLocaleString('en')} answers closed in ${year}`;
    }
    return kept.map((k) => `1 published consultation of ${k.n.toLocaleString('en')} answers closed in ${year}`).join('; ');
  },
  cases: [...CASES],
  measure: async (context) => {
    const answers = context.options.consultationAnswers ?? 5000;
    if (answers <= 0) return { lines: () => [] };
    const { measureConsultations } = await import('./measure.js');
    const lines = await measureConsultations(context, { answers, rate: context.options.consultationRate ?? 200, cases: casesOf(context) });
    return { lines: () => lines };
  },
};

const casesOf = (context: BenchContext): (typeof CASES)[number][] => {
  const wanted = context.only ? CASES.filter((c) => c === context.only) : [...CASES];
  // The server-side cases are measured on PostgreSQL, as deployed.
  return context.kind === 'postgresql' ? wanted : wanted.filter((c) => c === 'campaigns');
};
