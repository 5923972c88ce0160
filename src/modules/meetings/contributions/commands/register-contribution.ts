/**
 * The secretariat registers a contribution (register's `registerDocument`: the symbol is allocated
 * in this transaction, a refused registration allocates none; a late one needs `late: true`), the
 * submitter's note is cleared (it was for the secretariat) and the submitter is told the symbol.
 * Assumes 'meetings.document.register' was checked.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../../core/db/client.js';
import { notify } from '../../../../core/notifications/notify.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { type RegisterResult, registerDocument } from '../../register/commands/register-document.js';
import { meetingDocuments } from '../../tables.js';
import { contributionRegistered } from '../notifications.js';

export const registerContribution = async (
  db: Db,
  { actor, documentId, late, now = new Date(), ip }: { actor: Actor; documentId: number; late: boolean; now?: Date; ip?: string },
): Promise<RegisterResult> =>
  db.transaction(async (tx) => {
    const result = await registerDocument(tx, { actor, documentId, late, now, ip });
    if (!result.ok) return result;
    const [doc] = await tx
      .update(meetingDocuments)
      .set({ statusNote: null })
      .where(eq(meetingDocuments.id, documentId))
      .returning({ submittedBy: meetingDocuments.submittedBy, title: meetingDocuments.title });
    if (doc?.submittedBy)
      await notify(tx, contributionRegistered, {
        to: [doc.submittedBy],
        params: { symbol: result.symbol, title: doc.title },
        link: `/meetings/my-contributions/${documentId}`,
        except: actor.id,
      });
    return result;
  });
