import { and, eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { meetingDocuments, meetingGroups, meetings } from '../../tables.js';
import { allocateNumber, amendmentSeries, formatAmendment, formatSymbol, SERIES_OF_KIND } from '../symbols.js';

export type RegisterResult = { ok: true; symbol: string } | { ok: false; error: 'not_found' | 'wrong_status' | 'late_not_flagged' | 'base_not_registered' | 'no_file' };

/**
 * Registers a submitted document: allocates its symbol (in this transaction, so a refused
 * registration allocates none) and marks it registered. A document received after the meeting's
 * deadline is registered only when the secretariat says it is late (`late: true`), and is then
 * marked late. An amendment takes its base document's symbol with (Rev.n), (Add.n) or (Corr.n).
 * Assumes 'meetings.document.register' was checked.
 */
export const registerDocument = async (
  db: DbOrTx,
  { actor, documentId, late = false, now = new Date(), ip }: { actor: Actor; documentId: number; late?: boolean; now?: Date; ip?: string },
): Promise<RegisterResult> =>
  db.transaction(async (tx) => {
    const [doc] = await tx.select().from(meetingDocuments).where(eq(meetingDocuments.id, documentId)).for('update');
    if (!doc) return { ok: false, error: 'not_found' };
    if (doc.status !== 'submitted') return { ok: false, error: 'wrong_status' };
    const [meeting] = await tx
      .select({ number: meetings.number, deadline: meetings.contributionsDeadline, groupCode: meetingGroups.code })
      .from(meetings)
      .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
      .where(eq(meetings.id, doc.meetingId));
    if (!meeting) return { ok: false, error: 'not_found' };
    const isLate = doc.kind === 'contribution' && doc.submittedAt > meeting.deadline;
    if (isLate && !late) return { ok: false, error: 'late_not_flagged' };
    const files = await tx.execute<{ n: number }>(sql`select count(*)::int as n from meetings_document_files where document_id = ${documentId} and replaced_at is null`);
    if (Number(files.rows[0]?.n ?? 0) === 0) return { ok: false, error: 'no_file' };

    let symbol: string;
    let series: string;
    let seriesNumber: number;
    let amendmentNumber: number | null = null;
    if (doc.amendsId !== null && doc.amendmentKind !== null) {
      const [base] = await tx
        .select({ symbol: meetingDocuments.symbol, series: meetingDocuments.series, seriesNumber: meetingDocuments.seriesNumber })
        .from(meetingDocuments)
        .where(and(eq(meetingDocuments.id, doc.amendsId), eq(meetingDocuments.meetingId, doc.meetingId)));
      if (!base?.symbol || base.series === null || base.seriesNumber === null) return { ok: false, error: 'base_not_registered' };
      amendmentNumber = await allocateNumber(tx, doc.meetingId, amendmentSeries(doc.amendmentKind, doc.amendsId));
      symbol = formatAmendment(base.symbol, doc.amendmentKind, amendmentNumber);
      series = base.series;
      seriesNumber = base.seriesNumber;
    } else {
      series = SERIES_OF_KIND[doc.kind];
      seriesNumber = await allocateNumber(tx, doc.meetingId, series);
      symbol = formatSymbol(meeting.groupCode, meeting.number, series, seriesNumber);
    }
    await tx
      .update(meetingDocuments)
      .set({ status: 'registered', symbol, series, seriesNumber, amendmentNumber, late: isLate, registeredBy: actor.id, registeredAt: now, updatedAt: now })
      .where(eq(meetingDocuments.id, documentId));
    await recordAction(tx, {
      actor,
      action: 'meetings.document.register',
      subjectType: 'meeting_document',
      subjectId: documentId,
      before: { status: doc.status },
      after: { status: 'registered', symbol, late: isLate },
      ip,
    });
    return { ok: true, symbol };
  });
