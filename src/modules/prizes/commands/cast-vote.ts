import type { Database } from '../../../core/db/client.js';
import { hashSecret } from '../../../core/auth/tokens.js';
import { grouped } from '../../../core/db/grouped.js';
import { isDatabaseUnavailable } from '../../../core/db/unavailable.js';
import type { Actor } from '../../../core/permissions/index.js';

export type CastVoteError = 'edition_not_found' | 'not_voting_phase' | 'nominee_not_found' | 'already_voted';

export type CastVoteResult =
  | { ok: true; id: number; categoryNumber: number }
  | { ok: false; error: CastVoteError }
  | { ok: false; error: 'rate_limited'; resetAt: Date }
  /** A vote by API token: no active token of that value (nothing counted, nothing stored). */
  | { ok: false; error: 'invalid_token' }
  /** A vote by API token whose account may not vote ('prizes.vote.cast'); `signedIn` as isSignedIn says. */
  | { ok: false; error: 'not_allowed'; signedIn: boolean };

/**
 * A rate-limit counter the vote counts in its own statement (a fixed window, as core_rate_limits
 * keeps them). With `perVoter`, the key is a prefix completed with the voter's id (a vote by token,
 * whose voter is found by the statement).
 */
export type VoteLimit = { key: string; max: number; windowSeconds: number; perVoter?: boolean };

export type VoteRequest = (
  | { actor: Actor; token?: undefined }
  /**
   * A personal API token not looked up yet: the statement finds its account, counts, and stores the
   * vote only for an active account with a verified address, the rule of 'prizes.vote.cast'
   * (isVerified), as the token lookup of the request would have (core/auth/sessions.ts).
   */
  | { token: string; actor?: undefined }
) & {
  year: number;
  nominationId: number;
  ip?: string;
  now?: Date;
  /** Counted in the same statement; past any of them nothing is inserted ('rate_limited'). */
  limits?: VoteLimit[];
};

/** The network of an address, for fraud signals: /24 for IPv4, /48 for IPv6. */
export const networkOf = (ip: string | undefined): string | null => {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return null;
};

/**
 * One statement for a batch of votes ($1: the votes, $2: their limits, both JSON arrays), in one
 * commit. In order:
 * - the voters: the actor's id, or for a vote by API token the account of the token's SHA-256
 *   (not revoked), with the rule of 'prizes.vote.cast' (isVerified: an active account with a
 *   verified address) — an unknown token counts nothing, an account that may not vote is counted
 *   and stores nothing; the token's last use is touched (skipping a row another batch holds);
 * - the rate-limit counters: each key once with the number of hits it gets from this batch,
 *   locked in key order (every batch the same order: no deadlock); each hit then knows its own
 *   position in the window (count before the batch + its rank in the batch), so a vote past a
 *   maximum is refused exactly as if the votes had come one by one;
 * - the candidates: votes within their limits, for an accepted nominee of the edition of that
 *   year, during its voting phase (checked at each vote's own instant);
 * - the votes, inserted in (edition, category, voter) order (no deadlock between batches) with
 *   ON CONFLICT DO NOTHING on the unique index: a second vote in a category, whether already
 *   stored, in another batch or in this one, inserts nothing;
 * - the voter's receipt: a notification of the event `voteRecorded` (../notifications.ts), what core
 *   notify() writes, written here so that it commits with the vote in the same statement;
 * - each vote's outcome, and for a vote not stored, why (the same checks, read again).
 */
