/**
 * Campaign detection measured on the generated corpus (corpus.ts): indexing every free text and
 * grouping from nothing, grouping again from the stored signatures, answers submitted one by one
 * afterwards (incremental), and the precision and recall against the known campaigns.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../core/db/client.js';
import { consultations } from '../../tables.js';
import { groupCampaigns, reindexConsultationTexts } from '../commands/group-campaigns.js';
import { indexAnswerTexts } from '../index-texts.js';
import { findTextCampaigns } from '../queries.js';
import { insertAnswer } from '../test-helpers.js';
import { type Corpus, corpusAnswer, makeCorpus, pairScores, random } from './corpus.js';

export type CampaignBench = {
  answers: number;
  campaignAnswers: number;
  texts: number;
  campaigns: number;
  loadSeconds: number;
  indexAndGroupSeconds: number;
  regroupSeconds: number;
  incremental: { count: number; p50: number; p95: number; max: number };
  precision: number;
  recall: number;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/**
 * Measures on `given` (a corpus whose texts are not indexed yet, kept afterwards) or on a corpus
 * of `answers` answers made here and deleted again (the consultation and all its rows).
 */
export const measureCampaigns = async (
  db: Db,
  { answers = 5000, incremental = 50, say, corpus: given }: { answers?: number; incremental?: number; say?: (line: string) => void; corpus?: Corpus },
): Promise<CampaignBench> => {
  let started = performance.now();
  const corpus = given ?? (await makeCorpus(db, { answers }));
  const loadSeconds = (performance.now() - started) / 1000;
  try {
    // The scratch database is kept between runs, and each run's texts were deleted: their rows are
    // dead (left to autovacuum, which may not have come yet), and the band keys' GIN index keeps
    // every key it ever held (a vacuum empties their posting lists; only a rebuild removes the keys,
    // all new in each run, since they mix in the consultation): after a dozen runs it held 147 MB
    // for no text, and the same grouping took 5.5–8 s instead of 4. A platform writes each text's
    // keys about once, so the index is rebuilt here. The corpus just written is also tens of
    // megabytes of WAL: a checkpoint it would force during the grouping (syncing files meanwhile)
    // is paid here, as the submit case does before its burst.
    await db.execute(sql`vacuum (analyze) consultations_texts, consultations_campaigns`);
    await db.execute(sql`reindex index consultations_texts_bands_idx`);
    await db.execute(sql`checkpoint`).catch(() => undefined);
    started = performance.now();
    const indexed = await db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
    const indexAndGroupSeconds = (performance.now() - started) / 1000;
    say?.(`  campaigns: ${indexed.texts} texts indexed and grouped in ${indexAndGroupSeconds.toFixed(1)} s (${indexed.campaigns} campaigns)`);
    started = performance.now();
    await db.transaction((tx) => groupCampaigns(tx, { consultationId: corpus.consultationId }));
    const regroupSeconds = (performance.now() - started) / 1000;
    const scores = pairScores(await findTextCampaigns(db, corpus.consultationId), corpus.truth);
    say?.(`  campaigns: regrouped from the signatures in ${regroupSeconds.toFixed(1)} s; precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}`);
    // Answers submitted afterwards, one transaction each (as the submit does), a fifth from the campaigns.
    const rand = random(2026);
    const times: number[] = [];
    for (let i = 0; i < incremental; i++) {
      const { language, values } = corpusAnswer(rand, { campaign: i % 5 === 0 ? i % 3 : null });
      const { id } = await insertAnswer(db, { consultationId: corpus.consultationId, language, values });
      const t = performance.now();
      await db.transaction((tx) => indexAnswerTexts(tx, id));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const result: CampaignBench = {
      answers: corpus.answerIds.length,
      campaignAnswers: corpus.campaignAnswers,
      texts: indexed.texts,
      campaigns: indexed.campaigns,
      loadSeconds,
      indexAndGroupSeconds,
      regroupSeconds,
      incremental: { count: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? 0 },
      precision: scores.precision,
      recall: scores.recall,
    };
    say?.(`  campaigns: a new answer indexed and placed in p50 ${result.incremental.p50.toFixed(1)} ms, p95 ${result.incremental.p95.toFixed(1)} ms`);
    return result;
  } finally {
    if (!given) await db.delete(consultations).where(eq(consultations.id, corpus.consultationId));
  }
};

/** The markdown lines of docs/benchmarks.md. */
export const campaignLines = (r: CampaignBench | null): string[] =>
  r
    ? [
        '',
        `Campaign detection on a generated consultation: ${r.answers} answers of 30 questions, ${r.campaignAnswers} of them from three campaigns (French, Arabic and Chinese templates with small edits), ${r.texts} free texts.`,
        '',
        '| campaign detection | value | target |',
        '| --- | ---: | ---: |',
        `| index every free text and group from nothing | ${r.indexAndGroupSeconds.toFixed(1)} s | |`,
        `| group again from the stored signatures | ${r.regroupSeconds.toFixed(1)} s | ≤ 10 s |`,
        `| one answer submitted afterwards: texts indexed and placed (p50 / p95, ${r.incremental.count} answers) | ${r.incremental.p50.toFixed(1)} / ${r.incremental.p95.toFixed(1)} ms | incremental |`,
        `| precision (pairs of texts grouped together that belong to one campaign) | ${r.precision.toFixed(3)} | ≥ 0.95 |`,
        `| recall (pairs of texts of one campaign grouped together) | ${r.recall.toFixed(3)} | ≥ 0.9 |`,
        `| campaigns found | ${r.campaigns} | 6 (3 campaigns × 2 questions) |`,
      ]
    : ['', 'Campaign detection could not be measured.'];
