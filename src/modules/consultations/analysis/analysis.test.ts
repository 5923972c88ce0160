/**
 * The analysis on a real database (PGlite, and PostgreSQL in the postgresql project): free-text
 * search in six languages, campaigns on the generated corpus (precision and recall), an answer
 * added later joining its campaign without regrouping, and coding counts.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActorById } from '../../../core/auth/sessions.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { answers, campaigns, texts } from '../tables.js';
import { CAMPAIGN_QUESTIONS, corpusAnswer, makeCorpus, pairScores, random, truthKey } from './bench/corpus.js';
import { bulkTag } from './commands/bulk-tag.js';
import { createTheme } from './commands/create-theme.js';
import { groupCampaigns, reindexConsultationTexts } from './commands/group-campaigns.js';
import { tagText } from './commands/tag-text.js';
import { findPlacingWork, indexAnswerTexts } from './index-texts.js';
import { type CampaignRow, findCampaigns, findCampaignTexts, findTextCampaigns, findThemes, searchTexts } from './queries.js';
import { insertAnswer, insertConsultation } from './test-helpers.js';

let database: TestDatabase;
let analyst: Actor;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  const user = await buildUser(database.db, { roles: ['consultation-manager'] });
  analyst = (await getActorById(database.db, user.id)) as Actor;
}, 120_000);
afterAll(async () => database.drop());

describe('free-text search in six languages', () => {
  let consultationId: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const db = database.db;
    ({ id: consultationId } = await insertConsultation(db));
    const written: [string, Parameters<typeof insertAnswer>[1]['language'], string][] = [
      ['fr', 'fr', 'Les écoles rurales manquent de connexions numériques abordables.'],
      ['ar', 'ar', 'نطالب بتحسين الخدمات الصحية للفتيات في المناطق الريفية.'],
      ['zh', 'zh', '我们希望农村地区的数字教育平台得到更多支持。'],
      ['ru', 'ru', 'Необходимо развивать цифровое образование в сельских школах.'],
      ['en', 'en', 'Volunteers trained farmers to use mobile weather services.'],
    ];
    for (const [key, language, text] of written) {
      const { id } = await insertAnswer(db, { consultationId, language, values: { q1: { text } } });
      await database.db.transaction((tx) => indexAnswerTexts(tx, id));
      ids[key] = id;
    }
    const other = await insertAnswer(db, { consultationId, language: 'es', values: { q2: { choice: 'other', other: 'Bibliotecas comunitarias conectadas' } } });
    await database.db.transaction((tx) => indexAnswerTexts(tx, other.id));
    ids.es = other.id;
  });

  const found = async (q: string) => (await searchTexts(database.db, { consultationId, q })).items.map((hit) => Object.entries(ids).find(([, id]) => id === hit.answerId)?.[0]);

  it('finds French by its stem (singular query, plural text)', async () => {
    expect(await found('école numérique')).toEqual(['fr']);
  });
  it('finds Arabic by its normalized and stemmed form (article and suffixes, ة/ه)', async () => {
    expect(await found('الفتيات')).toEqual(['ar']);
    expect(await found('صحة')).toEqual(['ar']);
  });
  it('finds Chinese by one word of an unsegmented text', async () => {
    expect(await found('教育')).toEqual(['zh']);
    expect(await found('医院')).toEqual([]);
  });
  it('finds Russian by its stem (another case of the word)', async () => {
    expect(await found('образования')).toEqual(['ru']);
  });
  it('finds "other, please say" texts, and a query in English finds English', async () => {
    expect(await found('biblioteca')).toEqual(['es']);
    expect(await found('volunteer')).toEqual(['en']);
  });
  it('finds nothing for a query without words, and excluded words exclude', async () => {
    expect(await found('  «» ')).toEqual([]);
    expect(await found('rurales -numériques')).toEqual([]);
  });
  it('a draft has no searchable text, and changing a submitted answer re-indexes it', async () => {
    const { id } = await insertAnswer(database.db, { consultationId, language: 'en', values: { q1: { text: 'Satellite links for islands' } } });
    await database.db.transaction((tx) => indexAnswerTexts(tx, id));
    expect((await searchTexts(database.db, { consultationId, q: 'satellite' })).total).toBe(1);
    await database.db.update(answers).set({ status: 'draft' }).where(eq(answers.id, id));
    await database.db.transaction((tx) => indexAnswerTexts(tx, id));
    expect((await searchTexts(database.db, { consultationId, q: 'satellite' })).total).toBe(0);
  });
});

describe('campaigns on the generated corpus (500 answers)', () => {
  let corpus: Awaited<ReturnType<typeof makeCorpus>>;
  beforeAll(async () => {
    corpus = await makeCorpus(database.db, { answers: 500, seed: 7 });
    await database.db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
  }, 240_000);

  it('groups the campaigns with precision ≥ 0.95 and recall ≥ 0.9', async () => {
    expect(corpus.campaignAnswers).toBe(100);
    const scores = pairScores(await findTextCampaigns(database.db, corpus.consultationId), corpus.truth);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    const found = await findCampaigns(database.db, { consultationId: corpus.consultationId });
    // Three campaigns on each of the two questions they answer: the six largest groups.
    const largest = found.slice(0, 6);
    expect(new Set(largest.map((c) => c.questionId))).toEqual(new Set(CAMPAIGN_QUESTIONS));
    expect(largest.reduce((sum, c) => sum + c.size, 0)).toBeGreaterThanOrEqual(2 * 100 * 0.9);
    expect(largest[0]?.representativeText.length).toBeGreaterThan(50);
  });

  it('grouping again from the signatures finds the same campaigns at the same addresses, and repairs a damaged grouping', async () => {
    const db = database.db;
    const { consultationId } = corpus;
    const byText = (rows: Awaited<ReturnType<typeof findTextCampaigns>>) => [...rows].sort((a, b) => a.answerId - b.answerId || a.questionId.localeCompare(b.questionId));
    const byRepresentative = <T extends { questionId: string; representativeAnswerId: number }>(rows: T[]) =>
      [...rows].sort((a, b) => a.questionId.localeCompare(b.questionId) || a.representativeAnswerId - b.representativeAnswerId);
    // Indexed already grouped: no text waits for the placing job.
    expect(await findPlacingWork(db, { consultationId })).toEqual([]);
    const before = await findCampaigns(db, { consultationId });
    const textsBefore = byText(await findTextCampaigns(db, consultationId));
    expect(await db.transaction((tx) => groupCampaigns(tx, { consultationId }))).toMatchObject({ campaigns: before.length });
    expect(await findCampaigns(db, { consultationId })).toEqual(before);
    expect(byText(await findTextCampaigns(db, consultationId))).toEqual(textsBefore);

    // Damaged: a member of the largest campaign taken out of it, its size wrong and marked stale; the second campaign deleted.
    const [largest, second] = before as [CampaignRow, CampaignRow];
    const member = textsBefore.find((t) => t.campaignId === largest.id && t.answerId !== largest.representativeAnswerId) as (typeof textsBefore)[number];
    await db
      .update(texts)
      .set({ campaignId: null })
      .where(and(eq(texts.answerId, member.answerId), eq(texts.questionId, member.questionId)));
    await db.update(campaigns).set({ size: 1, isStale: true }).where(eq(campaigns.id, largest.id));
    await db.delete(campaigns).where(eq(campaigns.id, second.id));
    await db.transaction((tx) => groupCampaigns(tx, { consultationId }));
    const after = await findCampaigns(db, { consultationId });
    const remade = after.find((c) => c.questionId === second.questionId && c.representativeAnswerId === second.representativeAnswerId) as CampaignRow;
    expect(remade).toMatchObject({ size: second.size, representativeText: second.representativeText });
    expect(remade.id).not.toBe(second.id);
    // Every other campaign is back as it was, under its own id; the texts with it.
    expect(byRepresentative(after.map((c) => (c.id === remade.id ? { ...c, id: second.id } : c)))).toEqual(byRepresentative(before));
    expect(byText(await findTextCampaigns(db, consultationId))).toEqual(textsBefore.map((t) => (t.campaignId === second.id ? { ...t, campaignId: remade.id } : t)));
    expect(
      (
        await db
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(and(eq(campaigns.consultationId, consultationId), eq(campaigns.isStale, true)))
      ).length,
    ).toBe(0);
  });

  it('an answer submitted later joins its campaign, and nothing else is regrouped', async () => {
    const before = await findCampaigns(database.db, { consultationId: corpus.consultationId });
    const rand = random(99);
    const { language, values } = corpusAnswer(rand, { campaign: 1 });
    const { id } = await insertAnswer(database.db, { consultationId: corpus.consultationId, language, values });
    await database.db.transaction((tx) => indexAnswerTexts(tx, id));
    const texts = await findTextCampaigns(database.db, corpus.consultationId);
    const mine = texts.find((t) => t.answerId === id && t.questionId === 'q-priorities');
    expect(mine?.campaignId).not.toBeNull();
    // The campaign it joined is the one holding the other copies of campaign 1.
    const members = await findCampaignTexts(database.db, { consultationId: corpus.consultationId, campaignId: mine?.campaignId as number });
    const truths = members.filter((m) => m.answerId !== id).map((m) => corpus.truth.get(truthKey(m.answerId, m.questionId)));
    expect(truths.filter((t) => t === 1).length).toBeGreaterThanOrEqual(truths.length * 0.95);
    const after = await findCampaigns(database.db, { consultationId: corpus.consultationId });
    const joined = after.find((c) => c.id === mine?.campaignId);
    expect(joined?.size).toBe((before.find((c) => c.id === mine?.campaignId)?.size ?? 0) + 1);
    // It joined one campaign per question it answered like the campaign; every other campaign kept its id and size.
    const joinedIds = new Set(texts.filter((t) => t.answerId === id && t.campaignId !== null).map((t) => t.campaignId));
    expect(joinedIds.size).toBe(2);
    for (const c of before) expect(after.find((a) => a.id === c.id)?.size).toBe(c.size + (joinedIds.has(c.id) ? 1 : 0));

    // A freely written answer stays alone; withdrawing the copy (back to draft) takes it out again.
    const free = corpusAnswer(rand, { campaign: null });
    const alone = await insertAnswer(database.db, { consultationId: corpus.consultationId, language: free.language, values: free.values });
    await database.db.transaction((tx) => indexAnswerTexts(tx, alone.id));
    expect((await findTextCampaigns(database.db, corpus.consultationId)).filter((t) => t.answerId === alone.id).every((t) => t.campaignId === null)).toBe(true);
    await database.db.update(answers).set({ status: 'draft' }).where(eq(answers.id, id));
    await database.db.transaction((tx) => indexAnswerTexts(tx, id));
    const [restored] = await database.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, mine?.campaignId as number));
    expect(restored?.size).toBe(joined ? joined.size - 1 : -1);
  }, 120_000);

  it('two lone near texts form a group; removing one dissolves it', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const text = 'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre.';
    const first = await insertAnswer(database.db, { consultationId, language: 'fr', values: { q1: { text } } });
    await database.db.transaction((tx) => indexAnswerTexts(tx, first.id));
    expect(await findCampaigns(database.db, { consultationId })).toEqual([]);
    const second = await insertAnswer(database.db, { consultationId, language: 'fr', values: { q1: { text: `${text} Merci.` } } });
    await database.db.transaction((tx) => indexAnswerTexts(tx, second.id));
    const [group] = await findCampaigns(database.db, { consultationId });
    expect(group).toMatchObject({ size: 2, representativeAnswerId: first.id, representativeText: text });
    await database.db.update(answers).set({ status: 'draft' }).where(eq(answers.id, first.id));
    await database.db.transaction((tx) => indexAnswerTexts(tx, first.id));
    expect(await findCampaigns(database.db, { consultationId })).toEqual([]);
  });
});

describe('coding', () => {
  it('themes, tags per text and from a search, and their counts', async () => {
    const db = database.db;
    const { id: consultationId } = await insertConsultation(db);
    const a = await insertAnswer(db, {
      consultationId,
      language: 'fr',
      values: { q1: { text: 'Le haut débit dans les écoles rurales' }, q2: { choice: 'other', other: 'Écoles connectées' } },
    });
    const b = await insertAnswer(db, { consultationId, language: 'en', values: { q1: { text: 'Broadband for rural clinics' } } });
    for (const id of [a.id, b.id]) await db.transaction((tx) => indexAnswerTexts(tx, id));
    const schools = await createTheme(db, { actor: analyst, input: { consultationId, label: { fr: 'Écoles', en: 'Schools' }, description: {} } });
    const rural = await createTheme(db, { actor: analyst, input: { consultationId, label: { en: 'Rural areas' }, description: { en: 'Villages, farms' } } });
    const { id: elsewhere } = await insertConsultation(db);
    const foreign = await createTheme(db, { actor: analyst, input: { consultationId: elsewhere, label: { en: 'Other' }, description: {} } });

    expect(await tagText(db, { actor: analyst, input: { consultationId, answerId: a.id, questionId: 'q1', themeIds: [schools.id, foreign.id] } })).toEqual({
      ok: true,
      themeIds: [schools.id],
    });
    expect(await tagText(db, { actor: analyst, input: { consultationId, answerId: a.id, questionId: 'q9', themeIds: [schools.id] } })).toEqual({
      ok: false,
      error: 'text_not_found',
    });
    expect(await bulkTag(db, { actor: analyst, input: { consultationId, q: 'rural', themeId: rural.id } })).toEqual({ ok: true, tagged: 2 });
    expect(await bulkTag(db, { actor: analyst, input: { consultationId, q: 'école', themeId: schools.id } })).toEqual({ ok: true, tagged: 1 });
    expect(await bulkTag(db, { actor: analyst, input: { consultationId, q: 'rural', themeId: foreign.id } })).toEqual({ ok: false, error: 'theme_not_found' });

    const counts = Object.fromEntries((await findThemes(db, consultationId)).map((t) => [t.label.en, { answers: t.answers, texts: t.texts }]));
    expect(counts).toEqual({ Schools: { answers: 1, texts: 2 }, 'Rural areas': { answers: 2, texts: 2 } });
    // Untagging one text: the counts follow.
    await tagText(db, { actor: analyst, input: { consultationId, answerId: a.id, questionId: 'q2', themeIds: [] } });
    expect((await findThemes(db, consultationId)).find((t) => t.id === schools.id)).toMatchObject({ answers: 1, texts: 1 });
  });
});