const CAST_VOTES = `
with req as (
  select * from json_to_recordset($1::json) as r(ord int, voter bigint, token_hash text, year int, nomination bigint, ip text, network text, at timestamptz)
),
who as (
  select r.ord, coalesce(r.voter, u.id) as voter,
    r.voter is not null or u.id is not null as known,
    r.voter is not null or (u.status = 'active' and u.email_verified_at is not null) as may_vote,
    coalesce(u.status = 'active', true) as active
  from req r
  -- One lookup of the unique index per vote (limit 1: the subquery is not flattened into a join).
  -- As a join, the planner, told a hundred votes by json_to_recordset, hashed them and read the
  -- whole token table for each batch below some 50,000 tokens (20,000: 53 ms a batch).
  left join lateral (
    select t.user_id from auth_api_tokens t where r.voter is null and t.token_hash = r.token_hash and t.revoked_at is null limit 1
  ) t on true
  left join auth_users u on u.id = t.user_id
),
touched as (
  update auth_api_tokens set last_used_at = now()
  where id in (
    select t.id from req r join auth_api_tokens t on t.token_hash = r.token_hash
    where r.voter is null and t.revoked_at is null and (t.last_used_at is null or t.last_used_at < now() - interval '5 minutes')
    for update of t skip locked
  )
),
lim as (
  select l.ord, case when l.per_voter then l.key || w.voter::text else l.key end as key, l.max, l.secs
  from json_to_recordset($2::json) as l(ord int, key text, max int, secs int, per_voter boolean)
  join who w on w.ord = l.ord and w.known
),
hits as (
  select key, count(*)::int as n, max(secs) as secs from lim group by key
),
counters as (
  insert into core_rate_limits as c (key, count, reset_at)
  select key, n, now() + make_interval(secs => secs) from hits order by key
  on conflict (key) do update set
    count = case when c.reset_at <= now() then excluded.count else c.count + excluded.count end,
    reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
  returning key, count, reset_at
),
refused as (
  select ord, max(reset_at) as reset_at
  from (
    select l.ord, l.max, c.reset_at, c.count - h.n + row_number() over (partition by l.key order by l.ord) as position
    from lim l join hits h on h.key = l.key join counters c on c.key = l.key
  ) p
  where position > max
  group by ord
),
candidate as (
  select r.ord, n.edition_id, n.category_number, n.id as nomination_id, w.voter, r.ip, r.network
  from req r
  join who w on w.ord = r.ord and w.may_vote
  join prizes_nominations n on n.id = r.nomination and n.state = 'accepted'
  join prizes_editions e on e.id = n.edition_id and e.year = r.year and e.voting_start <= r.at and e.voting_end > r.at
  where not exists (select 1 from refused f where f.ord = r.ord)
),
vote as (
  insert into prizes_votes (edition_id, category_number, nomination_id, voter_id, ip, network)
  select edition_id, category_number, nomination_id, voter, ip, network from candidate
  order by edition_id, category_number, voter, ord
  on conflict (edition_id, category_number, voter_id) do nothing
  returning id, edition_id, category_number, nomination_id, voter_id
),
receipt as (
  insert into core_notifications (recipient_id, kind, params, link, email)
  select v.voter_id, 'prizes.vote_recorded', jsonb_build_object('year', e.year::text, 'category', v.category_number), '/prizes/' || e.year || '/vote', u.notification_email
  from vote v
  join prizes_editions e on e.id = v.edition_id
  join auth_users u on u.id = v.voter_id
),
won as (
  select distinct on (v.id) v.id, v.category_number, c.ord
  from vote v
  join candidate c on c.edition_id = v.edition_id and c.category_number = v.category_number and c.voter = v.voter_id and c.nomination_id = v.nomination_id
  order by v.id, c.ord
)
select r.ord, v.known, v.may_vote, v.active, f.ord is not null as refused, f.reset_at, w.id, w.category_number,
  case
    when e.id is null then 'edition_not_found'
    when not (e.voting_start <= r.at and e.voting_end > r.at) then 'not_voting_phase'
    when not exists (select 1 from prizes_nominations n where n.id = r.nomination and n.edition_id = e.id and n.state = 'accepted') then 'nominee_not_found'
    else 'already_voted'
  end as reason
from req r
join who v on v.ord = r.ord
left join refused f on f.ord = r.ord
left join won w on w.ord = r.ord
left join prizes_editions e on e.year = r.year
order by r.ord`;

type OutcomeRow = {
  ord: number;
  known: boolean;
  may_vote: boolean;
  active: boolean;
  refused: boolean;
  reset_at: string | Date | null;
  id: number | string | null;
  category_number: number | null;
  reason: CastVoteError;
};

