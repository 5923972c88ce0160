/**
 * The free-text answers of a submitted answer in consultations_texts: one row per short or long
 * text question and per "other, please say" text, with its search vector (core/search: the
 * answer's language's configuration, Arabic stemmed and Chinese segmented in Node) and its MinHash
 * signature (minhash.ts), written by the submission's transaction without any lock
 * (storeAnswerTexts). Each new text then finds its campaign incrementally, in the placing job
 * (place-texts.ts, placeQuestionTexts here): the placed texts of the same question sharing a band
 * key with it are read (the GIN index of `consultations_band_keys`), the nearest joins it to its group or makes a group with it;
 * nothing else is regrouped.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { textVectorFragment } from '../../../core/search/index.js';
import { type Fragment, fragmentSql, insertFragment, runStatement } from '../../../core/db/statement.js';
import type { AnswerValues } from '../questionnaire.js';
import { answers, campaigns, texts } from '../tables.js';
import { BANDS, keysOf, NEAR_THRESHOLD, SIGNATURE_HASHES, textSignature } from './minhash.js';

/** Longest text indexed (characters); a longer answer is indexed on its beginning. */
const MAX_INDEXED_CHARS = 20_000;

export type AnswerText = { questionId: string; body: string };

/** What storeAnswerTexts reads of the answer. */
type StoredAnswer = Pick<typeof answers.$inferSelect, 'id' | 'consultationId' | 'language' | 'values' | 'status'>;

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

/** The MinHash signature stored for a text (minhash.ts textSignature of its indexed beginning). */
export const indexedSignature = (body: string): number[] => textSignature(body.slice(0, MAX_INDEXED_CHARS));

/**
 * The row of consultations_texts of one text (its campaign still to find), `search` an expression
 * (core/db/statement.ts), analysed when the row is made. `signature`: when the caller has already
 * computed it (indexedSignature).
 */
export const textRow = <Id extends number | Fragment>({
  answerId,
  consultationId,
  language,
  text,
  signature,
}: {
  answerId: Id;
  consultationId: number;
  language: Locale;
  text: AnswerText;
  signature?: number[];
}) => ({
  answerId,
  consultationId,
  questionId: text.questionId,
  language,
  body: text.body,
  search: textVectorFragment(language, text.body.slice(0, MAX_INDEXED_CHARS)),
  signature: signature ?? indexedSignature(text.body),
});

/**
 * The texts of an answer never submitted before, as an insert not yet run, for the submission that
 * writes them with the answer in one statement (`answerId` an expression of that statement, such as
 * the id its upsert returns): every text of `values` is new, waiting for the placing job. A text
 * already there (another member's submission of the same answer, met by the upsert) is left as it
 * is: the caller then runs storeAnswerTexts, which compares them. Null when the answer has no text.
 */
export const newTextsFragment = ({
  answerId,
  consultationId,
  language,
  values,
}: {
  answerId: Fragment;
  consultationId: number;
  language: Locale;
  values: AnswerValues;
}): Fragment | null => {
  // Question by question in one order, as every writer of these rows does.
  const rows = textsOfValues(values)
    .sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
    .map((text) => textRow({ answerId, consultationId, language, text }));
  if (rows.length === 0) return null;
  return insertFragment(texts, rows, { onConflictDoNothing: true, returning: 'question_id' });
};

/**
 * Serializes campaign changes of one question (two texts placed at once see each other). Taken only
 * by the placing job and by regrouping, never by a submission; a transaction holding it touches the
 * texts and campaigns of that question only, so it cannot wait in a circle with a submission.
 */
export const lockQuestion = async (tx: DbOrTx, consultationId: number, questionId: string) => {
  await tx.execute(sql`select pg_advisory_xact_lock(${consultationId}::integer, hashtext(${questionId}))`);
};

/**
 * Writes the texts of an answer as its values say now, in the transaction that submits it (or that
 * changes a submitted answer), without taking any lock beyond the answer's own rows: a text
 * unchanged (same words, same language) keeps its row and its campaign; a new or changed text is
 * written waiting for the placing job (`placed_at` null, no campaign); a changed or removed text
 * that was in a campaign marks that campaign stale (the job counts it again). A draft has no texts.
 * Returns how many texts now wait for the job. `written`: the answer's row as the caller has just
 * written it in this transaction (read again when not given); `none`: the caller knows the answer
 * has no texts stored (it was never submitted before), so they are not read.
 */
