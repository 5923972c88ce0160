/**
 * The consultations' analysis in `wsis bench` and `wsis seed bench` (through the manifest):
 * campaign detection on a generated consultation with known campaigns (bench.ts), case
 * `campaigns` for `wsis bench --only campaigns`.
 */
import type { ModuleBench, ModuleBenchSeed } from '../../../../core/cli/bench-contract.js';

export const analysisBenchSeed: ModuleBenchSeed = {
  option: { flags: '--consultation-answers <n>', description: 'a generated consultation with this many answers (30 questions, a fifth from three campaigns), indexed and grouped' },
  run: async (database, { count, seed, progress }) => {
    const { makeCorpus } = await import('./corpus.js');
    const { reindexConsultationTexts } = await import('../commands/group-campaigns.js');
    progress.start(count);
    const corpus = await makeCorpus(database.db, { answers: count, seed });
    progress.advance(count, '');
    const grouped = await database.db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
    progress.stop();
    return { added: `1 consultation with ${count} answers (${grouped.campaigns} campaigns)`, total: `${count} answers` };
  },
};

export const analysisBench: ModuleBench = {
  about: [
    'Campaign detection (consultations): a generated consultation of 30 questions whose answers are a',
    'fifth from three campaigns (templates with words swapped or dropped, sentences added, names',
    'changed) is indexed, grouped from nothing, grouped again from the stored MinHash signatures, then',
    'receives answers one by one; precision and recall are counted over pairs of texts.',
  ],
  options: [{ flags: '--consultation-answers <n>', description: 'answers of the generated consultation of the campaign detection case (0 to skip)', defaultValue: 5000 }],
  cases: ['campaigns'],
  measure: async ({ database, options, say }) => {
    const answers = options.consultationAnswers ?? 5000;
    if (answers <= 0) return { lines: () => [] };
    const { campaignLines, measureCampaigns } = await import('./bench.js');
    const result = await measureCampaigns(database.db, { answers, say }).catch((error: Error) => {
      say(`  campaign detection could not be measured: ${error.message}`);
      return null;
    });
    return { lines: () => campaignLines(result) };
  },
};
