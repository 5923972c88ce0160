import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Localized } from '../../core/i18n/locales.js';

/**
 * Money is never a floating-point number: amounts are integers of a currency's minor unit
 * (bigint: CHF 12.50 is 1250, JPY 1200 is 1200, KWD 1.250 is 1250), read in code as BigInt and
 * sent in JSON as decimal strings; rates are `numeric`, read as strings.
 */

/** Who gives: a Member State (country list), a Sector Member, or another organization. */
export const DONOR_KINDS = ['member-state', 'sector-member', 'organization'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

export const donors = pgTable(
  'trust_fund_donors',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: DONOR_KINDS }).notNull(),
    /** ISO 3166-1 code of a Member State (checked against the reference list by the commands). */
    countryCode: text(),
    /** The organization in accounts, when it has one (checked by the commands). */
    organizationId: bigint({ mode: 'number' }),
    /** The name as published (a Member State's comes from the country list in each language). */
    name: jsonb().$type<Localized>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('trust_fund_donors_country', sql`(${t.kind} = 'member-state') = (${t.countryCode} is not null)`), uniqueIndex('trust_fund_donors_country_idx').on(t.countryCode)],
);

/**
 * The UN operational rate of exchange of a currency for a month: CHF for one unit of the
 * currency (`chf_per_unit`), entered or imported from a CSV by the treasurer. A receipt is
 * converted at the rate of its value date's month; a missing rate refuses the receipt.
 */
export const RATE_SOURCES = ['entered', 'imported'] as const;
export const exchangeRates = pgTable(
  'trust_fund_rates',
  {
    currency: text().notNull(),
    /** First day of the month. */
    month: date({ mode: 'string' }).notNull(),
    chfPerUnit: numeric({ precision: 24, scale: 12 }).notNull(),
    source: text({ enum: RATE_SOURCES }).notNull().default('entered'),
    enteredBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.currency, t.month] }),
    check('trust_fund_rates_positive', sql`${t.chfPerUnit} > 0`),
    check('trust_fund_rates_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

/** A donor's promise, in its currency. Not in the ledger: money counts when received. */
export const pledges = pgTable(
  'trust_fund_pledges',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    donorId: bigint({ mode: 'number' })
      .notNull()
      .references(() => donors.id),
    currency: text().notNull(),
    amountMinor: bigint({ mode: 'bigint' }).notNull(),
    pledgedOn: date({ mode: 'string' }).notNull(),
    purpose: jsonb().$type<Localized>().notNull().default({}),
    /** The action line the donor earmarked it for, if any. */
    actionLine: text(),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('trust_fund_pledges_positive', sql`${t.amountMinor} > 0`), index('trust_fund_pledges_donor_idx').on(t.donorId)],
);

/**
 * What a journal entry records. receipt: money in (Dr unallocated, Cr contributions of the
 * donor); psc: programme support costs on a receipt (Dr psc, Cr unallocated); allocation: funds
 * set aside for a roadmap task (Dr allocated of the task, Cr unallocated); expenditure: spent
 * against a task's allocation (Dr expenditure, Cr allocated); reversal: the negation of an earlier
 * entry's lines, with a reason (the only correction there is).
 */
export const ENTRY_KINDS = ['receipt', 'psc', 'allocation', 'expenditure', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A journal entry: append-only (migration triggers refuse UPDATE and DELETE of posted entries and
 * lines). A receipt keeps its original currency, amount and the rate it was converted at.
 */
export const journalEntries = pgTable(
  'trust_fund_entries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: ENTRY_KINDS }).notNull(),
    /** The day the money moved (the month of its exchange rate). */
    valueDate: date({ mode: 'string' }).notNull(),
    description: text().notNull().default(''),
    donorId: bigint({ mode: 'number' }).references(() => donors.id),
    pledgeId: bigint({ mode: 'number' }).references(() => pledges.id),
    /** The roadmap task of an allocation or expenditure (another module's table: checked by the commands). */
    taskId: bigint({ mode: 'number' }),
    /** psc → its receipt; expenditure → the allocation it draws on. */
    relatedEntryId: bigint({ mode: 'number' }),
    /** A reversal → the entry it cancels (each entry is reversed at most once). */
    reversesId: bigint({ mode: 'number' }),
    /** Receipts: the original currency and amount (minor units) and the rate used (CHF per unit). */
    currency: text(),
    amountMinor: bigint({ mode: 'bigint' }),
    chfPerUnit: numeric({ precision: 24, scale: 12 }),
    /** Why (a reversal's reason; an admin's override of an allocation beyond the available funds). */
    reason: text(),
    overrideReason: text(),
    postedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    postedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trust_fund_entries_reverses_idx').on(t.reversesId),
    index('trust_fund_entries_value_date_idx').on(t.valueDate),
    index('trust_fund_entries_donor_idx').on(t.donorId),
    index('trust_fund_entries_task_idx').on(t.taskId),
    check('trust_fund_entries_reversal', sql`(${t.kind} = 'reversal') = (${t.reversesId} is not null) and (${t.kind} <> 'reversal' or ${t.reason} is not null)`),
  ],
);

/** The ledger's accounts (see ENTRY_KINDS). Available to allocate = the balance of `unallocated`. */
export const ACCOUNTS = ['unallocated', 'allocated', 'contributions', 'psc', 'expenditure'] as const;
export type Account = (typeof ACCOUNTS)[number];

/**
 * A line of a journal entry, in CHF minor units, signed: debit positive, credit negative. The lines
 * of an entry sum to zero (a deferred constraint trigger checks it at commit). Balances are sums
 * of lines, never stored totals. `valueDate` repeats the entry's, for period statements.
 */
export const ledgerLines = pgTable(
  'trust_fund_lines',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => journalEntries.id),
    account: text({ enum: ACCOUNTS }).notNull(),
    donorId: bigint({ mode: 'number' }).references(() => donors.id),
    taskId: bigint({ mode: 'number' }),
    amountChf: bigint({ mode: 'bigint' }).notNull(),
    valueDate: date({ mode: 'string' }).notNull(),
  },
  (t) => [
    index('trust_fund_lines_entry_idx').on(t.entryId),
    index('trust_fund_lines_account_date_idx').on(t.account, t.valueDate),
    index('trust_fund_lines_task_idx').on(t.taskId),
    index('trust_fund_lines_donor_idx').on(t.donorId, t.valueDate),
    check('trust_fund_lines_nonzero', sql`${t.amountChf} <> 0`),
  ],
);
