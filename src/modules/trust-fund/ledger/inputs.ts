/**
 * The ledger's forms and query strings, read into the commands' inputs. Amounts are decimal
 * strings read by money.parseAmount into BigInt minor units, never through a Number. An error is
 * a message key beside its field.
 */
import { formLocalized, formText } from '../../../core/http/forms.js';
import { z } from 'zod';
import type { FormState } from '../../../core/views/components.js';
import { isCurrency, parseAmount } from '../money.js';
import { DONOR_KINDS, type DonorKind, ENTRY_KINDS } from '../tables.js';
import type { AllocationInput } from './commands/post-allocation.js';
import type { ExpenditureInput } from './commands/post-expenditure.js';
import type { ReceiptInput } from './commands/post-receipt.js';
import type { ReversalInput } from './commands/post-reversal.js';
import type { DonorInput } from './commands/save-donor.js';
import type { PledgeInput } from './commands/record-pledge.js';
import { isCalendarDate } from './rules.js';

const key = (error: string) => `trust-fund.ledger.errors.${error}`;
export type FormRead<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

class Reader {
  errors: Record<string, string> = {};
  constructor(readonly values: FormState['values']) {}
  text(name: string, max = 500) {
    const v = formText(this.values, name);
    if (v.length > max) this.errors[name] = key('format');
    return v;
  }
  id(name: string, { optional = false } = {}): number | null {
    const v = formText(this.values, name);
    if (!v && optional) return null;
    if (!/^[1-9]\d{0,14}$/.test(v)) {
      this.errors[name] = key(optional ? 'format' : 'required');
      return null;
    }
    return Number(v);
  }
  date(name: string) {
    const v = formText(this.values, name);
    if (!isCalendarDate(v)) this.errors[name] = key('date');
    return v;
  }
  currency(name: string) {
    const v = formText(this.values, name).toUpperCase();
    if (!isCurrency(v)) this.errors[name] = key('currency');
    return v;
  }
  amount(name: string, currency: string): bigint {
    if (!isCurrency(currency)) return 0n;
    const parsed = parseAmount(formText(this.values, name), currency);
    if (!parsed.ok) {
      this.errors[name] = key(parsed.error);
      return 0n;
    }
    return parsed.minor;
  }
  result<T>(input: T): FormRead<T> {
    return Object.keys(this.errors).length ? { ok: false, errors: this.errors } : { ok: true, input };
  }
}

export const receiptFromForm = (values: FormState['values']): FormRead<ReceiptInput> => {
  const r = new Reader(values);
  const currency = r.currency('currency');
  const psc = formText(values, 'pscPercent');
  return r.result({
    donorId: r.id('donorId') ?? 0,
    pledgeId: r.id('pledgeId', { optional: true }),
    valueDate: r.date('valueDate'),
    currency,
    amountMinor: r.amount('amount', currency),
    description: r.text('description'),
    pscPercent: psc ? psc.replace(/\s*%$/, '') : null,
  });
};

export const allocationFromForm = (values: FormState['values']): FormRead<AllocationInput> => {
  const r = new Reader(values);
  const override = formText(values, 'overrideReason');
  return r.result({
    taskId: r.id('taskId') ?? 0,
    amountChf: r.amount('amount', 'CHF'),
    valueDate: r.date('valueDate'),
    description: r.text('description'),
    overrideReason: override ? r.text('overrideReason') : null,
  });
};

export const expenditureFromForm = (values: FormState['values']): FormRead<ExpenditureInput> => {
  const r = new Reader(values);
  return r.result({ allocationId: r.id('allocationId') ?? 0, amountChf: r.amount('amount', 'CHF'), valueDate: r.date('valueDate'), description: r.text('description') });
};

export const reversalFromForm = (values: FormState['values']): FormRead<ReversalInput> => {
  const r = new Reader(values);
  const reason = r.text('reason');
  if (!reason) r.errors.reason = key('reason_required');
  return r.result({ entryId: r.id('entryId') ?? 0, reason, valueDate: r.date('valueDate') });
};

export const donorFromForm = (values: FormState['values']): FormRead<DonorInput> => {
  const r = new Reader(values);
  const kind = formText(values, 'kind') as DonorKind;
  if (!(DONOR_KINDS as readonly string[]).includes(kind)) r.errors.kind = key('donor_kind');
  return r.result({
    kind,
    countryCode: kind === 'member-state' ? formText(values, 'countryCode').toUpperCase() : null,
    organizationId: kind === 'member-state' ? null : r.id('organizationId', { optional: true }),
    name: formLocalized(values, 'name'),
  });
};

export const pledgeFromForm = (values: FormState['values']): FormRead<PledgeInput> => {
  const r = new Reader(values);
  const currency = r.currency('currency');
  const actionLine = formText(values, 'actionLine');
  return r.result({
    donorId: r.id('donorId') ?? 0,
    currency,
    amountMinor: r.amount('amount', currency),
    pledgedOn: r.date('pledgedOn'),
    purpose: formLocalized(values, 'purpose'),
    actionLine: actionLine || null,
  });
};

/** The public ledger's query string (GET /api/v1/trust-fund/ledger and the treasurer's filters). */
export const ledgerFilters = z.object({
  kind: z.enum(ENTRY_KINDS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  donor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  task: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type LedgerFilters = z.infer<typeof ledgerFilters>;
