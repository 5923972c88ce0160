import { eq } from 'drizzle-orm';
import { notify } from '../../../../core/notifications/notify.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { meetingDocuments, meetingFollowers } from '../../tables.js';
import { documentPublished } from '../notifications.js';

export type PublishResult = { ok: true; symbol: string; notified: number } | { ok: false; error: 'not_found' | 'wrong_status' };

/**
 * Publishes a registered document: it appears in the meeting's list, the register and the API.
 * Everyone who follows the meeting is notified in the same transaction (an e-mail in their
 * language with the symbol and the title), the actor excepted. Assumes 'meetings.document.register' was checked.
 */
export const publishDocument = async (
  db: DbOrTx,
  { actor, documentId, now = new Date(), ip }: { actor: Actor; documentId: number; now?: Date; ip?: string },
): Promise<PublishResult> =>
  db.transaction(async (tx) => {
    const [doc] = await tx.select().from(meetingDocuments).where(eq(meetingDocuments.id, documentId)).for('update');
    if (!doc) return { ok: false, error: 'not_found' };
    if (doc.status !== 'registered' || !doc.symbol) return { ok: false, error: 'wrong_status' };
    await tx.update(meetingDocuments).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(meetingDocuments.id, documentId));
    await recordAction(tx, {
      actor,
      action: 'meetings.document.register',
      subjectType: 'meeting_document',
      subjectId: documentId,
      before: { status: doc.status },
      after: { status: 'published', symbol: doc.symbol },
      ip,
    });
    const followers = await tx.select({ userId: meetingFollowers.userId }).from(meetingFollowers).where(eq(meetingFollowers.meetingId, doc.meetingId));
    const notified = await notify(tx, documentPublished, {
      to: followers.map((f) => f.userId),
      params: { symbol: doc.symbol, title: doc.title },
      link: `/documents/${encodeURIComponent(doc.symbol)}`,
      except: actor.id,
    });
    return { ok: true, symbol: doc.symbol, notified };
  });
