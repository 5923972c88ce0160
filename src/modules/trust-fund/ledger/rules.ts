import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Account } from '../tables.js';

/** Why a posting is refused; each is a message `trust-fund.ledger.errors.<code>`. */
export const LEDGER_ERRORS = [
  'format',
  'required',
  'precision',
  'not_positive',
  'too_large',
  'currency',
  'date',
  'rate_missing',
  'rate_format',
  'psc_rate',
  'too_small',
  'donor_unknown',
  'donor_kind',
  'country_unknown',
  'country_taken',
  'organization_unknown',
  'name_required',
  'pledge_unknown',
  'action_line_unknown',
  'task_unknown',
  'allocation_unknown',
  'overdraw',
  'override_reason',
  'override_forbidden',
  'overspend',
  'entry_unknown',
  'already_reversed',
  'reversal_of_reversal',
  'reason_required',
  'reversal_overdraws',
  'csv',
] as const;
export type LedgerError = (typeof LEDGER_ERRORS)[number];

/** A refused posting: the message and the form field it belongs beside. */
export type Refusal = { ok: false; error: LedgerError; field: string; params?: Record<string, string | number> };
export const refuse = (error: LedgerError, field: string, params?: Record<string, string | number>): Refusal => ({ ok: false, error, field, ...(params ? { params } : {}) });

/** A line of an entry before it is written: account, CHF minor units signed (debit +, credit −), and its donor or task. */
export type LineDraft = { account: Account; amountChf: bigint; donorId?: number | null; taskId?: number | null };

/**
 * Postings that read a balance before writing (allocations, expenditures, reversals) take this
 * transaction-level advisory lock first, so two at once cannot both see the same funds: the
 * second waits for the first to commit and then reads the balance it left. Receipts only add
 * money and do not wait.
 */
export const lockLedger = async (tx: DbOrTx) => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trust-fund.ledger'))`);
};

/** The first day of a value date's month, the key of its exchange rate. */
export const monthOf = (valueDate: string) => `${valueDate.slice(0, 7)}-01`;

/** A calendar date typed as YYYY-MM-DD that exists. */
export const isCalendarDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
};
