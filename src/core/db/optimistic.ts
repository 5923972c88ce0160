/**
 * Optimistic writes: a command that reads rows without a transaction and writes what it decided in
 * one statement, instead of `begin`, a locking read, the write and `commit` (two round trips
 * instead of four, and no lock held while Node decides). The statement states what it expects of
 * the rows it read (in SQL: an upsert's `where`, the row's version `xmin`); when another writer came
 * first its guarded part writes nothing, `expectRows` makes the whole statement fail (SQLSTATE
 * 40001, nothing of it kept), and the command runs again on its locking path (`withOptimism`).
 */
import { sqlState } from './errors.js';
import type { Fragment } from './statement.js';

/** SQLSTATE of a write whose rows changed since they were read (serialization_failure). */
export const WRITE_CONFLICT = '40001';

/** The statement's guard: `count` (an SQL count of the rows its guarded part wrote) must be > 0 (the function of migration 0026). */
export const expectRows =
  (count: Fragment): Fragment =>
  (p) =>
    `core_expect_rows(${count(p)})`;

/** A command that cannot finish optimistically (a case its single statement does not cover) throws this to run its locking path. */
export class NeedsLock extends Error {
  constructor() {
    super('this write needs the locking path');
  }
}

/**
 * Runs `attempt` optimistically, then, when it met another writer (40001) or asked for it
 * (NeedsLock), runs `locked` (a transaction that locks what it reads). What `attempt` did before
 * failing was reads only, or its one statement, rolled back whole.
 */
export const withOptimism = async <T>(attempt: () => Promise<T>, locked: () => Promise<T>): Promise<T> => {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof NeedsLock || sqlState(error) === WRITE_CONFLICT) return locked();
    throw error;
  }
};
