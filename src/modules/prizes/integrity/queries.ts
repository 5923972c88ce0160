/**
 * Vote integrity: the fraud signals prize managers review, and the public integrity report.
 * Signals are computed from the stored votes and accounts each time (nothing is cached), so an
 * invalidation shows at once; each signal lists the votes it concerns.
 */
import { createRequire } from 'node:module';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Edition } from '../phases.js';
import { countVotes, findCategories, validityTermsOf, validVoteCondition } from '../queries.js';
import { votes } from '../tables.js';

export const SIGNAL_KINDS = ['address_burst', 'network_burst', 'new_account_cluster', 'new_accounts', 'disposable_email'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The thresholds of the signals (shown on the managers' page). */
export const SIGNAL_RULES = {
  /** At least `votes` votes from one address within `seconds` (a full ballot is 18 votes). */
  addressBurst: { votes: 40, seconds: 60 },
  /** At least `votes` votes from one network (/24, /48) within `seconds`. */
  networkBurst: { votes: 100, seconds: 60 },
  /** Accounts created less than `days` days before voting opened (or after). */
  newAccountDays: 7,
  /** At least `votes` votes from new accounts of `voters` or more on one network within `seconds`. */
  cluster: { votes: 10, voters: 3, seconds: 10 },
} as const;

export type Signal = {
  /** Stable identifier of the signal within the edition: kind, then its address, network or domain. */
  id: string;
  kind: SignalKind;
  /** The address, network or e-mail domain (null for new accounts). */
  key: string | null;
  voteIds: number[];
  voters: number;
  /** Votes of the signal not invalidated yet. */
  pending: number;
  first: Date;
  last: Date;
};

type FlaggedRow = { id: number | string; key: string | null; cast_at: Date | string; voter_id: number | string; invalidated: boolean };

let disposable: Set<string> | undefined;

/** Whether an e-mail domain is a known disposable one (the disposable-email-domains list, loaded on first use). */
export const isDisposableDomain = (domain: string) => {
  disposable ??= new Set<string>((createRequire(import.meta.url)('disposable-email-domains') as string[]).map((d) => d.toLowerCase()));
  return disposable.has(domain.toLowerCase());
};

const seconds = (n: number) => sql.raw(`interval '${Math.trunc(n)} seconds'`);

/**
 * Votes of an edition that fall in a burst: a window of `windowSeconds` holding at least
 * `minVotes` votes with the same key (address or network). A vote is flagged when the next
 * window end at or after it that closes a burst lies within the window: exact and linear.
 */
const burstRows = async (
  db: DbOrTx,
  { editionId, column, minVotes, windowSeconds, newSince }: { editionId: number; column: 'ip' | 'network'; minVotes: number; windowSeconds: number; newSince?: Date },
): Promise<FlaggedRow[]> => {
  const key = sql.raw(`v.${column}`);
  const newOnly = newSince ? sql`and u.created_at >= ${newSince.toISOString()}::timestamptz` : sql``;
  const result = await db.execute<FlaggedRow>(sql`
    with v as (
      select v.id, ${key} as key, v.cast_at, v.voter_id, v.invalidated_at is not null as invalidated
      from prizes_votes v join auth_users u on u.id = v.voter_id
      where v.edition_id = ${editionId} and ${key} is not null ${newOnly}
    ),
    w as (
      select *, count(*) over (partition by key order by cast_at range between ${seconds(windowSeconds)} preceding and current row) as n
      from v
    ),
    e as (
      select *, min(case when n >= ${minVotes} then cast_at end) over (partition by key order by cast_at, id rows between current row and unbounded following) as burst_end
      from w
    )
    select id, key, cast_at, voter_id, invalidated from e
    where burst_end is not null and burst_end - cast_at <= ${seconds(windowSeconds)}
    order by key, cast_at, id`);
  return result.rows;
};

const group = (kind: SignalKind, rows: FlaggedRow[], minVoters = 1): Signal[] => {
  const byKey = new Map<string | null, FlaggedRow[]>();
  for (const row of rows) {
    const list = byKey.get(row.key);
    if (list) list.push(row);
    else byKey.set(row.key, [row]);
  }
  const signals: Signal[] = [];
  for (const [key, list] of byKey) {
    const voters = new Set(list.map((r) => Number(r.voter_id))).size;
    if (voters < minVoters) continue;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const r of list) {
      const t = new Date(r.cast_at).getTime();
      if (t < first) first = t;
      if (t > last) last = t;
    }
    signals.push({
      id: `${kind}:${key ?? ''}`,
      kind,
      key,
      voteIds: list.map((r) => Number(r.id)).sort((a, b) => a - b),
      voters,
      pending: list.filter((r) => !r.invalidated).length,
      first: new Date(first),
      last: new Date(last),
    });
  }
  return signals.sort((a, b) => b.voteIds.length - a.voteIds.length || (a.key ?? '').localeCompare(b.key ?? ''));
};

/** The start of "new" accounts for an edition: `newAccountDays` days before voting opened. */
export const newAccountsSince = (edition: Edition) => new Date(edition.votingStart.getTime() - SIGNAL_RULES.newAccountDays * 86_400_000);

/** Every fraud signal of an edition, by kind, the largest first. */
export const findSignals = async (db: DbOrTx, edition: Edition): Promise<Signal[]> => {
  const since = newAccountsSince(edition);
  const [address, network, cluster, fresh, domains] = await Promise.all([
    burstRows(db, { editionId: edition.id, column: 'ip', minVotes: SIGNAL_RULES.addressBurst.votes, windowSeconds: SIGNAL_RULES.addressBurst.seconds }),
    burstRows(db, { editionId: edition.id, column: 'network', minVotes: SIGNAL_RULES.networkBurst.votes, windowSeconds: SIGNAL_RULES.networkBurst.seconds }),
    burstRows(db, { editionId: edition.id, column: 'network', minVotes: SIGNAL_RULES.cluster.votes, windowSeconds: SIGNAL_RULES.cluster.seconds, newSince: since }),
    db.execute<FlaggedRow>(sql`
      select v.id, null as key, v.cast_at, v.voter_id, v.invalidated_at is not null as invalidated
      from prizes_votes v join auth_users u on u.id = v.voter_id
      where v.edition_id = ${edition.id} and u.created_at >= ${since.toISOString()}::timestamptz
      order by v.cast_at, v.id`),
    db.execute<{ domain: string; voters: number }>(sql`
      select lower(split_part(u.email, '@', 2)) as domain, count(distinct u.id) as voters
      from prizes_votes v join auth_users u on u.id = v.voter_id
      where v.edition_id = ${edition.id}
      group by 1`),
  ]);
  const disposableOnes = domains.rows.map((d) => d.domain).filter(isDisposableDomain);
  const disposableRows = disposableOnes.length
    ? (
        await db.execute<FlaggedRow>(sql`
          select v.id, lower(split_part(u.email, '@', 2)) as key, v.cast_at, v.voter_id, v.invalidated_at is not null as invalidated
          from prizes_votes v join auth_users u on u.id = v.voter_id
          where v.edition_id = ${edition.id} and lower(split_part(u.email, '@', 2)) in (${sql.join(
            disposableOnes.map((d) => sql`${d}`),
            sql`, `,
          )})
          order by v.cast_at, v.id`)
      ).rows
    : [];
  return [
    ...group('address_burst', address),
    ...group('network_burst', network),
    ...group('new_account_cluster', cluster, SIGNAL_RULES.cluster.voters),
    ...group('new_accounts', fresh.rows),
    ...group('disposable_email', disposableRows),
  ];
};

export type VoteDetail = {
  id: number;
  categoryNumber: number;
  castAt: Date;
  ip: string | null;
  network: string | null;
  accountCreatedAt: Date;
  invalidReason: string | null;
  /** Valid under the edition's published rule (validVoteCondition: what the results count). */
  valid: boolean;
};

/** Details of some votes of an edition, for the managers (no voter names or addresses of e-mail). */
export const findVoteDetails = async (db: DbOrTx, { edition, ids }: { edition: Edition; ids: number[] }): Promise<VoteDetail[]> => {
  if (ids.length === 0) return [];
  const editionId = edition.id;
  const valid = validVoteCondition(await validityTermsOf(db, edition));
  return db
    .select({
      id: votes.id,
      categoryNumber: votes.categoryNumber,
      castAt: votes.castAt,
      ip: votes.ip,
      network: votes.network,
      accountCreatedAt: users.createdAt,
      invalidReason: votes.invalidReason,
      valid: sql<boolean>`${valid}`,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.voterId))
    .where(and(eq(votes.editionId, editionId), inArray(votes.id, ids)))
    .orderBy(votes.castAt, votes.id);
};

export type IntegrityCategory = {
  category: number;
  cast: number;
  valid: number;
  invalidated: number;
  /** Votes neither invalidated nor valid: they do not meet the published rule of a valid vote. */
  notMeetingRule: number;
  reasons: { reason: string; votes: number }[];
};

/** The integrity report: per category, votes cast, valid, invalidated by reason, and not meeting the rule. */
export const integrityReport = async (db: DbOrTx, edition: Edition): Promise<IntegrityCategory[]> => {
  const [cats, tallies, invalid] = await Promise.all([
    findCategories(db, edition.id),
    countVotes(db, edition),
    db
      .select({ category: votes.categoryNumber, reason: votes.invalidReason, votes: count() })
      .from(votes)
      .where(and(eq(votes.editionId, edition.id), sql`${votes.invalidatedAt} is not null`))
      .groupBy(votes.categoryNumber, votes.invalidReason),
  ]);
  return cats.map((c) => {
    const inCategory = tallies.filter((t) => t.categoryNumber === c.number);
    const cast = inCategory.reduce((s, t) => s + t.cast, 0);
    const valid = inCategory.reduce((s, t) => s + t.valid, 0);
    const reasons = invalid
      .filter((r) => r.category === c.number)
      .map((r) => ({ reason: r.reason ?? '', votes: Number(r.votes) }))
      .sort((a, b) => b.votes - a.votes || a.reason.localeCompare(b.reason));
    const invalidated = reasons.reduce((s, r) => s + r.votes, 0);
    return { category: c.number, cast, valid, invalidated, notMeetingRule: cast - valid - invalidated, reasons };
  });
};
