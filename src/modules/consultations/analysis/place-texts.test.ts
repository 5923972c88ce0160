/**
 * Campaign placing as a job (PGlite, and PostgreSQL in the postgresql project): a submission stores
 * its texts without placing them; the job places each text exactly once, even with two runners at
 * once; a changed text leaves its campaign; and the results' version moves with every change the
 * results show (a new answer, a campaign found, a coding), not with a draft.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActorById } from '../../../core/auth/sessions.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { findResultsVersion } from '../results/queries.js';
import { answers, campaigns, texts } from '../tables.js';
import { createTheme } from './commands/create-theme.js';
import { groupCampaigns } from './commands/group-campaigns.js';
import { tagText } from './commands/tag-text.js';
import { storeAnswerTexts } from './index-texts.js';
import { BANDS, textSignature } from './minhash.js';
import { batchWhile, placeTextsSoon, placeWaitingTexts, whenTextsPlaced, yieldAfterBatch } from './place-texts.js';
import { findCampaigns, searchTexts } from './queries.js';
import { insertAnswer, insertConsultation } from './test-helpers.js';

let database: TestDatabase;
let analyst: Actor;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  const user = await buildUser(database.db, { roles: ['consultation-manager'] });
  analyst = (await getActorById(database.db, user.id)) as Actor;
}, 120_000);
afterAll(async () => database.drop());

const TEMPLATES = [
  'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre accordée.',
  'We ask that every rural school be connected to affordable broadband by the end of the decade, with teachers trained in digital skills.',
  'Las bibliotecas públicas deben ofrecer acceso gratuito a internet y cursos de alfabetización digital para personas mayores y jóvenes.',
];
const WORDS = ['vraiment', 'urgently', 'también', 'aussi', 'indeed', 'además', 'enfin', 'please', 'ahora', 'ici'];

/** A submitted answer whose text is stored as the submission stores it (not placed). */
const submitted = async (consultationId: number, text: string) => {
  const { id } = await insertAnswer(database.db, { consultationId, language: 'fr', values: { q1: { text } } });
  await database.db.transaction((tx) => storeAnswerTexts(tx, id));
  return id;
};

/** A consultation whose three answers copy one template, placed: one campaign of three. */
const campaignOfThree = async (template: string) => {
  const { id: consultationId } = await insertConsultation(database.db);
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push(await submitted(consultationId, `${template} ${WORDS[i]}.`));
  await placeWaitingTexts(database.db, { consultationId });
  const [campaign] = await findCampaigns(database.db, { consultationId });
  expect(campaign?.size).toBe(3);
  return { consultationId, ids, campaign };
};

/** The answer now says something else, its texts stored as the submission stores them (in `db`, a transaction or not). */
const rewrite = async (db: DbOrTx, answerId: number) => {
  await db
    .update(answers)
    .set({ values: { q1: { text: 'Une réponse toute différente, écrite sans modèle, sur les données ouvertes des administrations.' } } })
    .where(eq(answers.id, answerId));
  await storeAnswerTexts(db, answerId);
};

/** The text of answer `answerId` to q1. */
const textOf = async (answerId: number) => {
  const [row] = await database.db
    .select()
    .from(texts)
    .where(and(eq(texts.answerId, answerId), eq(texts.questionId, 'q1')));
  return row;
};

const textsOf = (consultationId: number) =>
  database.db.select({ answerId: texts.answerId, campaignId: texts.campaignId, placedAt: texts.placedAt }).from(texts).where(eq(texts.consultationId, consultationId));

