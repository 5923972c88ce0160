import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { momentOf } from '../phases.js';
import { editions, nominations } from '../tables.js';

export type CastVoteResult =
  | { ok: true; id: number; categoryNumber: number }
  | { ok: false; error: 'edition_not_found' | 'not_voting_phase' | 'nominee_not_found' | 'already_voted' }
  | { ok: false; error: 'rate_limited'; resetAt: Date };

/** A rate-limit counter the vote counts in its own statement (a fixed window, as core_rate_limits keeps them). */
export type VoteLimit = { key: string; max: number; windowSeconds: number };

/** The network of an address, for fraud signals: /24 for IPv4, /48 for IPv6. */
export const networkOf = (ip: string | undefined): string | null => {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return null;
};

/**
 * Casts a public vote (assumes 'prizes.vote.cast'): during the voting phase, for an accepted
 * nominee of this edition. One statement (the edition, phase and nominee checks are in its
 * SELECT), committed before it returns: the unique index (edition, category, voter) makes a
 * second vote in a category insert nothing, whatever the concurrency or retries, so a vote that
 * was answered 2xx is stored exactly once. Only a refused vote costs more queries (to say why).
 */
export const castVote = async (
  db: DbOrTx,
  {
    actor,
    year,
    nominationId,
    ip,
    now = new Date(),
    limits = [],
  }: {
    actor: Actor;
    year: number;
    nominationId: number;
    ip?: string;
    now?: Date;
    /** Counted in the same statement; past any of them nothing is inserted ('rate_limited'). */
    limits?: VoteLimit[];
  },
): Promise<CastVoteResult> => {
  const at = now.toISOString();
  // The counters first (locked in the order given, the same for every vote: no deadlock), then
  // the vote, inserted only when no counter is past its maximum; one statement, one commit.
  const counters = limits.length
    ? sql`insert into core_rate_limits as r (key, count, reset_at)
        values ${sql.join(
          limits.map((l) => sql`(${l.key}, 1, now() + make_interval(secs => ${l.windowSeconds}))`),
          sql`, `,
        )}
        on conflict (key) do update set
          count = case when r.reset_at <= now() then 1 else r.count + 1 end,
          reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
        returning key, count, reset_at`
    : sql`select null::text as key, 0 as count, null::timestamptz as reset_at where false`;
  const over = limits.length
    ? sql.join(
        limits.map((l) => sql`(key = ${l.key} and count > ${l.max})`),
        sql` or `,
      )
    : sql`false`;
  const inserted = await db.execute<{ allowed: boolean; reset_at: string | Date | null; id: number | string | null; category_number: number | null }>(sql`
    with counters as (${counters}),
    allowed as (select not exists (select 1 from counters where ${over}) as ok),
    vote as (
      insert into prizes_votes (edition_id, category_number, nomination_id, voter_id, ip, network)
      select n.edition_id, n.category_number, n.id, ${actor.id}, ${ip ?? null}, ${networkOf(ip)}
      from prizes_nominations n join prizes_editions e on e.id = n.edition_id
      where (select ok from allowed) and e.year = ${year} and n.id = ${nominationId} and n.state = 'accepted'
        and e.voting_start <= ${at}::timestamptz and e.voting_end > ${at}::timestamptz
      on conflict (edition_id, category_number, voter_id) do nothing
      returning id, category_number
    )
    select (select ok from allowed) as allowed, (select max(reset_at) from counters) as reset_at,
      (select id from vote) as id, (select category_number from vote) as category_number`);
  const row = inserted.rows[0];
  if (row && !row.allowed) return { ok: false, error: 'rate_limited', resetAt: new Date(row.reset_at ?? Date.now() + 60_000) };
  if (row?.id !== null && row?.id !== undefined) return { ok: true, id: Number(row.id), categoryNumber: Number(row.category_number) };
  const [edition] = await db.select().from(editions).where(eq(editions.year, year));
  if (!edition) return { ok: false, error: 'edition_not_found' };
  if (momentOf(edition, now) !== 'voting') return { ok: false, error: 'not_voting_phase' };
  const [nominee] = await db
    .select({ categoryNumber: nominations.categoryNumber })
    .from(nominations)
    .where(and(eq(nominations.id, nominationId), eq(nominations.editionId, edition.id), eq(nominations.state, 'accepted')));
  if (!nominee) return { ok: false, error: 'nominee_not_found' };
  return { ok: false, error: 'already_voted' };
};
