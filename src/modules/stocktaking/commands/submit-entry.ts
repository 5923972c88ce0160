import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { notify } from '../../../core/notifications/notify.js';
import { type Actor, can } from '../../../core/permissions/index.js';
import { entryReceived, entryResubmitted, entrySubmitted } from '../notifications.js';
import { entries } from '../tables.js';
import { addEvent, lockEntry, subjectOf } from './entry-content.js';

export type SubmitEntryResult = { ok: true; id: number; state: 'submitted' } | { ok: false; error: 'not_found' | 'forbidden' | 'invalid_state' };

/** Sends a draft or returned entry to the moderators (checks 'stocktaking.entry.submit' itself). */
export const submitEntry = async (db: DbOrTx, { actor, id, ip }: { actor: Actor; id: number; ip?: string }): Promise<SubmitEntryResult> =>
  db.transaction(async (tx) => {
    const entry = await lockEntry(tx, id);
    if (!entry) return { ok: false, error: 'not_found' } as const;
    const subject = await subjectOf(tx, actor, entry);
    if (!can(actor, 'stocktaking.entry.view', subject)) return { ok: false, error: 'not_found' } as const;
    if (!can(actor, 'stocktaking.entry.edit', subject)) return { ok: false, error: 'forbidden' } as const;
    if (!can(actor, 'stocktaking.entry.submit', subject)) return { ok: false, error: 'invalid_state' } as const;
    await tx.update(entries).set({ state: 'submitted', submittedAt: new Date(), updatedAt: new Date() }).where(eq(entries.id, id));
    await addEvent(tx, { entryId: id, actor, kind: 'submitted' });
    await recordAction(tx, {
      actor,
      action: 'stocktaking.entry.submit',
      subjectType: 'stocktaking_entry',
      subjectId: id,
      before: { state: entry.state },
      after: { state: 'submitted' },
      ip,
    });
    // The moderators learn of it, the submitter gets a receipt: in this transaction, with the change.
    await notify(tx, entry.state === 'returned' ? entryResubmitted : entrySubmitted, { params: { title: entry.title }, link: `/admin/stocktaking/${id}`, except: actor.id });
    await notify(tx, entryReceived, { to: [actor.id], params: { title: entry.title }, link: `/stocktaking/${id}` });
    return { ok: true, id, state: 'submitted' } as const;
  });
