import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { donors, pledges } from '../../tables.js';
import { type Refusal, refuse } from '../rules.js';

export type PledgeInput = { donorId: number; currency: string; amountMinor: bigint; pledgedOn: string; purpose: Localized; actionLine: string | null };

/** Records a donor's pledge (a promise: not in the ledger; money counts when received). Audited. */
export const recordPledge = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: PledgeInput; ip?: string }): Promise<{ ok: true; id: number } | Refusal> =>
  db.transaction(async (tx) => {
    if (!(await tx.select({ id: donors.id }).from(donors).where(eq(donors.id, input.donorId))).length) return refuse('donor_unknown', 'donorId');
    const [row] = await tx
      .insert(pledges)
      .values({ ...input, createdBy: actor.id })
      .returning({ id: pledges.id });
    const id = Number(row?.id);
    await recordAction(tx, {
      actor,
      action: 'trust-fund.ledger.post',
      subjectType: 'trust-fund.pledge',
      subjectId: id,
      after: { ...input, amountMinor: input.amountMinor.toString() },
      ip,
    });
    return { ok: true, id };
  });
