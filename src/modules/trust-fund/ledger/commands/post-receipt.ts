import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { pscOf, toChf } from '../../money.js';
import { donors, pledges } from '../../tables.js';
import { monthOf, type Refusal, refuse } from '../rules.js';
import { writeEntry } from './write-entry.js';

export type ReceiptInput = {
  donorId: number;
  pledgeId: number | null;
  valueDate: string;
  currency: string;
  /** In the currency's minor units, positive (parsed by money.parseAmount). */
  amountMinor: bigint;
  description: string;
  /** Programme support costs as typed, a percentage of the CHF amount ("7"); null: none. */
  pscPercent: string | null;
};

export type PostReceiptResult = { ok: true; id: number; amountChf: bigint; pscId: number | null; pscChf: bigint } | Refusal;

/** The recorded rate (CHF per unit) of a currency for a value date's month; null when none was entered. */
export const findRateFor = async (db: DbOrTx, { currency, valueDate }: { currency: string; valueDate: string }): Promise<string | null> => {
  if (currency === 'CHF') return '1';
  const { rows } = await db.execute<{ rate: string }>(
    sql`select chf_per_unit::text as rate from trust_fund_rates where currency = ${currency} and month = ${monthOf(valueDate)}::date`,
  );
  return rows[0]?.rate ?? null;
};

/**
 * Posts money received from a donor: converted to CHF at the rate of the value date's month
 * (half-even to the centime; refused when the month has no rate), Dr unallocated / Cr
 * contributions of the donor; with a psc rate, the programme support costs as their own entry
 * (Dr psc / Cr unallocated) tied to the receipt. One transaction, one audit row per entry.
 * Assumes 'trust-fund.ledger.post' was checked.
 */
export const postReceipt = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: ReceiptInput; ip?: string }): Promise<PostReceiptResult> =>
  db.transaction(async (tx) => {
    if (!(await tx.select({ id: donors.id }).from(donors).where(eq(donors.id, input.donorId))).length) return refuse('donor_unknown', 'donorId');
    if (
      input.pledgeId !== null &&
      !(
        await tx
          .select({ id: pledges.id })
          .from(pledges)
          .where(and(eq(pledges.id, input.pledgeId), eq(pledges.donorId, input.donorId)))
      ).length
    ) {
      return refuse('pledge_unknown', 'pledgeId');
    }
    const rate = await findRateFor(tx, input);
    if (rate === null) return refuse('rate_missing', 'valueDate', { currency: input.currency, month: input.valueDate.slice(0, 7) });
    const amountChf = toChf(input.amountMinor, input.currency, rate);
    if (amountChf <= 0n) return refuse('too_small', 'amount');
    let pscChf = 0n;
    if (input.pscPercent !== null) {
      const psc = pscOf(amountChf, input.pscPercent);
      if (psc === null) return refuse('psc_rate', 'pscPercent');
      pscChf = psc;
    }
    const id = await writeEntry(tx, {
      actor,
      ip,
      entry: {
        kind: 'receipt',
        valueDate: input.valueDate,
        description: input.description,
        donorId: input.donorId,
        pledgeId: input.pledgeId,
        currency: input.currency,
        amountMinor: input.amountMinor,
        chfPerUnit: rate,
      },
      lines: [
        { account: 'unallocated', amountChf },
        { account: 'contributions', amountChf: -amountChf, donorId: input.donorId },
      ],
    });
    let pscId: number | null = null;
    if (pscChf > 0n) {
      pscId = await writeEntry(tx, {
        actor,
        ip,
        entry: { kind: 'psc', valueDate: input.valueDate, description: `${input.pscPercent}%`, donorId: input.donorId, relatedEntryId: id },
        lines: [
          { account: 'psc', amountChf: pscChf, donorId: input.donorId },
          { account: 'unallocated', amountChf: -pscChf },
        ],
      });
    }
    return { ok: true, id, amountChf, pscId, pscChf };
  });
