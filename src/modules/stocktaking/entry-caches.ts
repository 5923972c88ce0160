/**
 * What the in-memory caches of the entries (the facet index, the word index) share: the change
 * log that lets a cache catch up by reading only the entries changed since its version, and the
 * holder that keeps one cache per database, rebuilt at most once at a time.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { entriesVersion, entryChanges } from './tables.js';

/** Above this many changed entries, reading them all again is simpler than merging. */
export const MERGE_LIMIT = 5000;

/**
 * The ids of the entries changed between two versions (the change log of migration 0009), or
 * undefined when the log no longer covers that gap or more than MERGE_LIMIT entries changed: then
 * the cache reads everything again. Every version logs at least one entry, so the log covers the
 * gap when no version is missing.
 */
export const changedEntriesBetween = async (tx: DbOrTx, from: number, to: number): Promise<number[] | undefined> => {
  const { rows } = await tx.execute<{ versions: string | number; ids: string | null; n: string | number }>(sql`
    select count(distinct ${entryChanges.version}) as versions, count(distinct ${entryChanges.entryId}) as n,
      string_agg(distinct ${entryChanges.entryId}::text, ',') as ids
    from ${entryChanges} where ${entryChanges.version} > ${from} and ${entryChanges.version} <= ${to}`);
  const summary = rows[0];
  if (Number(summary?.versions ?? 0) !== to - from || Number(summary?.n ?? 0) > MERGE_LIMIT) return undefined;
  return (summary?.ids ?? '').split(',').filter(Boolean).map(Number);
};

/**
 * Reads a cache at the counter's version, in one snapshot (repeatable read): `merge` with the ids
 * changed since `base` when the change log covers the gap, else `full`.
 */
export const readAtVersion = async <T extends { version: number }>(
  db: DbOrTx,
  base: T | undefined,
  steps: { merge: (tx: DbOrTx, version: number, base: T, changed: number[]) => Promise<T>; full: (tx: DbOrTx, version: number) => Promise<T> },
): Promise<T> =>
  db.transaction(
    async (tx) => {
      const [current] = await tx.select({ version: entriesVersion.version }).from(entriesVersion);
      const version = current?.version ?? 0;
      const changed = base ? await changedEntriesBetween(tx, base.version, version) : undefined;
      return base && changed ? steps.merge(tx, version, base, changed) : steps.full(tx, version);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

/**
 * A cache of the entries per database, brought up to date on demand: `of(db, version)` answers the
 * cache in memory when it is at `version` or later, else reads a newer one with `read(db, base)`
 * (one read at a time; concurrent callers wait for the same one).
 */
export const versionedCache = <T extends { version: number }>(read: (db: DbOrTx, base?: T) => Promise<T>) => {
  type Holder = { value?: T; loading?: Promise<T> };
  const holders = new WeakMap<object, Holder>();
  const of = async (db: DbOrTx, version: number): Promise<T> => {
    let holder = holders.get(db);
    if (!holder) {
      holder = {};
      holders.set(db, holder);
    }
    const h = holder;
    if (h.value && h.value.version >= version) return h.value;
    if (!h.loading) {
      h.loading = read(db, h.value).finally(() => {
        h.loading = undefined;
      });
    }
    const value = await h.loading;
    if (!h.value || value.version >= h.value.version) h.value = value;
    // A read that started before this version was committed is too old: read again.
    return value.version >= version ? value : of(db, version);
  };
  return of;
};
