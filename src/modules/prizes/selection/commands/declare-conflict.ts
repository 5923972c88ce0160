import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { conflicts, editions, experts, nominations, scores } from '../../tables.js';

export type DeclareConflictResult = { ok: true } | { ok: false; error: 'not_found' | 'not_assigned' | 'selection_closed' };

/**
 * An expert declares a conflict of interest with a nominee of one of their categories, until the
 * selection ends. From then on they cannot score it; a score they gave before is withdrawn
 * (deleted, the audit row says so). The expert's assignment row is locked as scoreNominee locks
 * it, so a score sent at the same moment is either withdrawn here or refused there. Declaring
 * twice changes nothing.
 */
export const declareConflict = async (
  db: DbOrTx,
  { actor, nominationId, note, now = new Date(), ip }: { actor: Actor; nominationId: number; note?: string; now?: Date; ip?: string },
): Promise<DeclareConflictResult> =>
  db.transaction(async (tx) => {
    const [nomination] = await tx.select().from(nominations).where(eq(nominations.id, nominationId));
    if (!nomination) return { ok: false, error: 'not_found' } as const;
    const [edition] = await tx.select().from(editions).where(eq(editions.id, nomination.editionId));
    if (!edition) return { ok: false, error: 'not_found' } as const;
    if (now.getTime() >= edition.selectionEnd.getTime()) return { ok: false, error: 'selection_closed' } as const;
    // Locked as scoreNominee locks it: a score being written now is committed before the
    // withdrawal below reads it, or waits and then finds the conflict.
    const [assigned] = await tx
      .select()
      .from(experts)
      .where(and(eq(experts.editionId, edition.id), eq(experts.categoryNumber, nomination.categoryNumber), eq(experts.userId, actor.id)))
      .for('update');
    if (!assigned) return { ok: false, error: 'not_assigned' } as const;
    const inserted = await tx
      .insert(conflicts)
      .values({ nominationId, userId: actor.id, note: note?.trim() || null, declaredAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return { ok: true } as const;
    const withdrawn = await tx
      .delete(scores)
      .where(and(eq(scores.nominationId, nominationId), eq(scores.expertId, actor.id)))
      .returning();
    await recordAction(tx, {
      actor,
      action: 'prizes.selection.score',
      subjectType: 'prizes_nomination',
      subjectId: nominationId,
      after: { conflict: true, note: note?.trim() || null, scoreWithdrawn: withdrawn.length > 0 },
      ip,
    });
    return { ok: true } as const;
  });
