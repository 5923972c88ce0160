/**
 * The version of some data, as the caches filed under it read it (core/http/versioned-cache.ts).
 * A version is a counter row that a deferred trigger moves once per committing transaction, and
 * that also sends NOTIFY on a channel of the same name (see migration 0029).
 *
 * On a PostgreSQL server every call reads the row: another process may have committed a change a
 * moment ago. With the embedded database (PGlite), this process is the only one that writes (the
 * data folder's lock), and its one session LISTENs on the channel: the last version read is kept
 * until a notification arrives, which comes with the reply of the statement that committed the
 * change, before that statement's caller goes on (pglite-pool.ts). A reader never gets a version
 * older than a change committed before it asked, and most requests need no round trip to the
 * database's thread.
 */
import type { Database } from './client.js';

/** A name PostgreSQL takes for LISTEN without quoting. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export const versionReader = (database: Database, { channel, read }: { channel: string; read: () => Promise<number> }): (() => Promise<number>) => {
  if (!CHANNEL.test(channel)) throw new Error(`versionReader: '${channel}' is not a channel name`);
  const pglite = database.pglite;
  if (database.kind !== 'pglite' || !pglite) return read;
  let kept: Promise<number> | null = null;
  /** Moves at each notification: a read that began before one is not kept. */
  let changes = 0;
  pglite.notifications.on(channel, () => {
    changes++;
    kept = null;
  });
  // Notifications sent before the session listens are not delivered: nothing is kept until it
  // does, and nothing ever if it cannot (every call then reads, as on a server).
  let listens = false;
  const listening = database.pool.query(`listen ${channel}`).then(
    () => {
      listens = true;
    },
    () => undefined,
  );
  return async () => {
    if (!listens) {
      await listening;
      if (!listens) return read();
    }
    if (kept) return kept;
    const since = changes;
    const reading = read();
    kept = reading;
    reading.then(
      () => {
        if (changes !== since && kept === reading) kept = null;
      },
      () => {
        if (kept === reading) kept = null;
      },
    );
    return reading;
  };
};