export const storeAnswerTexts = async (tx: DbOrTx, answerId: number, written?: StoredAnswer, { none = false }: { none?: boolean } = {}): Promise<number> => {
  // The caller that has just written the answer passes its row (one statement less per submission).
  const [answer] = written
    ? [written]
    : await tx
        .select({ id: answers.id, consultationId: answers.consultationId, language: answers.language, values: answers.values, status: answers.status })
        .from(answers)
        .where(eq(answers.id, answerId));
  const old = none
    ? []
    : await tx.select({ questionId: texts.questionId, body: texts.body, language: texts.language, campaignId: texts.campaignId }).from(texts).where(eq(texts.answerId, answerId));
  const current = answer?.status === 'submitted' ? textsOfValues(answer.values) : [];
  const before = new Map(old.map((t) => [t.questionId, t]));
  const now = new Map(current.map((t) => [t.questionId, t]));
  const stale: number[] = [];
  const removed: string[] = [];
  const added: ReturnType<typeof textRow<number>>[] = [];
  const changed: ReturnType<typeof textRow<number>>[] = [];
  // Question by question in one order, as every writer of these rows does.
  for (const questionId of [...new Set([...before.keys(), ...now.keys()])].sort()) {
    const was = before.get(questionId);
    const is = now.get(questionId);
    if (was && is && was.body === is.body && was.language === answer?.language) continue;
    if (was?.campaignId) stale.push(was.campaignId);
    if (!is) removed.push(questionId);
    else if (answer) (was ? changed : added).push(textRow({ answerId, consultationId: answer.consultationId, language: answer.language, text: is }));
  }
  if (removed.length > 0) await tx.delete(texts).where(and(eq(texts.answerId, answerId), inArray(texts.questionId, removed)));
  for (const row of changed)
    await tx
      .update(texts)
      .set({ language: row.language, body: row.body, search: fragmentSql(row.search) as unknown as string, signature: row.signature, campaignId: null, placedAt: null })
      .where(and(eq(texts.answerId, answerId), eq(texts.questionId, row.questionId)));
  if (added.length > 0) await runStatement(tx, insertFragment(texts, added));
  if (stale.length > 0)
    await tx
      .update(campaigns)
      .set({ isStale: true })
      .where(and(inArray(campaigns.id, stale), eq(campaigns.isStale, false)));
  return added.length + changed.length;
};

/**
 * Counts the stale campaigns of one question again (under its lock): a campaign left with fewer
 * than two texts is dissolved (its last text is alone again), otherwise its size is its number of
 * texts and its representative stays, or moves to its earliest answer when it left. Returns how many.
 */
const tidyCampaigns = async (tx: DbOrTx, { consultationId, questionId }: { consultationId: number; questionId: string }) => {
  const stale = await tx
    .select({ id: campaigns.id, representativeAnswerId: campaigns.representativeAnswerId })
    .from(campaigns)
    .where(and(eq(campaigns.consultationId, consultationId), eq(campaigns.questionId, questionId), eq(campaigns.isStale, true)))
    .for('update', { skipLocked: true });
  for (const campaign of stale) {
    const members = await tx.select({ answerId: texts.answerId }).from(texts).where(eq(texts.campaignId, campaign.id)).orderBy(asc(texts.answerId));
    if (members.length < 2) {
      await tx.delete(campaigns).where(eq(campaigns.id, campaign.id));
      continue;
    }
    const stays = members.some((m) => m.answerId === campaign.representativeAnswerId);
    await tx
      .update(campaigns)
      .set({ size: members.length, isStale: false, representativeAnswerId: stays ? campaign.representativeAnswerId : (members[0]?.answerId as number) })
      .where(eq(campaigns.id, campaign.id));
  }
  return stale.length;
};

/**
 * Places one text (marks it placed) and finds its campaign: among the placed texts of its question sharing a band with it,
 * the nearest (estimated Jaccard ≥ NEAR_THRESHOLD; the earliest answer on a tie) gives its group,
 * or makes a new group of the two when it was alone. The caller holds the question's lock (texts
 * still waiting are not compared: they are placed after, in answer order, and compared then).
 * Returns the campaign's id, or null.
 */
