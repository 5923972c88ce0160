import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { type MeetingStatus, meetings } from '../../tables.js';
import { TRANSITIONS, type Transition } from '../rules.js';

export type ChangeMeetingStatusResult = { ok: true; status: MeetingStatus } | { ok: false; error: 'not_found' | 'wrong_status' };

/**
 * Moves a meeting along planned → convened → held, or cancels it (a cancelled meeting stays,
 * shown cancelled, so subscribed calendars remove it). Increments `sequence`. Assumes
 * 'meetings.meeting.manage' was checked. Audited in the same transaction.
 */
export const changeMeetingStatus = async (
  db: DbOrTx,
  { actor, id, transition, now = new Date(), ip }: { actor: Actor; id: number; transition: Transition; now?: Date; ip?: string },
): Promise<ChangeMeetingStatusResult> =>
  db.transaction(async (tx) => {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!m) return { ok: false, error: 'not_found' };
    const move = TRANSITIONS[transition];
    if (!(move.from as readonly MeetingStatus[]).includes(m.status)) return { ok: false, error: 'wrong_status' };
    await tx
      .update(meetings)
      .set({ status: move.to, sequence: m.sequence + 1, updatedAt: now })
      .where(eq(meetings.id, id));
    await recordAction(tx, {
      actor,
      action: 'meetings.meeting.manage',
      subjectType: 'meeting',
      subjectId: id,
      before: { status: m.status },
      after: { status: move.to, transition },
      ip,
    });
    return { ok: true, status: move.to };
  });
