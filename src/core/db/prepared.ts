/**
 * Queries prepared once per database handle. Drizzle's `.prepare(name)` builds the statement's text
 * once: the query builder's work (0.17 ms for a select of thirty columns) is not repeated on every
 * request. On a PostgreSQL server the statement is named, so each connection parses and plans it
 * once; on PGlite it goes without a name (`name` is ''), since its one session is shared with the
 * commands the server lends it to, where a name prepared by one would collide with the other's
 * (statement.ts, keepsNames). For the queries of the busiest pages; the values are placeholders
 * (`sql.placeholder('ids')`).
 */
import type { DbOrTx } from './client.js';
import { keepsNames } from './statement.js';

/** `prepare(db, name or '')` run once for each database handle (a transaction is a handle of its own). */
export const preparedPerHandle = <Q>(name: string, prepare: (db: DbOrTx, name: string) => Q): ((db: DbOrTx) => Q) => {
  const prepared = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = prepared.get(db);
    if (!query) {
      query = prepare(db, keepsNames(db) ? name : '');
      prepared.set(db, query);
    }
    return query;
  };
};
