import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { meetingDocuments } from '../../tables.js';

export type WithdrawResult = { ok: true; symbol: string } | { ok: false; error: 'not_found' | 'wrong_status' | 'note_missing' };

/**
 * Withdraws a registered or published document: it keeps its symbol (so the series has no
 * unexplained gap) and its page says withdrawn, with the secretariat's note. Assumes
 * 'meetings.document.register' was checked.
 */
export const withdrawDocument = async (
  db: DbOrTx,
  { actor, documentId, note, now = new Date(), ip }: { actor: Actor; documentId: number; note: string; now?: Date; ip?: string },
): Promise<WithdrawResult> => {
  const text = note.trim();
  if (!text || text.length > 2000) return { ok: false, error: 'note_missing' };
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(meetingDocuments).where(eq(meetingDocuments.id, documentId)).for('update');
    if (!doc) return { ok: false, error: 'not_found' };
    if ((doc.status !== 'registered' && doc.status !== 'published') || !doc.symbol) return { ok: false, error: 'wrong_status' };
    await tx.update(meetingDocuments).set({ status: 'withdrawn', withdrawnAt: now, statusNote: text, updatedAt: now }).where(eq(meetingDocuments.id, documentId));
    await recordAction(tx, {
      actor,
      action: 'meetings.document.register',
      subjectType: 'meeting_document',
      subjectId: documentId,
      before: { status: doc.status },
      after: { status: 'withdrawn', symbol: doc.symbol, note: text },
      ip,
    });
    return { ok: true, symbol: doc.symbol };
  });
};
