import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { isCurrency, parseDecimal } from '../../money.js';
import { exchangeRates } from '../../tables.js';
import { type LedgerError, type Refusal, refuse } from '../rules.js';

export type RateInput = { currency: string; month: string; chfPerUnit: string };

/** Reads a rate as typed: currency (ISO 4217), month (YYYY-MM), CHF per unit (positive, ≤ 12 decimals). */
export const readRate = (raw: { currency?: string; month?: string; rate?: string }): { ok: true; rate: RateInput } | { ok: false; error: LedgerError; field: string } => {
  const currency = (raw.currency ?? '').trim().toUpperCase();
  if (!isCurrency(currency) || currency === 'CHF') return { ok: false, error: 'currency', field: 'currency' };
  const month = (raw.month ?? '').trim();
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return { ok: false, error: 'date', field: 'month' };
  const rate = (raw.rate ?? '').trim();
  if (!parseDecimal(rate, { maxScale: 12, maxInteger: 12 })) return { ok: false, error: 'rate_format', field: 'rate' };
  return { ok: true, rate: { currency, month: `${month}-01`, chfPerUnit: rate } };
};

const upsert = (tx: DbOrTx, rates: RateInput[], { actor, source }: { actor: Actor; source: 'entered' | 'imported' }) =>
  tx
    .insert(exchangeRates)
    .values(rates.map((r) => ({ ...r, source, enteredBy: actor.id })))
    .onConflictDoUpdate({
      target: [exchangeRates.currency, exchangeRates.month],
      set: { chfPerUnit: sql`excluded.chf_per_unit`, source: sql`excluded.source`, enteredBy: sql`excluded.entered_by`, enteredAt: sql`now()` },
    });

/**
 * Enters the UN operational rate of a currency for a month (replacing the month's rate if there
 * was one: receipts keep the rate they were converted at). Audited with the rate it replaced.
 */
export const setRate = async (db: DbOrTx, { actor, rate, ip }: { actor: Actor; rate: RateInput; ip?: string }): Promise<{ ok: true }> =>
  db.transaction(async (tx) => {
    const before = await tx.execute<{ chf_per_unit: string }>(
      sql`select chf_per_unit::text from trust_fund_rates where currency = ${rate.currency} and month = ${rate.month}::date`,
    );
    await upsert(tx, [rate], { actor, source: 'entered' });
    await recordAction(tx, {
      actor,
      action: 'trust-fund.ledger.post',
      subjectType: 'trust-fund.rate',
      subjectId: `${rate.currency} ${rate.month}`,
      before: before.rows[0] ?? null,
      after: rate,
      ip,
    });
    return { ok: true };
  });

export type ImportRatesResult = { ok: true; count: number } | { ok: false; lines: { line: number; error: LedgerError; field: string }[] } | Refusal;

/**
 * Imports rates from a CSV of `currency,month,rate` (a header line with these names is optional).
 * Every line is checked first; any bad line refuses the whole file, naming each bad line's
 * number; otherwise every rate is written in one transaction with one audit row.
 */
export const importRates = async (db: DbOrTx, { actor, csv, ip }: { actor: Actor; csv: string; ip?: string }): Promise<ImportRatesResult> => {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return refuse('csv', 'file');
  }
  const rates: RateInput[] = [];
  const bad: { line: number; error: LedgerError; field: string }[] = [];
  const seen = new Set<string>();
  records.forEach(({ record, info }, i) => {
    if (i === 0 && record[0]?.toLowerCase() === 'currency') return;
    const read = record.length === 3 ? readRate({ currency: record[0], month: record[1], rate: record[2] }) : ({ ok: false, error: 'csv', field: 'file' } as const);
    if (!read.ok) bad.push({ line: info.lines, error: read.error, field: read.field });
    else if (seen.has(`${read.rate.currency} ${read.rate.month}`)) bad.push({ line: info.lines, error: 'csv', field: 'month' });
    else {
      seen.add(`${read.rate.currency} ${read.rate.month}`);
      rates.push(read.rate);
    }
  });
  if (bad.length) return { ok: false, lines: bad };
  if (!rates.length) return refuse('csv', 'file');
  return db.transaction(async (tx) => {
    await upsert(tx, rates, { actor, source: 'imported' });
    await recordAction(tx, { actor, action: 'trust-fund.ledger.post', subjectType: 'trust-fund.rate', subjectId: 'import', after: { count: rates.length, rates }, ip });
    return { ok: true, count: rates.length };
  });
};
