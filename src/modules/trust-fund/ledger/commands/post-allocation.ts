import { type Actor, can } from '../../../../core/permissions/index.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { findTaskSummaries } from '../../../roadmaps/queries.js';
import { getAvailableToAllocate } from '../../queries.js';
import { lockLedger, type Refusal, refuse } from '../rules.js';
import { writeEntry } from './write-entry.js';

export type AllocationInput = {
  taskId: number;
  /** CHF minor units, positive. */
  amountChf: bigint;
  valueDate: string;
  description: string;
  /** An administrator's reason for allocating beyond the available funds; null: no override. */
  overrideReason: string | null;
};

export type PostAllocationResult = { ok: true; id: number; overridden: boolean } | Refusal;

/**
 * Sets funds aside for a roadmap task: Dr allocated (the task) / Cr unallocated. Refused when it
 * exceeds what is available (the balance of `unallocated`), unless an administrator gives a
 * reason ('trust-fund.ledger.override', audited under that ability). The ledger's lock
 * (rules.lockLedger) makes concurrent allocations read the balance one after the other.
 * Assumes 'trust-fund.ledger.post' was checked.
 */
export const postAllocation = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: AllocationInput; ip?: string }): Promise<PostAllocationResult> =>
  db.transaction(async (tx) => {
    if (!(await findTaskSummaries(tx, [input.taskId])).length) return refuse('task_unknown', 'taskId');
    await lockLedger(tx);
    const available = await getAvailableToAllocate(tx);
    const overdraws = input.amountChf > available;
    const reason = input.overrideReason?.trim() || null;
    if (overdraws) {
      if (input.overrideReason === null) return refuse('overdraw', 'amount', { available: available.toString() });
      if (!can(actor, 'trust-fund.ledger.override')) return refuse('override_forbidden', 'overrideReason');
      if (!reason) return refuse('override_reason', 'overrideReason');
    }
    const id = await writeEntry(tx, {
      actor,
      ip,
      action: overdraws ? 'trust-fund.ledger.override' : 'trust-fund.ledger.post',
      entry: { kind: 'allocation', valueDate: input.valueDate, description: input.description, taskId: input.taskId, overrideReason: overdraws ? reason : null },
      lines: [
        { account: 'allocated', amountChf: input.amountChf, taskId: input.taskId },
        { account: 'unallocated', amountChf: -input.amountChf },
      ],
    });
    return { ok: true, id, overridden: overdraws };
  });
