import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { momentOf } from '../../phases.js';
import { conflicts, editions, experts, nominations, scores } from '../../tables.js';
import type { ScoreInput } from '../inputs.js';
import { findShortlist } from '../queries.js';

export type ScoreNomineeResult =
  | { ok: true; total: number }
  | { ok: false; error: 'not_found' | 'not_selection' | 'not_assigned' | 'not_shortlisted' | 'conflict' | 'no_criteria' | 'criteria_incomplete' };

/**
 * The weighted total of an expert's marks: the weighted mean of the criteria (same 0–10 scale),
 * rounded to three decimals; a plain mean when every weight is zero.
 */
export const weightedTotal = (criteria: { id: string; weight: number }[], marks: Record<string, number>) => {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  const sum = criteria.reduce((s, c) => s + (marks[c.id] ?? 0) * (weights > 0 ? c.weight : 1), 0);
  const total = sum / (weights > 0 ? weights : criteria.length);
  return Math.round(total * 1000) / 1000;
};

/**
 * An expert scores a shortlisted nominee of one of their categories during the selection phase:
 * a mark for every criterion of the edition and a comment; the weighted total is stored. Scoring
 * again replaces the expert's score. Refused after a declared conflict of interest: the expert's
 * assignment row is locked (`FOR UPDATE`) before the conflict is read, as declareConflict locks
 * it before writing one, so a score and a declaration sent at the same moment cannot both stand.
 */
export const scoreNominee = async (
  db: DbOrTx,
  { actor, nominationId, input, now = new Date(), ip }: { actor: Actor; nominationId: number; input: ScoreInput; now?: Date; ip?: string },
): Promise<ScoreNomineeResult> =>
  db.transaction(async (tx) => {
    const [nomination] = await tx.select().from(nominations).where(eq(nominations.id, nominationId));
    if (!nomination) return { ok: false, error: 'not_found' } as const;
    const [edition] = await tx.select().from(editions).where(eq(editions.id, nomination.editionId));
    if (!edition) return { ok: false, error: 'not_found' } as const;
    if (momentOf(edition, now) !== 'selection') return { ok: false, error: 'not_selection' } as const;
    // The expert's assignment is locked as declareConflict locks it: a score and a declaration of
    // the same expert run one after the other, and the conflict read below is the committed one.
    const [assigned] = await tx
      .select()
      .from(experts)
      .where(and(eq(experts.editionId, edition.id), eq(experts.categoryNumber, nomination.categoryNumber), eq(experts.userId, actor.id)))
      .for('update');
    if (!assigned) return { ok: false, error: 'not_assigned' } as const;
    const [conflict] = await tx
      .select()
      .from(conflicts)
      .where(and(eq(conflicts.nominationId, nominationId), eq(conflicts.userId, actor.id)));
    if (conflict) return { ok: false, error: 'conflict' } as const;
    if (!(await findShortlist(tx, edition)).some((n) => n.nominationId === nominationId)) return { ok: false, error: 'not_shortlisted' } as const;
    if (edition.criteria.length === 0) return { ok: false, error: 'no_criteria' } as const;
    if (edition.criteria.some((c) => input.criteria[c.id] === undefined)) return { ok: false, error: 'criteria_incomplete' } as const;
    const marks = Object.fromEntries(edition.criteria.map((c) => [c.id, input.criteria[c.id] ?? 0]));
    const total = weightedTotal(edition.criteria, marks);
    const comment = input.comment?.trim() || null;
    await tx
      .insert(scores)
      .values({ nominationId, expertId: actor.id, criteria: marks, total, comment, updatedAt: now })
      .onConflictDoUpdate({ target: [scores.nominationId, scores.expertId], set: { criteria: marks, total, comment, updatedAt: now } });
    await recordAction(tx, { actor, action: 'prizes.selection.score', subjectType: 'prizes_nomination', subjectId: nominationId, after: { criteria: marks, total }, ip });
    return { ok: true, total } as const;
  });
