import { recordAction } from '../../../../core/audit/record.js';
import type { Tx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { type EntryKind, journalEntries, ledgerLines } from '../../tables.js';
import type { LineDraft } from '../rules.js';

export type EntryDraft = {
  kind: EntryKind;
  valueDate: string;
  description?: string;
  donorId?: number | null;
  pledgeId?: number | null;
  taskId?: number | null;
  relatedEntryId?: number | null;
  reversesId?: number | null;
  currency?: string | null;
  amountMinor?: bigint | null;
  chfPerUnit?: string | null;
  reason?: string | null;
  overrideReason?: string | null;
};

/**
 * Writes one journal entry, its lines (which must sum to zero: the database checks it at commit)
 * and its audit row, in the caller's transaction. The audit's action is the ability that allowed
 * it (`trust-fund.ledger.override` for an allocation beyond the funds).
 */
export const writeEntry = async (
  tx: Tx,
  { actor, entry, lines, action = 'trust-fund.ledger.post', ip }: { actor: Actor; entry: EntryDraft; lines: LineDraft[]; action?: string; ip?: string },
): Promise<number> => {
  const [row] = await tx
    .insert(journalEntries)
    .values({ ...entry, description: entry.description ?? '', postedBy: actor.id })
    .returning({ id: journalEntries.id });
  const id = Number(row?.id);
  await tx
    .insert(ledgerLines)
    .values(lines.map((l) => ({ entryId: id, account: l.account, amountChf: l.amountChf, donorId: l.donorId ?? null, taskId: l.taskId ?? null, valueDate: entry.valueDate })));
  await recordAction(tx, {
    actor,
    action,
    subjectType: 'trust-fund.entry',
    subjectId: id,
    after: {
      kind: entry.kind,
      valueDate: entry.valueDate,
      currency: entry.currency ?? null,
      amountMinor: entry.amountMinor?.toString() ?? null,
      chfPerUnit: entry.chfPerUnit ?? null,
      reversesId: entry.reversesId ?? null,
      reason: entry.reason ?? null,
      overrideReason: entry.overrideReason ?? null,
      lines: lines.map((l) => ({ account: l.account, amountChf: l.amountChf.toString(), donorId: l.donorId ?? null, taskId: l.taskId ?? null })),
    },
    ip,
  });
  return id;
};
