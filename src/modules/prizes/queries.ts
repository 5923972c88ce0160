/**
 * Read side of the WSIS Prizes: editions, categories, nominations, nominees, votes, tallies.
 * Public routes decide what the public sees (nomineesArePublic, countsArePublic in phases.ts).
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { users } from '../../core/auth/tables.js';
import type { DbOrTx } from '../../core/db/client.js';
import { preparedPerHandle } from '../../core/db/prepared.js';
import { notFound } from '../../core/http/problems.js';
import { type Edition, type EditionMoment, momentOf } from './phases.js';
import { categories, editions, nominations, results, type ValidVoteRule, votes } from './tables.js';

export type { Edition } from './phases.js';
export type Category = typeof categories.$inferSelect;
export type Nomination = typeof nominations.$inferSelect;

/** Editions, newest first. */
export const findEditions = async (db: DbOrTx): Promise<Edition[]> => db.select().from(editions).orderBy(desc(editions.year));

/** One edition by year; throws NotFound. */
export const getEditionByYear = async (db: DbOrTx, year: number): Promise<Edition> => {
  const [edition] = await db.select().from(editions).where(eq(editions.year, year));
  if (!edition) throw notFound();
  return edition;
};

/** One edition by year, or null. */
export const findEditionByYear = async (db: DbOrTx, year: number): Promise<Edition | null> => {
  const [edition] = await db.select().from(editions).where(eq(editions.year, year));
  return edition ?? null;
};

/** Moments of an edition from the most active to the least: the public vote first. */
export const ACTIVITY_ORDER: readonly EditionMoment[] = ['voting', 'submission', 'validation', 'selection', 'announcement', 'between', 'upcoming', 'closed'];

/**
 * The edition in the most active moment (by `order`, the public's by default), the newest of
 * those in the same moment; null when `all` is empty.
 */
export const mostActiveEdition = (all: Edition[], { now = new Date(), order = ACTIVITY_ORDER }: { now?: Date; order?: readonly EditionMoment[] } = {}): Edition | null => {
  const rank = (e: Edition) => {
    const i = order.indexOf(momentOf(e, now));
    return i === -1 ? order.length : i;
  };
  return [...all].sort((a, b) => rank(a) - rank(b) || b.year - a.year)[0] ?? null;
};

/** The edition people care about now: the one in its most active phase (mostActiveEdition). */
export const findCurrentEdition = async (db: DbOrTx, now = new Date()): Promise<Edition | null> => mostActiveEdition(await findEditions(db), { now });

export const findCategories = async (db: DbOrTx, editionId: number): Promise<Category[]> =>
  db.select().from(categories).where(eq(categories.editionId, editionId)).orderBy(asc(categories.number));

/** One nomination; throws NotFound. */
export const getNomination = async (db: DbOrTx, id: number): Promise<Nomination> => {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id));
  if (!row) throw notFound();
  return row;
};

/** Nominations of an edition for the managers, oldest first, optionally of one state. */
export const findNominations = async (db: DbOrTx, { editionId, state }: { editionId: number; state?: Nomination['state'] }) =>
  db
    .select()
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), state ? eq(nominations.state, state) : undefined))
    .orderBy(asc(nominations.createdAt), asc(nominations.id));

/** The nominations of a user (theirs or their organizations' entries), newest first. */
export const findNominationsOfSubmitter = async (db: DbOrTx, userId: number) =>
  db.select().from(nominations).where(eq(nominations.submitterId, userId)).orderBy(desc(nominations.createdAt));

/**
 * The nominees (accepted nominations) of an edition, per category, in a random order that is
 * stable for one voter (a hash of the voter's seed and the nomination id).
 */
export const findNominees = async (db: DbOrTx, { editionId, seed }: { editionId: number; seed: string }) =>
  db
    .select({ id: nominations.id, categoryNumber: nominations.categoryNumber, entryId: nominations.entryId, organizationId: nominations.organizationId })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), eq(nominations.state, 'accepted')))
    .orderBy(asc(nominations.categoryNumber), sql`md5(${seed} || ':' || ${nominations.id}::text)`);

/** The categories a voter has voted in, with the nomination chosen. */
export const findMyVotes = async (db: DbOrTx, { editionId, voterId }: { editionId: number; voterId: number }) =>
  db
    .select({ categoryNumber: votes.categoryNumber, nominationId: votes.nominationId, castAt: votes.castAt, invalidated: sql<boolean>`${votes.invalidatedAt} is not null` })
    .from(votes)
    .where(and(eq(votes.editionId, editionId), eq(votes.voterId, voterId)))
    .orderBy(asc(votes.categoryNumber));

export type Tally = { nominationId: number; categoryNumber: number; valid: number; cast: number };

/** What decides whether a stored vote is valid: the edition's published rule and its voting start. */
export type ValidityTerms = { editionId: number; votingStart: Date; validVote: ValidVoteRule; categoryCount: number };

/**
 * The one definition of a valid vote (counted in the results), as SQL over `prizes_votes` joined to
 * `auth_users`: not invalidated; when the rule says so, the account existed before voting opened
 * and the voter voted in every category.
 */
