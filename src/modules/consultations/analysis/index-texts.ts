/**
 * The free-text answers of a submitted answer in consultations_texts: one row per short or long
 * text question and per "other, please say" text, with its search vector (core/search: the
 * answer's language's configuration, Arabic stemmed and Chinese segmented in Node) and its MinHash
 * signature (minhash.ts). Each new text then finds its campaign incrementally: the texts of the same
 * question sharing a band with it are read (`signature && band keys`), the nearest joins it to its
 * group or makes a group with it; nothing else is regrouped.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { textVector } from '../../../core/search/index.js';
import type { AnswerValues } from '../questionnaire.js';
import { answers, campaigns, texts } from '../tables.js';
import { BANDS, keysOf, NEAR_THRESHOLD, SIGNATURE_HASHES, textSignature } from './minhash.js';

/** Longest text indexed (characters); a longer answer is indexed on its beginning. */
const MAX_INDEXED_CHARS = 20_000;

export type AnswerText = { questionId: string; body: string };

/** The free texts of an answer's values: `text` of short and long text questions, `other` of choices. */
export const textsOfValues = (values: AnswerValues): AnswerText[] => {
  const out: AnswerText[] = [];
  for (const [questionId, value] of Object.entries(values)) {
    if (!value || typeof value !== 'object') continue;
    const body = 'text' in value && typeof value.text === 'string' ? value.text : 'other' in value && typeof value.other === 'string' ? value.other : '';
    const trimmed = body.trim();
    if (trimmed) out.push({ questionId, body: trimmed });
  }
  return out;
};

/** The row of consultations_texts of one text (its campaign still to find). */
export const textRow = ({ answerId, consultationId, language, text }: { answerId: number; consultationId: number; language: Locale; text: AnswerText }) => {
  const body = text.body.slice(0, MAX_INDEXED_CHARS);
  return {
    answerId,
    consultationId,
    questionId: text.questionId,
    language,
    body: text.body,
    search: sql`${textVector(language, body)}` as unknown as string,
    signature: textSignature(body),
  };
};

/** Serializes campaign changes of one question (two answers submitted at once see each other). */
const lockQuestion = async (tx: DbOrTx, consultationId: number, questionId: string) => {
  await tx.execute(sql`select pg_advisory_xact_lock(${consultationId}::integer, hashtext(${questionId}))`);
};

/**
 * Takes a text out of its campaign: the size goes down, the representative moves to another member
 * when it was this one, and a campaign left with one text is dissolved (that text is alone again).
 */
const leaveCampaign = async (tx: DbOrTx, { answerId, questionId, campaignId }: { answerId: number; questionId: string; campaignId: number }) => {
  const others = await tx
    .select({ answerId: texts.answerId })
    .from(texts)
    .where(and(eq(texts.campaignId, campaignId), ne(texts.answerId, answerId), eq(texts.questionId, questionId)))
    .orderBy(texts.answerId)
    .limit(2);
  if (others.length < 2) {
    await tx.delete(campaigns).where(eq(campaigns.id, campaignId));
    return;
  }
  const [first] = others;
  await tx
    .update(campaigns)
    .set({
      size: sql`${campaigns.size} - 1`,
      representativeAnswerId: sql`case when ${campaigns.representativeAnswerId} = ${answerId} then ${first?.answerId} else ${campaigns.representativeAnswerId} end`,
    })
    .where(eq(campaigns.id, campaignId));
};

/** Removes an answer's texts (taking them out of their campaigns). */
export const removeAnswerTexts = async (tx: DbOrTx, answerId: number) => {
  const rows = await tx
    .select({ questionId: texts.questionId, campaignId: texts.campaignId, consultationId: texts.consultationId })
    .from(texts)
    .where(eq(texts.answerId, answerId));
  for (const row of rows) {
    if (row.campaignId === null) continue;
    await lockQuestion(tx, row.consultationId, row.questionId);
    await leaveCampaign(tx, { answerId, questionId: row.questionId, campaignId: row.campaignId });
  }
  if (rows.length > 0) await tx.delete(texts).where(eq(texts.answerId, answerId));
};

