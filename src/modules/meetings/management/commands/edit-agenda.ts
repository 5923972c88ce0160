import { and, asc, eq, max, ne } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { agendaItems, meetings } from '../../tables.js';

export type AgendaResult = { ok: true; id: number } | { ok: false; error: 'not_found' | 'item_number_taken' };

/**
 * Adds an agenda item at the end (`itemId` absent) or changes one's number and title. Numbers
 * ('2.1') are unique within the meeting. Assumes 'meetings.meeting.manage' was checked. Audited.
 */
export const saveAgendaItem = async (
  db: DbOrTx,
  { actor, meetingId, itemId, number, title, ip }: { actor: Actor; meetingId: number; itemId?: number; number: string; title: Localized; ip?: string },
): Promise<AgendaResult> =>
  db.transaction(async (tx) => {
    // The meeting's row is locked: two items added at once get different positions.
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!meeting) return { ok: false, error: 'not_found' };
    const [taken] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.number, number), itemId ? ne(agendaItems.id, itemId) : undefined));
    if (taken) return { ok: false, error: 'item_number_taken' };
    let id = itemId;
    if (itemId) {
      const [before] = await tx
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
      if (!before) return { ok: false, error: 'not_found' };
      await tx.update(agendaItems).set({ number, title }).where(eq(agendaItems.id, itemId));
      await recordAction(tx, { actor, action: 'meetings.meeting.manage', subjectType: 'meeting_agenda_item', subjectId: itemId, before, after: { number, title }, ip });
    } else {
      const [last] = await tx
        .select({ p: max(agendaItems.position) })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, meetingId));
      const [row] = await tx
        .insert(agendaItems)
        .values({ meetingId, number, title, position: (last?.p ?? 0) + 1 })
        .returning({ id: agendaItems.id });
      if (!row) throw new Error('agenda item not inserted');
      id = row.id;
      await recordAction(tx, { actor, action: 'meetings.meeting.manage', subjectType: 'meeting_agenda_item', subjectId: id, after: { meetingId, number, title }, ip });
    }
    await tx.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, meetingId));
    return { ok: true, id: id as number };
  });

/**
 * Moves an agenda item one place up or down (swapping positions with its neighbour); the first
 * item moved up stays first. Assumes 'meetings.meeting.manage' was checked. Audited.
 */
export const moveAgendaItem = async (
  db: DbOrTx,
  { actor, meetingId, itemId, direction, ip }: { actor: Actor; meetingId: number; itemId: number; direction: 'up' | 'down'; ip?: string },
): Promise<AgendaResult> =>
  db.transaction(async (tx) => {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!meeting) return { ok: false, error: 'not_found' };
    const items = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) return { ok: false, error: 'not_found' };
    const other = items[direction === 'up' ? index - 1 : index + 1];
    const item = items[index];
    if (other && item) {
      await tx.update(agendaItems).set({ position: other.position }).where(eq(agendaItems.id, item.id));
      await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, other.id));
      await recordAction(tx, {
        actor,
        action: 'meetings.meeting.manage',
        subjectType: 'meeting_agenda_item',
        subjectId: itemId,
        before: { position: item.position },
        after: { position: other.position },
        ip,
      });
    }
    return { ok: true, id: itemId };
  });
