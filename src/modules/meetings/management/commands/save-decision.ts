import { and, eq, inArray, ne } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { agendaItems, decisionDocuments, meetingDecisions, meetingDocuments, meetings } from '../../tables.js';

export type DecisionResult = { ok: true; id: number } | { ok: false; error: 'not_found' | 'decision_number_taken' | 'unknown_item' | 'unknown_document'; field: string };

/**
 * Adds a decision to a meeting's summary (`decisionId` absent) or changes one: its number (unique
 * in the meeting), text in six languages, agenda item, and the documents it discussed — registered
 * documents of this meeting only (a document of another meeting or one without a symbol is
 * refused). Assumes 'meetings.meeting.manage' was checked. Audited.
 */
export const saveDecision = async (
  db: DbOrTx,
  {
    actor,
    meetingId,
    decisionId,
    number,
    text,
    agendaItemId,
    documentIds,
    ip,
  }: { actor: Actor; meetingId: number; decisionId?: number; number: number; text: Localized; agendaItemId: number | null; documentIds: number[]; ip?: string },
): Promise<DecisionResult> =>
  db.transaction(async (tx) => {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!meeting) return { ok: false, error: 'not_found', field: '_form' };
    const [taken] = await tx
      .select({ id: meetingDecisions.id })
      .from(meetingDecisions)
      .where(and(eq(meetingDecisions.meetingId, meetingId), eq(meetingDecisions.number, number), decisionId ? ne(meetingDecisions.id, decisionId) : undefined));
    if (taken) return { ok: false, error: 'decision_number_taken', field: 'number' };
    if (agendaItemId !== null) {
      const [item] = await tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, meetingId)));
      if (!item) return { ok: false, error: 'unknown_item', field: 'agendaItemId' };
    }
    const ids = [...new Set(documentIds)];
    if (ids.length > 0) {
      const found = await tx
        .select({ id: meetingDocuments.id })
        .from(meetingDocuments)
        .where(and(inArray(meetingDocuments.id, ids), eq(meetingDocuments.meetingId, meetingId), inArray(meetingDocuments.status, ['registered', 'published', 'withdrawn'])));
      if (found.length !== ids.length) return { ok: false, error: 'unknown_document', field: 'documentIds' };
    }
    let id = decisionId;
    if (decisionId) {
      const [before] = await tx
        .select()
        .from(meetingDecisions)
        .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.meetingId, meetingId)));
      if (!before) return { ok: false, error: 'not_found', field: '_form' };
      await tx.update(meetingDecisions).set({ number, text, agendaItemId }).where(eq(meetingDecisions.id, decisionId));
      await tx.delete(decisionDocuments).where(eq(decisionDocuments.decisionId, decisionId));
      await recordAction(tx, {
        actor,
        action: 'meetings.meeting.manage',
        subjectType: 'meeting_decision',
        subjectId: decisionId,
        before,
        after: { number, text, agendaItemId, documentIds: ids },
        ip,
      });
    } else {
      const [row] = await tx.insert(meetingDecisions).values({ meetingId, number, text, agendaItemId }).returning({ id: meetingDecisions.id });
      if (!row) throw new Error('decision not inserted');
      id = row.id;
      await recordAction(tx, {
        actor,
        action: 'meetings.meeting.manage',
        subjectType: 'meeting_decision',
        subjectId: id,
        after: { meetingId, number, text, agendaItemId, documentIds: ids },
        ip,
      });
    }
    if (ids.length > 0) await tx.insert(decisionDocuments).values(ids.map((documentId) => ({ decisionId: id as number, documentId })));
    await tx.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, meetingId));
    return { ok: true, id: id as number };
  });
