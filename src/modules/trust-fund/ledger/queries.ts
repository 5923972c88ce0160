/** The ledger's reads for the treasurer's pages and the public ledger API (balances: ../queries.ts). */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../core/db/client.js';
import { donors, exchangeRates, journalEntries, ledgerLines, pledges } from '../tables.js';
import type { LedgerFilters } from './inputs.js';

export const LEDGER_PAGE_SIZE = 50;

export type LedgerEntry = typeof journalEntries.$inferSelect & { lines: (typeof ledgerLines.$inferSelect)[]; reversedById: number | null };

/**
 * Entries with their lines, newest value date first, filtered and paginated. The ledger is public
 * (no access filter): every entry and line of the fund is open data, names of who posted them are not
 * returned.
 */
export const findLedgerEntries = async (db: DbOrTx, filters: Partial<LedgerFilters>): Promise<{ items: LedgerEntry[]; total: number; page: number }> => {
  const page = filters.page ?? 1;
  const where: (SQL | undefined)[] = [
    filters.kind ? eq(journalEntries.kind, filters.kind) : undefined,
    filters.from ? gte(journalEntries.valueDate, filters.from) : undefined,
    filters.to ? lte(journalEntries.valueDate, filters.to) : undefined,
    filters.donor ? eq(journalEntries.donorId, filters.donor) : undefined,
    filters.task ? eq(journalEntries.taskId, filters.task) : undefined,
  ];
  const reversal = alias(journalEntries, 'reversal');
  const [rows, [total]] = await Promise.all([
    db
      .select({ entry: journalEntries, reversedById: reversal.id })
      .from(journalEntries)
      .leftJoin(reversal, eq(reversal.reversesId, journalEntries.id))
      .where(and(...where))
      .orderBy(desc(journalEntries.valueDate), desc(journalEntries.id))
      .limit(LEDGER_PAGE_SIZE)
      .offset((page - 1) * LEDGER_PAGE_SIZE),
    db
      .select({ n: count() })
      .from(journalEntries)
      .where(and(...where)),
  ]);
  const ids = rows.map((r) => r.entry.id);
  const lines = ids.length ? await db.select().from(ledgerLines).where(inArray(ledgerLines.entryId, ids)).orderBy(asc(ledgerLines.id)) : [];
  return {
    items: rows.map((r) => ({ ...r.entry, reversedById: r.reversedById, lines: lines.filter((l) => l.entryId === r.entry.id) })),
    total: total?.n ?? 0,
    page,
  };
};

export const findDonors = async (db: DbOrTx) => db.select().from(donors).orderBy(asc(donors.kind), asc(donors.id));

export const findPledges = async (db: DbOrTx) => db.select().from(pledges).orderBy(desc(pledges.pledgedOn), desc(pledges.id)).limit(500);

export const findRates = async (db: DbOrTx) => db.select().from(exchangeRates).orderBy(desc(exchangeRates.month), asc(exchangeRates.currency)).limit(500);

/** Allocations not reversed, for the expenditure form (newest first). */
export const findOpenAllocations = async (db: DbOrTx) => {
  const reversal = alias(journalEntries, 'reversal');
  return db
    .select({ id: journalEntries.id, taskId: journalEntries.taskId, valueDate: journalEntries.valueDate, description: journalEntries.description })
    .from(journalEntries)
    .leftJoin(reversal, eq(reversal.reversesId, journalEntries.id))
    .where(and(eq(journalEntries.kind, 'allocation'), isNull(reversal.id)))
    .orderBy(desc(journalEntries.id))
    .limit(500);
};
