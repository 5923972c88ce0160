/**
 * Grouping every free-text answer of a consultation again, from nothing: the campaigns are deleted
 * and rebuilt from the stored signatures, in answer order, by the same rule as the incremental path
 * (minhash.ts groupSignatures), so the result is what the submissions one by one gave. Holds the
 * placing job's question locks meanwhile, and leaves every text it grouped placed. For a
 * consultation indexed before the analysis existed, or after the threshold changed;
 * reindexConsultationTexts also writes the texts themselves again.
 */
import { insertFragment, runStatement } from '../../../../core/db/statement.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { MaybeActor } from '../../../../core/permissions/index.js';
import { answers, campaigns, texts } from '../../tables.js';
import { lockQuestion, textRow, textsOfValues } from '../index-texts.js';
import { groupSignatures } from '../minhash.js';

/** Rows per INSERT or UPDATE statement. */
const BATCH = 500;

/** "12,-7,31" → [12, -7, 31], read character by character. */
const parseIntegers = (text: string): number[] => {
  const out: number[] = [];
  let value = 0;
  let negative = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      out.push(negative ? -value : value);
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return out;
};

export type GroupCampaignsResult = { texts: number; campaigns: number; grouped: number };

/** Rebuilds the campaigns of a consultation from its stored texts (in the caller's transaction). */
export const groupCampaigns = async (tx: DbOrTx, { consultationId, actor, ip }: { consultationId: number; actor?: MaybeActor; ip?: string }): Promise<GroupCampaignsResult> => {
  // The placing job's locks, every question's, in the job's order: it waits until this is done.
  const { rows: questions } = await tx.execute<{ q: string }>(
    sql`select distinct ${texts.questionId} as q, hashtext(${texts.questionId}) as h from ${texts} where ${texts.consultationId} = ${consultationId} order by h, q`,
  );
  for (const { q } of questions) await lockQuestion(tx, consultationId, q);
  const locked = new Set(questions.map((r) => r.q));
  await tx.delete(campaigns).where(eq(campaigns.consultationId, consultationId));
  // Signatures read as text and parsed here: the driver's array parser took most of the time.
  const read = await tx
    .select({ answerId: texts.answerId, questionId: texts.questionId, signature: sql<string>`array_to_string(${texts.signature}, ',')` })
    .from(texts)
    .where(eq(texts.consultationId, consultationId))
    .orderBy(asc(texts.questionId), asc(texts.answerId));
  // Every text read is placed by this grouping (one of a question that came meanwhile is left to the job).
  const seen = read.filter((r) => locked.has(r.questionId));
  for (let i = 0; i < seen.length; i += BATCH) {
    const part = seen.slice(i, i + BATCH);
    await tx.execute(sql`update ${texts} set placed_at = now()
      from unnest(${sql.param(part.map((a) => a.answerId))}::bigint[], ${sql.param(part.map((a) => a.questionId))}::text[]) as u(answer_id, question_id)
      where ${texts.answerId} = u.answer_id and ${texts.questionId} = u.question_id and ${texts.placedAt} is null`);
  }
  const rows = seen.filter((r) => r.signature !== '').map((r) => ({ answerId: r.answerId, questionId: r.questionId, signature: parseIntegers(r.signature) }));
  const byQuestion = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byQuestion.get(row.questionId);
    if (list) list.push(row);
    else byQuestion.set(row.questionId, [row]);
  }
  const assigned: { answerId: number; questionId: string; group: number }[] = [];
  const groups: { questionId: string; representativeAnswerId: number; size: number; key: number }[] = [];
  for (const [questionId, list] of byQuestion) {
    const group = groupSignatures(list.map((r) => r.signature));
    const sizes = new Map<number, number>();
    for (const g of group) if (g >= 0) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    const keyOf = new Map<number, number>();
    for (const [g, size] of sizes) {
      keyOf.set(g, groups.length);
      groups.push({ questionId, representativeAnswerId: (list[g] as (typeof list)[number]).answerId, size, key: groups.length });
    }
    group.forEach((g, i) => {
      if (g >= 0) assigned.push({ answerId: (list[i] as (typeof list)[number]).answerId, questionId, group: keyOf.get(g) as number });
    });
  }
  const ids: number[] = [];
  for (let i = 0; i < groups.length; i += BATCH) {
    const created = await tx
      .insert(campaigns)
      .values(groups.slice(i, i + BATCH).map((g) => ({ consultationId, questionId: g.questionId, representativeAnswerId: g.representativeAnswerId, size: g.size })))
      .returning({ id: campaigns.id });
    ids.push(...created.map((c) => c.id));
  }
  for (let i = 0; i < assigned.length; i += BATCH) {
    const part = assigned.slice(i, i + BATCH);
    await tx.execute(sql`update ${texts} set campaign_id = u.campaign_id
      from unnest(${sql.param(part.map((a) => a.answerId))}::bigint[], ${sql.param(part.map((a) => a.questionId))}::text[], ${sql.param(part.map((a) => ids[a.group]))}::bigint[]) as u(answer_id, question_id, campaign_id)
      where ${texts.answerId} = u.answer_id and ${texts.questionId} = u.question_id`);
  }
  const result = { texts: rows.length, campaigns: groups.length, grouped: assigned.length };
  if (actor)
    await recordAction(tx, { actor, action: 'consultations.consultation.analyse', subjectType: 'consultation', subjectId: consultationId, after: { regrouped: result }, ip });
  return result;
};

/**
 * Writes the texts of every submitted answer of a consultation again (in batches, no campaign), then
 * groups them (groupCampaigns). Returns what groupCampaigns returns.
 */
export const reindexConsultationTexts = async (tx: DbOrTx, { consultationId, actor, ip }: { consultationId: number; actor?: MaybeActor; ip?: string }) => {
  await tx.delete(campaigns).where(eq(campaigns.consultationId, consultationId));
  await tx.delete(texts).where(eq(texts.consultationId, consultationId));
  const submitted = await tx
    .select({ id: answers.id, language: answers.language, values: answers.values })
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted')))
    .orderBy(asc(answers.id));
  let pending: ReturnType<typeof textRow<number>>[] = [];
  const flush = async () => {
    if (pending.length > 0) await runStatement(tx, insertFragment(texts, pending));
    pending = [];
  };
  for (const answer of submitted) {
    for (const text of textsOfValues(answer.values)) pending.push(textRow({ answerId: answer.id, consultationId, language: answer.language, text }));
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  return groupCampaigns(tx, { consultationId, actor, ip });
};
