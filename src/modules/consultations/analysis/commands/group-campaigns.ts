/**
 * Grouping every free-text answer of a consultation again, from the stored signatures, by the same
 * rule as the incremental path (minhash.ts groupSignatures, in answer order), so the result is what
 * the submissions one by one gave. A group keeps the campaign most of its texts are in already, so
 * a regrouping that finds the groups as they are changes no row and no campaign's address; only
 * texts that move, and campaigns made, counted again or left empty, are written. Holds the placing
 * job's question locks and the texts' rows meanwhile, and leaves every text it grouped placed. For a consultation
 * indexed before the analysis existed, or after the threshold changed. reindexConsultationTexts
 * writes the texts themselves again, already grouped.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { insertFragment, raw, runStatement } from '../../../../core/db/statement.js';
import type { MaybeActor } from '../../../../core/permissions/index.js';
import type { Locale } from '../../../../core/i18n/locales.js';
import { answers, campaigns, texts } from '../../tables.js';
import { type AnswerText, indexedSignature, lockQuestion, textRow, textsOfValues } from '../index-texts.js';
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

type Signed = { answerId: number; questionId: string; signature: number[] };

/** Groups found: each with its question, its first text (the representative) and its texts (indexes into the rows given). */
type Plan = { groups: { questionId: string; representativeAnswerId: number; members: number[] }[]; groupOf: Int32Array };

/** The groups of texts (in answer order within each question), by groupSignatures; a text without a signature is alone. */
const planGroups = (rows: readonly Signed[]): Plan => {
  const byQuestion = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.signature.length === 0) return;
    const list = byQuestion.get(row.questionId);
    if (list) list.push(i);
    else byQuestion.set(row.questionId, [i]);
  });
  const groupOf = new Int32Array(rows.length).fill(-1);
  const groups: Plan['groups'] = [];
  for (const [questionId, list] of byQuestion) {
    list.sort((a, b) => (rows[a] as Signed).answerId - (rows[b] as Signed).answerId);
    const group = groupSignatures(list.map((i) => (rows[i] as Signed).signature));
    const index = new Map<number, number>();
    group.forEach((g, k) => {
      if (g < 0) return;
      let made = index.get(g);
      if (made === undefined) {
        made = groups.length;
        index.set(g, made);
        groups.push({ questionId, representativeAnswerId: (rows[list[g] as number] as Signed).answerId, members: [] });
      }
      groups[made]?.members.push(list[k] as number);
      groupOf[list[k] as number] = made;
    });
  }
  return { groups, groupOf };
};

/** Inserts campaigns for groups, in batches; returns their ids in the same order. */
const insertCampaigns = async (tx: DbOrTx, consultationId: number, groups: Plan['groups']): Promise<number[]> => {
  const ids: number[] = [];
  for (let i = 0; i < groups.length; i += BATCH) {
    const rows = groups.slice(i, i + BATCH).map((g) => ({ consultationId, questionId: g.questionId, representativeAnswerId: g.representativeAnswerId, size: g.members.length }));
    const created = await runStatement<{ id: string | number }>(tx, insertFragment(campaigns, rows, { returning: 'id' }));
    ids.push(...created.map((c) => Number(c.id)));
  }
  return ids;
};

/** Takes the placing job's locks of these questions, in the job's order (it waits until the caller commits). */
const lockQuestions = async (tx: DbOrTx, consultationId: number, questionIds: readonly string[]) => {
  if (questionIds.length === 0) return;
  const { rows } = await tx.execute<{ q: string }>(sql`select q from unnest(${sql.param([...questionIds])}::text[]) as q order by hashtext(q), q`);
  for (const { q } of rows) await lockQuestion(tx, consultationId, q);
};

/** The questions that have texts stored in a consultation. */
const storedQuestions = async (tx: DbOrTx, consultationId: number) =>
  (await tx.execute<{ q: string }>(sql`select distinct ${texts.questionId} as q from ${texts} where ${texts.consultationId} = ${consultationId}`)).rows.map((r) => r.q);

