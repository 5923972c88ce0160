import { and, eq, inArray } from 'drizzle-orm';
import type { Tx, DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { getAvailableToAllocate } from '../../queries.js';
import { journalEntries, ledgerLines } from '../../tables.js';
import { lockLedger, type Refusal, refuse } from '../rules.js';
import { getAllocationUnspent } from './post-expenditure.js';
import { writeEntry } from './write-entry.js';

export type ReversalInput = { entryId: number; reason: string; valueDate: string };

const reverse = async (
  tx: Tx,
  { actor, entry, reason, valueDate, ip }: { actor: Actor; entry: typeof journalEntries.$inferSelect; reason: string; valueDate: string; ip?: string },
) => {
  const lines = await tx.select().from(ledgerLines).where(eq(ledgerLines.entryId, entry.id));
  return writeEntry(tx, {
    actor,
    ip,
    entry: { kind: 'reversal', valueDate, reversesId: entry.id, reason, donorId: entry.donorId, taskId: entry.taskId, description: entry.description },
    lines: lines.map((l) => ({ account: l.account, amountChf: -l.amountChf, donorId: l.donorId, taskId: l.taskId })),
  });
};

/**
 * Cancels a posted entry with a reason: a new entry whose lines negate the original's, dated on
 * `valueDate` (the correction's day). Each entry is reversed at most once (also a unique index);
 * a reversal is not reversed (post the entry again instead). A receipt's programme support costs
 * are reversed with it. Refused when it would leave the fund or an allocation below zero (a
 * receipt already allocated, an allocation already spent). Under the ledger's lock.
 * Assumes 'trust-fund.ledger.post' was checked.
 */
export const postReversal = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: ReversalInput; ip?: string }): Promise<{ ok: true; ids: number[] } | Refusal> =>
  db.transaction(async (tx) => {
    const reason = input.reason.trim();
    if (!reason) return refuse('reason_required', 'reason');
    await lockLedger(tx);
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, input.entryId));
    if (!entry) return refuse('entry_unknown', 'entryId');
    if (entry.kind === 'reversal') return refuse('reversal_of_reversal', 'entryId');
    const reversed = async (ids: number[]) =>
      new Set((await tx.select({ id: journalEntries.reversesId }).from(journalEntries).where(inArray(journalEntries.reversesId, ids))).map((r) => Number(r.id)));
    if ((await reversed([entry.id])).size) return refuse('already_reversed', 'entryId');
    const targets = [entry];
    if (entry.kind === 'receipt') {
      const pscs = await tx
        .select()
        .from(journalEntries)
        .where(and(eq(journalEntries.relatedEntryId, entry.id), eq(journalEntries.kind, 'psc')));
      const done = await reversed(pscs.map((p) => p.id));
      targets.push(...pscs.filter((p) => !done.has(p.id)));
    }
    const lines = await tx
      .select()
      .from(ledgerLines)
      .where(
        inArray(
          ledgerLines.entryId,
          targets.map((t) => t.id),
        ),
      );
    const unallocatedChange = lines.filter((l) => l.account === 'unallocated').reduce((sum, l) => sum - l.amountChf, 0n);
    if (unallocatedChange < 0n && (await getAvailableToAllocate(tx)) + unallocatedChange < 0n) return refuse('reversal_overdraws', 'entryId');
    if (entry.kind === 'allocation') {
      const allocated = lines.filter((l) => l.account === 'allocated').reduce((sum, l) => sum + l.amountChf, 0n);
      if ((await getAllocationUnspent(tx, entry.id)) < allocated) return refuse('reversal_overdraws', 'entryId');
    }
    const ids: number[] = [];
    for (const target of targets) ids.push(await reverse(tx, { actor, entry: target, reason, valueDate: input.valueDate, ip }));
    return { ok: true, ids };
  });
