import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { votes } from '../tables.js';

export const REASON_MAX_LENGTH = 300;
/** Most votes invalidated in one decision (a signal larger than this is invalidated in several). */
export const INVALIDATE_MAX_VOTES = 100_000;

export type InvalidateVotesResult = { ok: true; invalidated: number[] } | { ok: false; error: 'reason_required' | 'reason_too_long' | 'no_votes' };

/**
 * Invalidates votes of an edition with a reason (assumes 'prizes.vote.review'). Votes stay stored
 * with the reason, the manager and the time, so the integrity report can count them and the
 * voter cannot vote again in the category. Votes already invalidated, or of another edition, are
 * left untouched. One audit row lists the votes and the reason.
 */
export const invalidateVotes = async (
  db: DbOrTx,
  { actor, editionId, voteIds, reason, ip }: { actor: Actor; editionId: number; voteIds: number[]; reason: string; ip?: string },
): Promise<InvalidateVotesResult> => {
  const text = reason.trim().replace(/\s+/g, ' ');
  if (!text) return { ok: false, error: 'reason_required' };
  if (text.length > REASON_MAX_LENGTH) return { ok: false, error: 'reason_too_long' };
  const ids = [...new Set(voteIds.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, INVALIDATE_MAX_VOTES);
  if (ids.length === 0) return { ok: false, error: 'no_votes' };
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(votes)
      .set({ invalidatedAt: sql`now()`, invalidatedBy: actor.id, invalidReason: text })
      // One array parameter (a list of parameters stops at 65,535).
      .where(and(eq(votes.editionId, editionId), sql`${votes.id} = any(${`{${ids.join(',')}}`}::bigint[])`, isNull(votes.invalidatedAt)))
      .returning({ id: votes.id });
    const invalidated = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (invalidated.length === 0) return { ok: false as const, error: 'no_votes' as const };
    await recordAction(tx, {
      actor,
      action: 'prizes.vote.review',
      subjectType: 'prizes_edition',
      subjectId: editionId,
      after: { invalidated, reason: text },
      ip,
    });
    return { ok: true as const, invalidated };
  });
};
