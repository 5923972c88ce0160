/**
 * The secretariat does not accept a submitted contribution: status rejected (no symbol is ever
 * allocated), the reason kept in `statusNote` and sent to the submitter. Assumes
 * 'meetings.document.register' was checked.
 */
import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import { notify } from '../../../../core/notifications/notify.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { meetingDocuments } from '../../tables.js';
import { contributionRejected } from '../notifications.js';
import { MAX_NOTE_LENGTH } from '../rules.js';

export type RejectContributionResult = { ok: true } | { ok: false; error: 'not_found' | 'wrong_status' | 'reason_required' | 'note_too_long' };

export const rejectContribution = async (
  db: Db,
  { actor, documentId, reason, now = new Date(), ip }: { actor: Actor; documentId: number; reason: string; now?: Date; ip?: string },
): Promise<RejectContributionResult> => {
  const text = reason.trim();
  if (!text) return { ok: false, error: 'reason_required' };
  if (text.length > MAX_NOTE_LENGTH) return { ok: false, error: 'note_too_long' };
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ status: meetingDocuments.status, submittedBy: meetingDocuments.submittedBy, title: meetingDocuments.title })
      .from(meetingDocuments)
      .where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.kind, 'contribution')))
      .for('update');
    if (!doc) return { ok: false, error: 'not_found' };
    if (doc.status !== 'submitted') return { ok: false, error: 'wrong_status' };
    await tx.update(meetingDocuments).set({ status: 'rejected', statusNote: text, updatedAt: now }).where(eq(meetingDocuments.id, documentId));
    if (doc.submittedBy)
      await notify(tx, contributionRejected, { to: [doc.submittedBy], params: { title: doc.title, reason: text }, link: `/meetings/my-contributions/${documentId}` });
    await recordAction(tx, {
      actor,
      action: 'meetings.document.register',
      subjectType: 'meeting_document',
      subjectId: documentId,
      before: { status: 'submitted' },
      after: { status: 'rejected', reason: text },
      ip,
    });
    return { ok: true };
  });
};
