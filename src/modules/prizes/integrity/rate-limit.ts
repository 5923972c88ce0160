/**
 * Limits on vote requests, per address and per signed-in account, counted in PostgreSQL (shared
 * by every app process). A voter's request is counted in the statement that casts the vote
 * (castVote's `limits`): no round trip and no commit of its own.
 */
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../../core/http/problems.js';
import { can } from '../../../core/permissions/index.js';
import type { VoteLimit } from '../commands/cast-vote.js';

/** Vote requests one address may send per minute (several voters may share it), times the configured scale. */
export const VOTES_PER_ADDRESS_PER_MINUTE = 60;
/** Vote requests one account may send per minute (a full ballot is 18), times the configured scale. */
export const VOTES_PER_ACCOUNT_PER_MINUTE = 30;
const WINDOW_SECONDS = 60;

/**
 * The vote limits of a request: its address, and its account when signed in (or when it carries an
 * API token the vote statement looks up: the account's id is added to the key there).
 */
export const voteLimits = (req: FastifyRequest, scale: number): VoteLimit[] => [
  { key: `prizes:vote:address:${req.ip}`, max: VOTES_PER_ADDRESS_PER_MINUTE * scale, windowSeconds: WINDOW_SECONDS },
  ...(req.actor
    ? [{ key: `prizes:vote:account:${req.actor.id}`, max: VOTES_PER_ACCOUNT_PER_MINUTE * scale, windowSeconds: WINDOW_SECONDS }]
    : req.bearerToken
      ? [{ key: 'prizes:vote:account:', perVoter: true, max: VOTES_PER_ACCOUNT_PER_MINUTE * scale, windowSeconds: WINDOW_SECONDS }]
      : []),
];

/** Answers 429 with Retry-After (the error handler renders it as a page or problem+json). */
export const refuseRateLimited = (reply: FastifyReply, resetAt: Date): never => {
  reply.header('retry-after', String(Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000))));
  throw new HttpError(429, 'core.errors.rate_limited_title', 'core.errors.rate_limited_detail');
};

/**
 * A preHandler for the vote routes (API and form), for requests that will not cast a vote
 * (anonymous, unverified): a voter's request, and an API token's, is counted by castVote, in the
 * vote's own statement.
 * 429 with Retry-After past either limit.
 */
export const voteRateLimits = (scale: number) => async (req: FastifyRequest, reply: FastifyReply) => {
  // A voter, or an API token the vote statement looks up and counts itself.
  if (can(req.actor, 'prizes.vote.cast') || req.bearerToken) return;
  const limits = voteLimits(req, scale);
  const db = req.server.platform.database.db;
  // Rows are always locked in the same order (address, then account): no deadlock between votes.
  const result = await db.execute<{ key: string; count: number; reset_at: string | Date }>(sql`
    insert into core_rate_limits as r (key, count, reset_at)
    values ${sql.join(
      limits.map((l) => sql`(${l.key}, 1, now() + make_interval(secs => ${l.windowSeconds}))`),
      sql`, `,
    )}
    on conflict (key) do update set
      count = case when r.reset_at <= now() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning key, count, reset_at`);
  const over = result.rows.find((row) => Number(row.count) > (limits.find((l) => l.key === row.key)?.max ?? Number.POSITIVE_INFINITY));
  if (over) refuseRateLimited(reply, new Date(over.reset_at));
};