const outcomeOf = (row: OutcomeRow | undefined): CastVoteResult => {
  if (!row) throw new Error('castVotes: a vote without an outcome');
  if (!row.known) return { ok: false, error: 'invalid_token' };
  if (row.refused) return { ok: false, error: 'rate_limited', resetAt: new Date(row.reset_at ?? Date.now() + 60_000) };
  if (!row.may_vote) return { ok: false, error: 'not_allowed', signedIn: row.active };
  if (row.id !== null) return { ok: true, id: Number(row.id), categoryNumber: Number(row.category_number) };
  return { ok: false, error: row.reason };
};

const runBatch = async (database: Database, votes: VoteRequest[]): Promise<CastVoteResult[]> => {
  const at = new Date().toISOString();
  const req = votes.map((v, ord) => ({
    ord,
    voter: v.actor ? v.actor.id : null,
    token_hash: v.actor ? null : v.token.length <= 200 ? hashSecret(v.token) : null,
    year: v.year,
    nomination: v.nominationId,
    ip: v.ip ?? null,
    network: networkOf(v.ip),
    at: v.now ? v.now.toISOString() : at,
  }));
  const lim = votes.flatMap((v, ord) => (v.limits ?? []).map((l) => ({ ord, key: l.key, max: l.max, secs: l.windowSeconds, per_voter: l.perVoter === true })));
  const values = [JSON.stringify(req), JSON.stringify(lim)];
  // A named statement on PostgreSQL: parsed and planned once per connection.
  const { rows } = await database.pool.query<OutcomeRow>(database.kind === 'postgresql' ? { name: 'prizes_cast_votes', text: CAST_VOTES, values } : { text: CAST_VOTES, values });
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
  return votes.map((_, ord) => outcomeOf(byOrd.get(ord)));
};

/**
 * Casts public votes (each assumes 'prizes.vote.cast') in one statement and one commit: during
 * the voting phase, for an accepted nominee of the edition. The unique index (edition, category,
 * voter) makes a second vote in a category insert nothing, whatever the concurrency or retries,
 * so a vote answered 2xx is stored exactly once; each outcome is known only after the commit.
 * When the statement fails as a whole (a voter deleted meanwhile), each vote is tried again alone,
 * so one bad vote fails only itself: one settled outcome per vote, in order. When the database
 * cannot answer (a lost connection, a restart), every vote of the batch gets that error at once.
 */
export const castVotes = async (database: Database, votes: VoteRequest[]): Promise<PromiseSettledResult<CastVoteResult>[]> => {
  if (votes.length === 0) return [];
  try {
    const results = await runBatch(database, votes);
    return results.map((value) => ({ status: 'fulfilled', value }));
  } catch (error) {
    // One vote, or a database that cannot answer (a restart, a lost connection): trying each vote
    // alone would fail the same way; every vote of the batch gets the error (answered 503).
    if (votes.length === 1 || isDatabaseUnavailable(error)) return votes.map(() => ({ status: 'rejected', reason: error }));
    return Promise.allSettled(votes.map(async (v) => (await runBatch(database, [v]))[0] as CastVoteResult));
  }
};

const queues = new WeakMap<Database, (vote: VoteRequest) => Promise<PromiseSettledResult<CastVoteResult>>>();

/**
 * Casts one public vote (assumes 'prizes.vote.cast') through the database's group commit (core/db/
 * grouped.ts): votes that arrive while the batch before is being committed leave together in the
 * next statement; this vote is committed, with the others of its batch, before this returns.
 * One statement at a time: with ten voters, a second one in flight split the votes into smaller
 * batches, and each vote cost the database a third more (docs/benchmarks.md, 2026-12-07).
 */
export const castVote = async (database: Database, vote: VoteRequest): Promise<CastVoteResult> => {
  let queue = queues.get(database);
  if (!queue) {
    queue = grouped((votes: VoteRequest[]) => castVotes(database, votes), { maxBatch: 200, maxInFlight: 1 });
    queues.set(database, queue);
  }
  const outcome = await queue(vote);
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
};
