import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { journalEntries } from '../../tables.js';
import { lockLedger, type Refusal, refuse } from '../rules.js';
import { writeEntry } from './write-entry.js';

export type ExpenditureInput = { allocationId: number; amountChf: bigint; valueDate: string; description: string };

/**
 * What is left to spend of one allocation: its `allocated` line, its expenditures', and the
 * reversals of either (a reversed allocation has nothing left).
 */
export const getAllocationUnspent = async (db: DbOrTx, allocationId: number): Promise<bigint> => {
  const { rows } = await db.execute<{ total: string | null }>(sql`
    with related as (
      select id from trust_fund_entries where id = ${allocationId} or (related_entry_id = ${allocationId} and kind = 'expenditure')
    )
    select sum(l.amount_chf)::text as total
      from trust_fund_lines l join trust_fund_entries e on e.id = l.entry_id
     where l.account = 'allocated' and (e.id in (select id from related) or e.reverses_id in (select id from related))`);
  return BigInt(rows[0]?.total ?? '0');
};

/**
 * Spends against an allocation: Dr expenditure / Cr allocated, both on the allocation's task.
 * Refused beyond the allocation's unspent balance (under the ledger's lock).
 * Assumes 'trust-fund.ledger.post' was checked.
 */
export const postExpenditure = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: ExpenditureInput; ip?: string }): Promise<{ ok: true; id: number } | Refusal> =>
  db.transaction(async (tx) => {
    const [allocation] = await tx.select().from(journalEntries).where(eq(journalEntries.id, input.allocationId));
    if (allocation?.kind !== 'allocation' || allocation.taskId === null) return refuse('allocation_unknown', 'allocationId');
    await lockLedger(tx);
    const unspent = await getAllocationUnspent(tx, allocation.id);
    if (input.amountChf > unspent) return refuse('overspend', 'amount', { unspent: unspent.toString() });
    const id = await writeEntry(tx, {
      actor,
      ip,
      entry: { kind: 'expenditure', valueDate: input.valueDate, description: input.description, taskId: allocation.taskId, relatedEntryId: allocation.id },
      lines: [
        { account: 'expenditure', amountChf: input.amountChf, taskId: allocation.taskId },
        { account: 'allocated', amountChf: -input.amountChf, taskId: allocation.taskId },
      ],
    });
    return { ok: true, id };
  });
