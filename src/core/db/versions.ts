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

/** A channel: its count of notifications, whether the session listens to it yet (never, if LISTEN failed), and that LISTEN. */
type Channel = { changes: number; listens: boolean; listening: Promise<void> };

/** One LISTEN and one listener per database and channel, however many readers (and apps, in tests) use it. */
const channels = new WeakMap<Database, Map<string, Channel>>();

const channelOf = (database: Database, name: string, pglite: NonNullable<Database['pglite']>): Channel => {
  let byName = channels.get(database);
  if (!byName) {
    byName = new Map();
    channels.set(database, byName);
  }
  let channel = byName.get(name);
  if (!channel) {
    const made: Channel = { changes: 0, listens: false, listening: Promise.resolve() };
    pglite.notifications.on(name, () => {
      made.changes++;
    });
    // Notifications sent before the session listens are not delivered: nothing is kept until it
    // does, and nothing ever if it cannot (every call then reads, as on a server).
    made.listening = database.pool.query(`listen ${name}`).then(
      () => {
        made.listens = true;
      },
      () => undefined,
    );
    byName.set(name, made);
    channel = made;
  }
  return channel;
};

export const versionReader = (database: Database, { channel: name, read }: { channel: string; read: () => Promise<number> }): (() => Promise<number>) => {
  if (!CHANNEL.test(name)) throw new Error(`versionReader: '${name}' is not a channel name`);
  const pglite = database.pglite;
  if (database.kind !== 'pglite' || !pglite) return read;
  const channel = channelOf(database, name, pglite);
  /** The last read, and the channel's count of notifications when it began: kept while no other came. */
  let kept: { version: Promise<number>; at: number } | null = null;
  return async () => {
    if (!channel.listens) {
      await channel.listening;
      if (!channel.listens) return read();
    }
    if (kept && kept.at === channel.changes) return kept.version;
    const reading = { version: read(), at: channel.changes };
    kept = reading;
    // A failed read is not kept.
    reading.version.catch(() => {
      if (kept === reading) kept = null;
    });
    return reading.version;
  };
};
