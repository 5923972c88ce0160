import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { momentOf } from '../phases.js';
import { editions, nominations } from '../tables.js';

export type CastVoteResult =
  | { ok: true; id: number; categoryNumber: number }
  | { ok: false; error: 'edition_not_found' | 'not_voting_phase' | 'nominee_not_found' | 'already_voted' };

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
  { actor, year, nominationId, ip, now = new Date() }: { actor: Actor; year: number; nominationId: number; ip?: string; now?: Date },
): Promise<CastVoteResult> => {
  const at = now.toISOString();
  const inserted = await db.execute<{ id: number | string; category_number: number }>(sql`
    insert into prizes_votes (edition_id, category_number, nomination_id, voter_id, ip, network)
    select n.edition_id, n.category_number, n.id, ${actor.id}, ${ip ?? null}, ${networkOf(ip)}
    from prizes_nominations n join prizes_editions e on e.id = n.edition_id
    where e.year = ${year} and n.id = ${nominationId} and n.state = 'accepted'
      and e.voting_start <= ${at}::timestamptz and e.voting_end > ${at}::timestamptz
    on conflict (edition_id, category_number, voter_id) do nothing
    returning id, category_number`);
  const row = inserted.rows[0];
  if (row) return { ok: true, id: Number(row.id), categoryNumber: Number(row.category_number) };
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