describe('placing texts in campaigns after the submission', () => {
  it('finds candidates by every band key the signature has, and none of another question', async () => {
    // consultations_band_keys (migration 0027) reads the first 32 values of a signature: as many as
    // minhash.ts makes band keys, or the index would hold hashes, or miss bands.
    const signature = textSignature(TEMPLATES[0] as string);
    const keys = async (question: string) =>
      (await database.db.execute<{ k: number[] }>(sql`select consultations_band_keys(1, ${question}, ${sql.param(signature)}::integer[]) as k`)).rows[0]?.k ?? [];
    const mine = await keys('q1');
    expect(mine).toHaveLength(BANDS);
    const other = await keys('q2');
    expect(other.filter((k) => mine.includes(k))).toEqual([]);
  });

  it('a stored text is searchable at once, counts as its own until the job places it, then joins its near copy', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const first = await submitted(consultationId, TEMPLATES[0] as string);
    const second = await submitted(consultationId, `${TEMPLATES[0]} Merci.`);
    expect((await searchTexts(database.db, { consultationId, q: 'spectre' })).items.map((h) => h.answerId).sort()).toEqual([first, second].sort());
    expect((await textsOf(consultationId)).every((t) => t.campaignId === null && t.placedAt === null)).toBe(true);
    expect(await findCampaigns(database.db, { consultationId })).toEqual([]);

    expect(await placeWaitingTexts(database.db, { consultationId })).toEqual({ placed: 2, tidied: 0 });
    const [group] = await findCampaigns(database.db, { consultationId });
    expect(group).toMatchObject({ size: 2, representativeAnswerId: first });
    expect((await textsOf(consultationId)).every((t) => t.campaignId === group?.id && t.placedAt !== null)).toBe(true);
    // Nothing is placed twice.
    expect(await placeWaitingTexts(database.db, { consultationId })).toEqual({ placed: 0, tidied: 0 });
  });

  it('two runners at once place each text exactly once', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await submitted(consultationId, `${TEMPLATES[i % 3]} ${WORDS[i % WORDS.length]} ${i}.`));
    const [a, b] = await Promise.all([placeWaitingTexts(database.db, { consultationId }), placeWaitingTexts(database.db, { consultationId })]);
    expect((a?.placed ?? 0) + (b?.placed ?? 0)).toBe(30);
    const rows = await textsOf(consultationId);
    expect(rows.every((t) => t.placedAt !== null && t.campaignId !== null)).toBe(true);
    const groups = await findCampaigns(database.db, { consultationId });
    expect(groups.map((g) => g.size)).toEqual([10, 10, 10]);
    // Each campaign's size is its number of texts (a text placed twice would have counted twice).
    for (const g of groups) expect(rows.filter((t) => t.campaignId === g.id)).toHaveLength(g.size);
  }, 120_000);

  it('a changed text leaves its campaign (counted again by the job) and is placed again', async () => {
    const { consultationId, ids, campaign: before } = await campaignOfThree(TEMPLATES[1] as string);
    // The first answer (the representative) now says something else.
    await database.db.transaction((tx) => rewrite(tx, ids[0] as number));
    const [stale] = await database.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, before?.id as number));
    expect(stale?.isStale).toBe(true);
    expect(await placeWaitingTexts(database.db, { consultationId })).toEqual({ placed: 1, tidied: 1 });
    const [after] = await findCampaigns(database.db, { consultationId });
    expect(after).toMatchObject({ id: before?.id, size: 2, representativeAnswerId: ids[1] });
    const mine = await textOf(ids[0] as number);
    expect(mine?.campaignId).toBeNull();
    expect(mine?.placedAt).not.toBeNull();
  });

  it('a text changed while the campaigns are regrouped waits for the regrouping, then leaves its campaign', async () => {
    const { consultationId, ids, campaign: before } = await campaignOfThree(TEMPLATES[0] as string);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let grouped = () => {};
    const done = new Promise<void>((resolve) => {
      grouped = resolve;
    });
    // The regrouping finds the campaign as it is (it writes nothing) and holds its transaction open.
    const regrouping = database.db.transaction(async (tx) => {
      await groupCampaigns(tx, { consultationId });
      grouped();
      await held;
    });
    await done;
    const changing = (async () => {
      await database.db.transaction((tx) => rewrite(tx, ids[2] as number));
      return 'changed';
    })();
    expect(await Promise.race([changing, new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))])).toBe('waiting');
    release();
    await regrouping;
    expect(await changing).toBe('changed');
    expect(await placeWaitingTexts(database.db, { consultationId })).toEqual({ placed: 1, tidied: 1 });
    const [after] = await findCampaigns(database.db, { consultationId });
    expect(after).toMatchObject({ id: before?.id, size: 2 });
    expect((await textOf(ids[2] as number))?.campaignId).toBeNull();
  });

  it('finds the near copy among many texts of the question', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const original = await submitted(consultationId, TEMPLATES[2] as string);
    // Unrelated texts of the same question, placed first: the copy joins the original, none of them.
    for (let i = 0; i < 60; i++) await submitted(consultationId, `Respuesta número ${i}: ${WORDS.slice(i % 5, (i % 5) + 4).join(' ')} ${i * 7919} propuesta ${i}`);
    await placeWaitingTexts(database.db, { consultationId });
    const copy = await submitted(consultationId, `${TEMPLATES[2]} ${WORDS[2]}`);
    await placeWaitingTexts(database.db, { consultationId });
    const rows = await database.db
      .select({ answerId: texts.answerId, campaignId: texts.campaignId })
      .from(texts)
      .where(and(eq(texts.consultationId, consultationId), sql`${texts.answerId} in (${original}, ${copy})`));
    expect(rows).toHaveLength(2);
    expect(rows[0]?.campaignId).not.toBeNull();
    expect(rows[0]?.campaignId).toBe(rows[1]?.campaignId);
    const alone = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(texts)
      .where(and(eq(texts.consultationId, consultationId), isNotNull(texts.campaignId)));
    expect(alone[0]?.n).toBe(2);
  });

  it('runs in the background of the process after a submission (placeTextsSoon)', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    await submitted(consultationId, `${TEMPLATES[2]} uno.`);
    await submitted(consultationId, `${TEMPLATES[2]} dos.`);
    const errors: unknown[] = [];
    placeTextsSoon(database.db, (e) => errors.push(e));
    placeTextsSoon(database.db, (e) => errors.push(e));
    await whenTextsPlaced(database.db);
    expect(errors).toEqual([]);
    expect((await textsOf(consultationId)).every((t) => t.placedAt !== null && t.campaignId !== null)).toBe(true);
  });

  it('yields to submissions that keep arriving (nine times a batch’s time after it), and runs at full speed once they stop', () => {
    expect(yieldAfterBatch(20, 5)).toBe(180);
    expect(yieldAfterBatch(20, 999)).toBe(180);
    expect(yieldAfterBatch(20, 1_000)).toBe(0);
    expect(yieldAfterBatch(20, 60_000)).toBe(0);
    // Small transactions while they arrive (none holds the database for long), large ones after.
    expect(batchWhile(5)).toBe(2);
    expect(batchWhile(60_000)).toBe(100);
  });

  it('places every text in batches of the size asked for, the same campaigns as in one batch', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await submitted(consultationId, `${TEMPLATES[1]} ${WORDS[i]}`));
    const sizes: number[] = [];
    const outcome = await placeWaitingTexts(database.db, { consultationId, batch: () => (sizes.push(2), 2) });
    expect(outcome).toEqual({ placed: 5, tidied: 0 });
    // 2 + 2 + 1: three transactions.
    expect(sizes).toHaveLength(3);
    const rows = await textsOf(consultationId);
    expect(rows.every((t) => t.placedAt !== null && t.campaignId !== null && t.campaignId === rows[0]?.campaignId)).toBe(true);
    const [group] = await findCampaigns(database.db, { consultationId });
    expect(group).toMatchObject({ size: 5, representativeAnswerId: ids[0] });
  });
});

