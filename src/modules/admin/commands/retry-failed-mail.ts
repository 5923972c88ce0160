import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { retryFailedMail as requeue } from '../../../core/mail/outbox.js';
import type { Actor } from '../../../core/permissions/index.js';

/** Puts every failed e-mail back in the queue (assumes 'admin.mailbox.retry'). */
export const retryFailedMail = async (db: Db, { actor }: { actor: Actor }) =>
  db.transaction(async (tx) => {
    const rows = await requeue(tx);
    await recordAction(tx, { actor, action: 'admin.mailbox.retry', subjectType: 'mail', after: { count: rows.length } });
    return { ok: true, count: rows.length } as const;
  });