/** Regroups the texts of a consultation from their stored signatures (in the caller's transaction). */
export const groupCampaigns = async (tx: DbOrTx, { consultationId, actor, ip }: { consultationId: number; actor?: MaybeActor; ip?: string }): Promise<GroupCampaignsResult> => {
  const locked = new Set(await storedQuestions(tx, consultationId));
  await lockQuestions(tx, consultationId, [...locked]);
  // Signatures read as text and parsed here: the driver's array parser took most of the time.
  const read = await tx
    .select({
      answerId: texts.answerId,
      questionId: texts.questionId,
      signature: sql<string>`array_to_string(${texts.signature}, ',')`,
      campaignId: texts.campaignId,
      placed: sql<boolean>`${texts.placedAt} is not null`,
    })
    .from(texts)
    .where(eq(texts.consultationId, consultationId))
    .orderBy(asc(texts.questionId), asc(texts.answerId))
    // Locked to the commit: a submission that changes one of these texts meanwhile waits, rather
    // than its new words getting the campaign found for the old ones (or its old campaign, marked
    // stale by it, being counted again from what was read before).
    .for('update');
  // Every text read is placed by this grouping (one of a question that came meanwhile is left to the job).
  const seen = read.filter((r) => locked.has(r.questionId));
  const waiting = seen.filter((r) => !r.placed);
  for (let i = 0; i < waiting.length; i += BATCH) {
    const part = waiting.slice(i, i + BATCH);
    await tx.execute(sql`update ${texts} set placed_at = now()
      from unnest(${sql.param(part.map((a) => a.answerId))}::bigint[], ${sql.param(part.map((a) => a.questionId))}::text[]) as u(answer_id, question_id)
      where ${texts.answerId} = u.answer_id and ${texts.questionId} = u.question_id and ${texts.placedAt} is null`);
  }
  const rows = seen.map((r) => ({ answerId: r.answerId, questionId: r.questionId, signature: r.signature === '' ? [] : parseIntegers(r.signature), campaignId: r.campaignId }));
  const { groups, groupOf } = planGroups(rows);

  // Each group keeps the campaign most of its texts are in now (of its question, not taken by a
  // larger group), so the campaigns found again keep their ids; the largest groups choose first.
  const existing = await tx
    .select({ id: campaigns.id, questionId: campaigns.questionId, representativeAnswerId: campaigns.representativeAnswerId, size: campaigns.size, isStale: campaigns.isStale })
    .from(campaigns)
    .where(eq(campaigns.consultationId, consultationId));
  const byId = new Map(existing.map((c) => [c.id, c]));
  const kept: (number | null)[] = groups.map(() => null);
  const taken = new Set<number>();
  const order = groups.map((_, g) => g).sort((a, b) => (groups[b]?.members.length ?? 0) - (groups[a]?.members.length ?? 0) || a - b);
  for (const g of order) {
    const group = groups[g] as Plan['groups'][number];
    const counts = new Map<number, number>();
    for (const member of group.members) {
      const id = rows[member]?.campaignId ?? null;
      if (id !== null && !taken.has(id) && byId.get(id)?.questionId === group.questionId) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    let best: number | null = null;
    for (const [id, count] of counts) if (best === null || count > (counts.get(best) as number) || (count === counts.get(best) && id < best)) best = id;
    if (best !== null) {
      kept[g] = best;
      taken.add(best);
    }
  }
  const made = groups.flatMap((group, g) => (kept[g] === null ? [{ group, g }] : []));
  const madeIds = await insertCampaigns(
    tx,
    consultationId,
    made.map((m) => m.group),
  );
  const ids = [...kept];
  made.forEach((m, i) => {
    ids[m.g] = madeIds[i] as number;
  });
  // Kept campaigns whose representative, size or staleness changed.
  const recounted = groups.flatMap((group, g) => {
    const was = kept[g] === null ? undefined : byId.get(kept[g] as number);
    return was && (was.size !== group.members.length || was.representativeAnswerId !== group.representativeAnswerId || was.isStale)
      ? [{ id: was.id, representativeAnswerId: group.representativeAnswerId, size: group.members.length }]
      : [];
  });
  for (let i = 0; i < recounted.length; i += BATCH) {
    const part = recounted.slice(i, i + BATCH);
    await tx.execute(sql`update ${campaigns} set size = u.size, representative_answer_id = u.representative, is_stale = false
      from unnest(${sql.param(part.map((c) => c.id))}::bigint[], ${sql.param(part.map((c) => c.representativeAnswerId))}::bigint[], ${sql.param(part.map((c) => c.size))}::integer[]) as u(id, representative, size)
      where ${campaigns.id} = u.id`);
  }
  // Texts whose campaign changed (to another, or to none).
  const moved = rows.flatMap((row, i) => {
    const g = groupOf[i] as number;
    const target = g >= 0 ? (ids[g] as number) : null;
    return target === row.campaignId ? [] : [{ answerId: row.answerId, questionId: row.questionId, campaignId: target }];
  });
  for (let i = 0; i < moved.length; i += BATCH) {
    const part = moved.slice(i, i + BATCH);
    await tx.execute(sql`update ${texts} set campaign_id = u.campaign_id
      from unnest(${sql.param(part.map((a) => a.answerId))}::bigint[], ${sql.param(part.map((a) => a.questionId))}::text[], ${sql.param(part.map((a) => a.campaignId))}::bigint[]) as u(answer_id, question_id, campaign_id)
      where ${texts.answerId} = u.answer_id and ${texts.questionId} = u.question_id`);
  }
  // Campaigns no group kept: their texts have moved.
  const left = existing.filter((c) => !taken.has(c.id)).map((c) => c.id);
  if (left.length > 0) await tx.execute(sql`delete from ${campaigns} where ${campaigns.id} = any(${sql.param(left)}::bigint[])`);
  const result = { texts: rows.filter((r) => r.signature.length > 0).length, campaigns: groups.length, grouped: groups.reduce((sum, g) => sum + g.members.length, 0) };
  if (actor)
    await recordAction(tx, { actor, action: 'consultations.consultation.analyse', subjectType: 'consultation', subjectId: consultationId, after: { regrouped: result }, ip });
  return result;
};

/**
 * Writes the texts of every submitted answer of a consultation again, already grouped and placed:
 * the signatures are computed first and grouped in answer order (the rule of groupCampaigns), the
 * campaigns inserted, then the texts in batches with their campaign, each batch's search vectors
 * analysed while the database writes the previous one. Takes the placing job's locks of every
 * question concerned. Returns what groupCampaigns returns.
 */
export const reindexConsultationTexts = async (tx: DbOrTx, { consultationId, actor, ip }: { consultationId: number; actor?: MaybeActor; ip?: string }) => {
  const submitted = await tx
    .select({ id: answers.id, language: answers.language, values: answers.values })
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted')))
    .orderBy(asc(answers.id));
  const items: (Signed & { language: Locale; text: AnswerText })[] = [];
  for (const answer of submitted)
    for (const text of textsOfValues(answer.values))
      items.push({ answerId: answer.id, questionId: text.questionId, language: answer.language, text, signature: indexedSignature(text.body) });
  const { groups, groupOf } = planGroups(items);

  await lockQuestions(tx, consultationId, [...new Set([...(await storedQuestions(tx, consultationId)), ...items.map((i) => i.questionId)])]);
  await tx.delete(texts).where(eq(texts.consultationId, consultationId));
  await tx.delete(campaigns).where(eq(campaigns.consultationId, consultationId));
  const ids = await insertCampaigns(tx, consultationId, groups);
  const now = raw('now()');
  let writing: Promise<unknown> | null = null;
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = items.slice(i, i + BATCH).map((item, k) => {
      const g = groupOf[i + k] as number;
      return {
        ...textRow({ answerId: item.answerId, consultationId, language: item.language, text: item.text, signature: item.signature }),
        campaignId: g >= 0 ? (ids[g] as number) : null,
        placedAt: now,
      };
    });
    // This batch was analysed while the previous one was written.
    if (writing) await writing;
    writing = runStatement(tx, insertFragment(texts, rows));
  }
  await writing;
  const result = { texts: items.filter((i) => i.signature.length > 0).length, campaigns: groups.length, grouped: groups.reduce((sum, g) => sum + g.members.length, 0) };
  if (actor)
    await recordAction(tx, { actor, action: 'consultations.consultation.analyse', subjectType: 'consultation', subjectId: consultationId, after: { regrouped: result }, ip });
  return result;
};
