/**
 * Several independent reads: at once on the pool (each on its own connection, or queued behind
 * one another by the driver without waiting for each answer), one after the other inside a
 * transaction, whose one connection runs one statement at a time (pg deprecates sending a second
 * before the first has answered). The same code then serves a page and a report composed in a
 * transaction.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

export const readTogether = async <T>(db: DbOrTx, reads: readonly (() => Promise<T>)[]): Promise<T[]> => {
  if (!(db instanceof PgTransaction)) return Promise.all(reads.map((read) => read()));
  const out: T[] = [];
  for (const read of reads) out.push(await read());
  return out;
};