/**
 * Finds the campaign of one stored text: among the texts of its question sharing a band with it,
 * the nearest (estimated Jaccard ≥ NEAR_THRESHOLD; the earliest answer on a tie) gives its group,
 * or makes a new group of the two when it was alone. Returns the campaign's id, or null.
 */
export const placeText = async (
  tx: DbOrTx,
  { answerId, consultationId, questionId, signature }: { answerId: number; consultationId: number; questionId: string; signature: number[] },
): Promise<number | null> => {
  const keys = keysOf(signature);
  if (keys.length === 0) return null;
  await lockQuestion(tx, consultationId, questionId);
  // Candidates: a whole band equal (one subscript per band, no index needed for one question's
  // texts); their estimated similarity computed in SQL, so only the nearest comes back.
  const sameBand = sql.join(
    keys.map((key, band) => sql`${texts.signature}[${sql.raw(String(band + 1))}] = ${key}`),
    sql` or `,
  );
  const hashes = signature.slice(BANDS);
  const found = await tx.execute(sql`select c.answer_id::float8 as "answerId", c.campaign_id::float8 as "campaignId" from (
      select ${texts.answerId} as answer_id, ${texts.campaignId} as campaign_id,
        (select count(*) from unnest(${texts.signature}[${sql.raw(String(BANDS + 1))}:${sql.raw(String(BANDS + SIGNATURE_HASHES))}], ${sql.param(hashes)}::integer[]) as u(a, b) where u.a = u.b) as same
      from ${texts}
      where ${texts.consultationId} = ${consultationId} and ${texts.questionId} = ${questionId} and ${texts.answerId} <> ${answerId} and (${sameBand})
    ) c
    where c.same >= ${Math.ceil(NEAR_THRESHOLD * SIGNATURE_HASHES)}
    order by c.same desc, c.answer_id
    limit 1`);
  const best = (found.rows as { answerId: number; campaignId: number | null }[])[0];
  if (!best) return null;
  let campaignId = best.campaignId;
  if (campaignId === null) {
    const [created] = await tx.insert(campaigns).values({ consultationId, questionId, representativeAnswerId: best.answerId, size: 2 }).returning({ id: campaigns.id });
    if (!created) throw new Error('campaign not created');
    campaignId = created.id;
    await tx
      .update(texts)
      .set({ campaignId })
      .where(and(inArray(texts.answerId, [best.answerId, answerId]), eq(texts.questionId, questionId)));
  } else {
    await tx
      .update(campaigns)
      .set({ size: sql`${campaigns.size} + 1` })
      .where(eq(campaigns.id, campaignId));
    await tx
      .update(texts)
      .set({ campaignId })
      .where(and(eq(texts.answerId, answerId), eq(texts.questionId, questionId)));
  }
  return campaignId;
};

/**
 * (Re)writes the texts of an answer, to be called in the transaction that submits it (and again
 * when a submitted answer is changed): the old texts leave their campaigns, the new ones are
 * indexed and placed. A draft has no texts. Returns how many texts were written.
 */
export const indexAnswerTexts = async (tx: DbOrTx, answerId: number): Promise<number> => {
  const [answer] = await tx
    .select({ id: answers.id, consultationId: answers.consultationId, language: answers.language, values: answers.values, status: answers.status })
    .from(answers)
    .where(eq(answers.id, answerId));
  await removeAnswerTexts(tx, answerId);
  if (answer?.status !== 'submitted') return 0;
  const rows = textsOfValues(answer.values).map((text) => textRow({ answerId, consultationId: answer.consultationId, language: answer.language, text }));
  if (rows.length === 0) return 0;
  await tx.insert(texts).values(rows);
  for (const row of rows) await placeText(tx, { answerId, consultationId: answer.consultationId, questionId: row.questionId, signature: row.signature });
  return rows.length;
};
