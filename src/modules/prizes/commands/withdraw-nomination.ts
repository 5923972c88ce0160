import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { Edition } from '../phases.js';
import { editions, type NominationState, nominations } from '../tables.js';

export type WithdrawRefusal = 'not_found' | 'already_withdrawn' | 'decided' | 'voting_started';
export type WithdrawNominationResult = { ok: true; id: number; state: 'withdrawn' } | { ok: false; error: WithdrawRefusal };

/**
 * Why a nomination cannot be withdrawn by its submitter at `now`, or null if it can: until the
 * prize managers decide (submitted, or returned for changes) and before voting opens. An accepted
 * nominee may already be published and voted for, and a rejection is final, so neither is
 * withdrawn by the submitter (see the module README).
 */
export const withdrawRefusal = (nomination: { state: NominationState }, edition: Pick<Edition, 'votingStart'>, now = new Date()): WithdrawRefusal | null => {
  if (nomination.state === 'withdrawn') return 'already_withdrawn';
  if (nomination.state === 'accepted' || nomination.state === 'rejected') return 'decided';
  if (now.getTime() >= edition.votingStart.getTime()) return 'voting_started';
  return null;
};

/**
 * The submitter withdraws their nomination (assumes 'prizes.nomination.withdraw'; someone else's
 * nomination is not_found). A withdrawn nomination no longer counts for the edition's limits
 * (categories per project, projects per organization per category) and can no longer be decided
 * on; during the submission phase the entry can be nominated again (the same row). Audited.
 */
export const withdrawNomination = async (
  db: DbOrTx,
  { actor, id, now = new Date(), ip }: { actor: Actor; id: number; now?: Date; ip?: string },
): Promise<WithdrawNominationResult> =>
  db.transaction(async (tx) => {
    // Locked, as decideNomination locks it: a decision and a withdrawal cannot cross.
    const [row] = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
    if (!row || row.submitterId !== actor.id) return { ok: false, error: 'not_found' } as const;
    const [edition] = await tx.select().from(editions).where(eq(editions.id, row.editionId));
    if (!edition) return { ok: false, error: 'not_found' } as const;
    const refusal = withdrawRefusal(row, edition, now);
    if (refusal) return { ok: false, error: refusal } as const;
    await tx.update(nominations).set({ state: 'withdrawn', updatedAt: now }).where(eq(nominations.id, id));
    await recordAction(tx, {
      actor,
      action: 'prizes.nomination.withdraw',
      subjectType: 'prizes_nomination',
      subjectId: id,
      before: { state: row.state },
      after: { state: 'withdrawn', year: edition.year, category: row.categoryNumber, entryId: row.entryId },
      ip,
    });
    return { ok: true, id, state: 'withdrawn' } as const;
  });
