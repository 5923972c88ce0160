import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../core/db/client.js';
import { consultations, counters } from '../../tables.js';

export const LETTER_COUNTER = 'circular-letter';

/** "CL-26/003": the two-digit year and the year's sequence number, three digits at least. */
export const letterNumberOf = (year: number, value: number) => `CL-${String(year % 100).padStart(2, '0')}/${String(value).padStart(3, '0')}`;

/**
 * Gives the consultation its circular letter number unless it has one: the next value of the
 * year's counter (INSERT … ON CONFLICT DO UPDATE … RETURNING: concurrent allocations wait for the
 * row's lock, so no two get the same value) written on the consultation (whose row is locked
 * first, so one consultation never takes two numbers). Call inside a transaction.
 */
export const allocateLetterNumber = async (tx: DbOrTx, { consultationId, now = new Date() }: { consultationId: number; now?: Date }): Promise<string | null> => {
  const [current] = await tx.select({ number: consultations.letterNumber }).from(consultations).where(eq(consultations.id, consultationId)).for('update');
  if (!current) return null;
  if (current.number) return current.number;
  const year = now.getUTCFullYear();
  const [counter] = await tx
    .insert(counters)
    .values({ name: LETTER_COUNTER, year, value: 1 })
    .onConflictDoUpdate({ target: [counters.name, counters.year], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  if (!counter) throw new Error('counter not allocated');
  const number = letterNumberOf(year, counter.value);
  await tx.update(consultations).set({ letterNumber: number, updatedAt: new Date() }).where(eq(consultations.id, consultationId));
  return number;
};