export const validVoteCondition = ({ editionId, votingStart, validVote, categoryCount }: ValidityTerms) => {
  const accountRule = validVote.accountCreatedBeforeVoting ? sql`${users.createdAt} < ${votingStart.toISOString()}::timestamptz` : sql`true`;
  const allRule = validVote.allCategoriesRequired
    ? sql`(select count(*) from ${votes} v2 where v2.edition_id = ${editionId} and v2.voter_id = ${votes.voterId}) >= ${categoryCount}`
    : sql`true`;
  return sql`(${votes.invalidatedAt} is null and ${accountRule} and ${allRule})`;
};

/** The validity terms of an edition as stored. */
export const validityTermsOf = async (db: DbOrTx, edition: Edition): Promise<ValidityTerms> => ({
  editionId: edition.id,
  votingStart: edition.votingStart,
  validVote: edition.validVote,
  categoryCount: (await findCategories(db, edition.id)).length,
});

/**
 * Votes per nominee: cast, and valid under the edition's published rule (validVoteCondition).
 */
export const countVotes = async (db: DbOrTx, edition: Edition): Promise<Tally[]> => {
  const valid = validVoteCondition(await validityTermsOf(db, edition));
  const rows = await db
    .select({
      nominationId: votes.nominationId,
      categoryNumber: votes.categoryNumber,
      cast: count(),
      valid: sql<number>`count(*) filter (where ${valid})`,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.voterId))
    .where(eq(votes.editionId, edition.id))
    .groupBy(votes.nominationId, votes.categoryNumber);
  return rows.map((r) => ({ nominationId: Number(r.nominationId), categoryNumber: r.categoryNumber, valid: Number(r.valid), cast: Number(r.cast) }));
};

/** How many votes an edition holds, and how many would change from valid to not valid or back under other terms. */
export const countVoteStatusChanges = async (db: DbOrTx, { before, after }: { before: ValidityTerms; after: ValidityTerms }) => {
  const [row] = await db
    .select({ total: count(), changed: sql<number>`count(*) filter (where ${validVoteCondition(before)} <> ${validVoteCondition(after)})` })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.voterId))
    .where(eq(votes.editionId, before.editionId));
  return { total: Number(row?.total ?? 0), changed: Number(row?.changed ?? 0) };
};

/** When an account was created (null for an unknown account). */
export const findAccountCreatedAt = async (db: DbOrTx, userId: number): Promise<Date | null> => {
  const [row] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return row?.createdAt ?? null;
};

/** Whether an account's votes can be valid in an edition (the account rule; the every-category rule depends on the voter). */
export const accountMayCount = (edition: Edition, accountCreatedAt: Date | null) =>
  !edition.validVote.accountCreatedBeforeVoting || (accountCreatedAt !== null && accountCreatedAt.getTime() < edition.votingStart.getTime());

/** Entries that won an edition before `year` (excluded when the edition says so). */
export const findPastWinnerEntries = async (db: DbOrTx, { year, entryIds }: { year: number; entryIds: number[] }) => {
  if (entryIds.length === 0) return [];
  const rows = await db
    .select({ entryId: nominations.entryId })
    .from(results)
    .innerJoin(nominations, eq(nominations.id, results.nominationId))
    .innerJoin(editions, eq(editions.id, results.editionId))
    .where(and(eq(results.rank, 'winner'), inArray(nominations.entryId, entryIds), sql`${editions.year} < ${year}`));
  return rows.map((r) => r.entryId);
};

/** Winner and champion badges of stocktaking entries (for the entry pages), once their edition's announcement has started. */
export const findBadges = async (db: DbOrTx, entryIds: number[]) => (entryIds.length === 0 ? [] : badgesOf(db).execute({ ids: entryIds }));

/** On every search page (the entries' badges): prepared once per handle, the ids one array parameter. */
const badgesOf = preparedPerHandle('prizes_badges_by_entry', (db, name) =>
  db
    .select({ entryId: nominations.entryId, kind: results.rank, year: editions.year, category: results.categoryNumber })
    .from(results)
    .innerJoin(nominations, eq(nominations.id, results.nominationId))
    .innerJoin(editions, eq(editions.id, results.editionId))
    .where(and(sql`${nominations.entryId} = any(${sql.placeholder('ids')}::bigint[])`, sql`${editions.announcementStart} <= now()`))
    .orderBy(desc(editions.year), asc(results.categoryNumber))
    .prepare(name),
);

/** Editions with a phase in [from, to): the first starts before `to` and the last ends after `from` (public dates). */
export const findEditionsOverlapping = async (db: DbOrTx, { from, to }: { from: Date; to: Date }): Promise<Edition[]> =>
  db
    .select()
    .from(editions)
    .where(and(lt(editions.submissionStart, to), gt(editions.announcementEnd, from)))
    .orderBy(asc(editions.year));

/** Nominations still counted for a rule (submitted or accepted). */
export const activeNominations = () => inArray(nominations.state, ['submitted', 'accepted']);
export const notInvalidated = () => isNull(votes.invalidatedAt);
