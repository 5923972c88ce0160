import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { calendarEvents } from '../../tables.js';
import type { EventInput } from '../inputs.js';

const ACTION = 'calendar.event.manage';

/** Adds one of the calendar's own dates. Assumes 'calendar.event.manage' was checked; audited in its transaction. */
export const createEvent = async (db: DbOrTx, { actor, input, ip }: { actor: Actor | null; input: EventInput; ip?: string }) =>
  db.transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarEvents)
      .values({ ...input, createdBy: actor?.id ?? null })
      .returning({ id: calendarEvents.id });
    const id = (row as { id: number }).id;
    await recordAction(tx, { actor, action: ACTION, subjectType: 'calendar_event', subjectId: id, after: input, ip });
    return { ok: true as const, id };
  });

/**
 * Changes a date (or cancels it, or brings it back): every change increments its sequence, so a
 * subscribed calendar replaces its copy (iCalendar SEQUENCE); a cancelled date stays, marked
 * cancelled, so the calendars that have it remove it.
 */
export const updateEvent = async (
  db: DbOrTx,
  { actor, id, input, cancelled, ip, now = new Date() }: { actor: Actor | null; id: number; input?: EventInput; cancelled?: boolean; ip?: string; now?: Date },
): Promise<{ ok: true } | { ok: false; error: 'not_found' }> =>
  db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarEvents).where(eq(calendarEvents.id, id)).for('update');
    if (!before) return { ok: false, error: 'not_found' };
    const change = { ...(input ?? {}), ...(cancelled === undefined ? {} : { cancelled }) };
    await tx
      .update(calendarEvents)
      .set({ ...change, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(calendarEvents.id, id));
    await recordAction(tx, { actor, action: ACTION, subjectType: 'calendar_event', subjectId: id, before, after: change, ip });
    return { ok: true };
  });