describe('the results version', () => {
  it('moves with a submitted answer, a campaign placed and a coding; not with a draft', async () => {
    const { id: consultationId } = await insertConsultation(database.db);
    const v0 = await findResultsVersion(database.db, consultationId);
    await database.db.insert(answers).values({ consultationId, version: 1, respondent: 'test:draft', status: 'draft', language: 'en', values: { q1: { text: 'draft' } } });
    expect(await findResultsVersion(database.db, consultationId)).toBe(v0);
    const first = await submitted(consultationId, TEMPLATES[1] as string);
    const v1 = await findResultsVersion(database.db, consultationId);
    expect(v1).toBeGreaterThan(v0);
    await submitted(consultationId, `${TEMPLATES[1]} Thanks.`);
    const v2 = await findResultsVersion(database.db, consultationId);
    expect(v2).toBeGreaterThan(v1);
    await placeWaitingTexts(database.db, { consultationId });
    const v3 = await findResultsVersion(database.db, consultationId);
    expect(v3).toBeGreaterThan(v2);
    const theme = await createTheme(database.db, { actor: analyst, input: { consultationId, label: { en: 'Schools' }, description: {} } });
    const v4 = await findResultsVersion(database.db, consultationId);
    expect(v4).toBeGreaterThan(v3);
    await tagText(database.db, { actor: analyst, input: { consultationId, answerId: first, questionId: 'q1', themeIds: [theme.id] } });
    expect(await findResultsVersion(database.db, consultationId)).toBeGreaterThan(v4);
    // Another consultation's version did not move with these.
    const { id: other } = await insertConsultation(database.db);
    const otherVersion = await findResultsVersion(database.db, other);
    await submitted(consultationId, 'Encore une réponse libre sur la gouvernance de l’internet.');
    expect(await findResultsVersion(database.db, other)).toBe(otherVersion);
    // One bump per transaction, whatever the rows it wrote.
    const before = await findResultsVersion(database.db, consultationId);
    await database.db.execute(sql`update consultations_texts set placed_at = now() where consultation_id = ${consultationId}`);
    expect(await findResultsVersion(database.db, consultationId)).toBe(before + 1);
  });
});
