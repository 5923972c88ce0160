import { and, eq, inArray } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { editions, experts, nominations, results, scores } from '../../tables.js';

export type RemoveExpertResult = { ok: true; scoresRemoved: number; scoresKept: number } | { ok: false; error: 'edition_not_found' | 'expert_not_assigned' | 'removal_announced' };

/**
 * A prize manager removes an expert from a category (assumes 'prizes.selection.remove'), until
 * the announcement, as experts are assigned. While the category's winner is not confirmed, the
 * expert's scores of its nominees are deleted: the ranking is then made by the experts who stay
 * on the panel. Once the winner is confirmed, the scores are kept as the record of the decision.
 * Declared conflicts of interest are kept (they stay facts). Audited with the number of scores
 * removed and kept.
 */
export const removeExpert = async (
  db: DbOrTx,
  { actor, year, category, userId, now = new Date(), ip }: { actor: Actor; year: number; category: number; userId: number; now?: Date; ip?: string },
): Promise<RemoveExpertResult> =>
  db.transaction(async (tx) => {
    // Locked as confirmResults locks it: a confirmation and a removal cannot cross.
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for('update');
    if (!edition) return { ok: false, error: 'edition_not_found' } as const;
    if (now.getTime() >= edition.announcementStart.getTime()) return { ok: false, error: 'removal_announced' } as const;
    const removed = await tx
      .delete(experts)
      .where(and(eq(experts.editionId, edition.id), eq(experts.categoryNumber, category), eq(experts.userId, userId)))
      .returning();
    if (removed.length === 0) return { ok: false, error: 'expert_not_assigned' } as const;
    const inCategory = tx
      .select({ id: nominations.id })
      .from(nominations)
      .where(and(eq(nominations.editionId, edition.id), eq(nominations.categoryNumber, category)));
    const mine = and(eq(scores.expertId, userId), inArray(scores.nominationId, inCategory));
    const [decided] = await tx
      .select({ nominationId: results.nominationId })
      .from(results)
      .where(and(eq(results.editionId, edition.id), eq(results.categoryNumber, category)))
      .limit(1);
    const deleted = decided ? [] : await tx.delete(scores).where(mine).returning({ nominationId: scores.nominationId });
    const kept = decided ? (await tx.select({ nominationId: scores.nominationId }).from(scores).where(mine)).length : 0;
    await recordAction(tx, {
      actor,
      action: 'prizes.selection.remove',
      subjectType: 'prizes_expert',
      subjectId: userId,
      before: { year, category, expert: userId },
      after: { removed: true, scoresRemoved: deleted.length, scoresKept: kept },
      ip,
    });
    return { ok: true, scoresRemoved: deleted.length, scoresKept: kept } as const;
  });
