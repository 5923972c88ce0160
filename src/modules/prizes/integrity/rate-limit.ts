/**
 * Limits on vote requests, per address and per signed-in account, counted in PostgreSQL (shared
 * by every app process) with one statement for both counters: a vote costs one round trip for
 * its limits, not two.
 */
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../../core/http/problems.js';

/** Vote requests one address may send per minute (several voters may share it), times the configured scale. */
export const VOTES_PER_ADDRESS_PER_MINUTE = 60;
/** Vote requests one account may send per minute (a full ballot is 18), times the configured scale. */
export const VOTES_PER_ACCOUNT_PER_MINUTE = 30;
const WINDOW_SECONDS = 60;

/** A preHandler for the vote routes (API and form): 429 with Retry-After past either limit. */
export const voteRateLimits = (scale: number) => async (req: FastifyRequest, reply: FastifyReply) => {
  const db = req.server.platform.database.db;
  const keys = [`prizes:vote:address:${req.ip}`, ...(req.actor ? [`prizes:vote:account:${req.actor.id}`] : [])];
  // Rows are always locked in the same order (address, then account): no deadlock between votes.
  const result = await db.execute<{ key: string; count: number; reset_at: string | Date }>(sql`
    insert into core_rate_limits as r (key, count, reset_at)
    values ${sql.join(
      keys.map((k) => sql`(${k}, 1, now() + make_interval(secs => ${WINDOW_SECONDS}))`),
      sql`, `,
    )}
    on conflict (key) do update set
      count = case when r.reset_at <= now() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= now() then now() + make_interval(secs => ${WINDOW_SECONDS}) else r.reset_at end
    returning key, count, reset_at`);
  const over = result.rows.find((row) => Number(row.count) > (row.key.startsWith('prizes:vote:account:') ? VOTES_PER_ACCOUNT_PER_MINUTE : VOTES_PER_ADDRESS_PER_MINUTE) * scale);
  if (over) {
    reply.header('retry-after', String(Math.max(1, Math.ceil((new Date(over.reset_at).getTime() - Date.now()) / 1000))));
    throw new HttpError(429, 'core.errors.rate_limited_title', 'core.errors.rate_limited_detail');
  }
};
