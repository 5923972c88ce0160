/**
 * Rate limits kept in PostgreSQL (fixed windows, one row per key), so every app process behind a
 * proxy shares the same counters. The table is unlogged (migration 0011): counters are not worth a
 * WAL write, and a crash of the database only restarts the windows. Used by @fastify/rate-limit as
 * its store and directly by commands that count something other than requests (failed sign-ins
 * per account).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

export type Hit = { count: number; resetAt: Date };

/** Counts one event for `key` in a window of `windowMs`; returns the count so far and the window end. */
export const hitRateLimit = async (db: DbOrTx, { key, windowMs }: { key: string; windowMs: number }): Promise<Hit> => {
  const result = await db.execute<{ count: number; reset_at: string | Date }>(sql`
    insert into core_rate_limits as r (key, count, reset_at)
    values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    on conflict (key) do update set
      count = case when r.reset_at <= now() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= now() then now() + make_interval(secs => ${windowMs / 1000}) else r.reset_at end
    returning count, reset_at`);
  const row = result.rows[0];
  return { count: Number(row?.count ?? 1), resetAt: new Date(row?.reset_at ?? Date.now() + windowMs) };
};

/** The current count for `key` without counting (0 when the window has passed). */
export const peekRateLimit = async (db: DbOrTx, key: string): Promise<Hit> => {
  const result = await db.execute<{ count: number; reset_at: string | Date }>(sql`select count, reset_at from core_rate_limits where key = ${key} and reset_at > now()`);
  const row = result.rows[0];
  return row ? { count: Number(row.count), resetAt: new Date(row.reset_at) } : { count: 0, resetAt: new Date() };
};

/** Deletes the counters whose window has passed (a key seen again starts a new row). */
export const purgeExpiredRateLimits = async (db: DbOrTx) => {
  await db.execute(sql`delete from core_rate_limits where reset_at <= now()`);
};

export const clearRateLimit = async (db: DbOrTx, key: string) => {
  await db.execute(sql`delete from core_rate_limits where key = ${key}`);
};

/** A store for @fastify/rate-limit backed by hitRateLimit. */
export const postgresRateLimitStore = (db: DbOrTx) => {
  class PostgresStore {
    private readonly prefix: string;
    constructor(options?: unknown) {
      this.prefix = typeof options === 'string' ? options : 'http:';
    }
    incr(key: string, cb: (err: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      hitRateLimit(db, { key: `${this.prefix}${key}`, windowMs: timeWindow }).then(
        (hit) => cb(null, { current: hit.count, ttl: Math.max(0, hit.resetAt.getTime() - Date.now()) }),
        (error) => cb(error as Error),
      );
    }
    read(key: string, cb: (err: Error | null, result?: { current: number; ttl: number }) => void) {
      peekRateLimit(db, `${this.prefix}${key}`).then(
        (hit) => cb(null, { current: hit.count, ttl: Math.max(0, hit.resetAt.getTime() - Date.now()) }),
        (error) => cb(error as Error),
      );
    }
    // @fastify/rate-limit 11 passes the route's merged settings, the route itself under routeInfo
    // (its types say the route): each route keeps its own counters.
    child(params: { method?: string | string[]; url?: string; routeInfo?: { method?: string | string[]; url?: string } }) {
      const route = params.routeInfo ?? params;
      return new PostgresStore(`http:${String(route.method ?? '')}:${route.url ?? ''}:`);
    }
  }
  return PostgresStore;
};