const placeText = async (
  tx: DbOrTx,
  { answerId, consultationId, questionId, signature }: { answerId: number; consultationId: number; questionId: string; signature: number[] },
): Promise<number | null> => {
  const keys = keysOf(signature);
  // Marked placed in the statement that looks for its nearest (one round trip a text): a
  // data-modifying WITH runs on the statement's snapshot, and the text itself is excluded below.
  // Written as text (core/db/statement.ts): a named statement, parsed once per connection.
  const mark: Fragment = (p) => `update consultations_texts set placed_at = now() where answer_id = ${p.param(answerId)} and question_id = ${p.param(questionId)}`;
  if (keys.length === 0) {
    await runStatement(tx, mark);
    return null;
  }
  // Candidates: the placed texts of the question sharing a band key with this one, through the GIN index
  // of the mixed band keys (consultations_texts_bands_idx; a band key mixes its band number in, so a
  // key of one band equals one of another only by a 2⁻³² chance). Found first, in a CTE of their
  // own (materialized, with no other condition the planner could prefer: an index scan of the
  // question's texts, chosen on stale statistics, read them all); their estimated similarity is then
  // computed once each (lateral), in SQL, so only the nearest comes back.
  const hashes = signature.slice(BANDS);
  const [best] = await runStatement<{ answerId: number; campaignId: number | null }>(
    tx,
    (p) => `with placed as (${mark(p)}),
    near as materialized (
      select t.answer_id, t.consultation_id, t.question_id, t.campaign_id, t.placed_at, t.signature from consultations_texts t
      where consultations_band_keys(t.consultation_id, t.question_id, t.signature) && consultations_band_keys(${p.param(consultationId)}::bigint, ${p.param(questionId)}::text, ${p.param(keys)}::integer[])
        and t.placed_at is not null
    )
    select t.answer_id::float8 as "answerId", t.campaign_id::float8 as "campaignId"
    from near t
    cross join lateral (select count(*) as same from unnest(t.signature[${BANDS + 1}:${BANDS + SIGNATURE_HASHES}], ${p.param(hashes)}::integer[]) as u(a, b) where u.a = u.b) s
    where t.consultation_id = ${p.param(consultationId)} and t.question_id = ${p.param(questionId)} and t.answer_id <> ${p.param(answerId)}
      and s.same >= ${Math.ceil(NEAR_THRESHOLD * SIGNATURE_HASHES)}
    order by s.same desc, t.answer_id
    limit 1`,
  );
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
    // The campaign grows by one and the text joins it, in one statement.
    await runStatement(
      tx,
      (p) => `with grown as (update consultations_campaigns set size = size + 1 where id = ${p.param(campaignId)})
      update consultations_texts set campaign_id = ${p.param(campaignId)} where answer_id = ${p.param(answerId)} and question_id = ${p.param(questionId)}`,
    );
  }
  return campaignId;
};

/**
 * The placing of one question, in the caller's transaction: takes the question's lock, counts its
 * stale campaigns again, then claims up to `limit` waiting texts (`for update skip locked`: a text
 * another runner holds is left to it) in answer order and places each, marking it placed in the same
 * transaction, so each text is placed exactly once whatever the runners. `answerId` limits the
 * claim to one answer's texts; `stale: false` when the caller found no stale campaign of the question
 * (one marked stale since is counted by the next run). Returns how many texts were placed and
 * campaigns counted again.
 */
export const placeQuestionTexts = async (
  tx: DbOrTx,
  { consultationId, questionId, limit = 100, answerId, stale = true }: { consultationId: number; questionId: string; limit?: number; answerId?: number; stale?: boolean },
): Promise<{ placed: number; tidied: number }> => {
  await lockQuestion(tx, consultationId, questionId);
  const tidied = stale ? await tidyCampaigns(tx, { consultationId, questionId }) : 0;
  const waiting = await tx
    .select({ answerId: texts.answerId, signature: texts.signature })
    .from(texts)
    .where(
      and(eq(texts.consultationId, consultationId), eq(texts.questionId, questionId), isNull(texts.placedAt), answerId === undefined ? undefined : eq(texts.answerId, answerId)),
    )
    .orderBy(asc(texts.answerId))
    .limit(limit)
    .for('update', { skipLocked: true });
  // placeText marks each text placed as it places it.
  for (const text of waiting) await placeText(tx, { answerId: text.answerId, consultationId, questionId, signature: text.signature });
  return { placed: waiting.length, tidied };
};

/**
 * The questions with work for the placing job (texts waiting, campaigns stale), in the order their
 * locks are taken; `stale` when the question has stale campaigns to count again.
 */
export const findPlacingWork = async (db: DbOrTx, { consultationId }: { consultationId?: number } = {}) => {
  const only = (column: typeof texts.consultationId | typeof campaigns.consultationId) => (consultationId === undefined ? sql`true` : sql`${column} = ${consultationId}`);
  const { rows } = await db.execute<{ consultationId: number; questionId: string; stale: boolean }>(sql`
    select "consultationId", "questionId", bool_or(stale) as stale from (
      select distinct ${texts.consultationId}::float8 as "consultationId", ${texts.questionId} as "questionId", false as stale from ${texts} where ${texts.placedAt} is null and ${only(texts.consultationId)}
      union
      select distinct ${campaigns.consultationId}::float8, ${campaigns.questionId}, true from ${campaigns} where ${campaigns.isStale} and ${only(campaigns.consultationId)}
    ) w group by "consultationId", "questionId" order by "consultationId", hashtext("questionId"), "questionId"`);
  return rows.map((r) => ({ consultationId: Number(r.consultationId), questionId: r.questionId, stale: r.stale === true }));
};

/**
 * Stores an answer's texts and places them at once, in the caller's transaction (what the
 * submission and the job do together, for the tests, the demo and the bench of incremental
 * placing). Returns how many texts were written.
 */
export const indexAnswerTexts = async (tx: DbOrTx, answerId: number): Promise<number> => {
  const written = await storeAnswerTexts(tx, answerId);
  const [answer] = await tx.select({ consultationId: answers.consultationId }).from(answers).where(eq(answers.id, answerId));
  if (!answer) return written;
  for (const { questionId } of await findPlacingWork(tx, { consultationId: answer.consultationId }))
    await placeQuestionTexts(tx, { consultationId: answer.consultationId, questionId, limit: 1_000_000 });
  return written;
};
