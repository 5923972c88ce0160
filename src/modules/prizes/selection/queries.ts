/**
 * Read side of the expert selection: experts and their categories, the shortlist they score,
 * conflicts, scores, the managers' ranking and the confirmed results (winners and champions).
 */
import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Edition } from '../phases.js';
import { countVotes } from '../queries.js';
import { conflicts, experts, nominations, results, scores } from '../tables.js';
import { shortlist } from '../tally.js';

/**
 * WARNING: access filter of every figure drawn from scores (ranking, averages, counts, the
 * results confirmed from the ranking). A score counts only while its expert has declared no
 * conflict of interest on that nominee: declaring one withdraws the score, and a score written
 * beside a declaration before the two were made exclusive stays in the table but is never counted.
 */
export const countedScores = () =>
  notExists(
    // Written as SQL: `conflicts` and `scores` share no alias here, and the correlation must name scores.
    sql`(select 1 from ${conflicts} where ${conflicts.nominationId} = ${scores.nominationId} and ${conflicts.userId} = ${scores.expertId})`,
  );

export type ShortlistedNominee = { nominationId: number; categoryNumber: number; entryId: number; valid: number };

/** The experts of an edition with their category and account (for the managers). */
export const findExperts = async (db: DbOrTx, editionId: number) =>
  db
    .select({ userId: experts.userId, categoryNumber: experts.categoryNumber, name: users.name, email: users.email })
    .from(experts)
    .innerJoin(users, eq(users.id, experts.userId))
    .where(eq(experts.editionId, editionId))
    .orderBy(asc(experts.categoryNumber), asc(users.name));

/** The categories an expert is assigned to in an edition. */
/** The ids of the editions where a user is an expert of at least one category. */
export const findExpertEditionIds = async (db: DbOrTx, userId: number): Promise<number[]> =>
  (await db.selectDistinct({ editionId: experts.editionId }).from(experts).where(eq(experts.userId, userId))).map((r) => Number(r.editionId));

export const findExpertCategories = async (db: DbOrTx, { editionId, userId }: { editionId: number; userId: number }): Promise<number[]> =>
  (
    await db
      .select({ categoryNumber: experts.categoryNumber })
      .from(experts)
      .where(and(eq(experts.editionId, editionId), eq(experts.userId, userId)))
      .orderBy(asc(experts.categoryNumber))
  ).map((r) => r.categoryNumber);

/**
 * The shortlist of every category (tally.ts: the five with the most valid votes, ties at the
 * fifth included), ordered by valid votes. Only meaningful once voting has closed.
 */
export const findShortlist = async (db: DbOrTx, edition: Edition): Promise<ShortlistedNominee[]> => {
  const tallies = await countVotes(db, edition);
  const chosen = [...new Set(tallies.map((t) => t.categoryNumber))].flatMap((c) => shortlist(tallies.filter((t) => t.categoryNumber === c)));
  if (chosen.length === 0) return [];
  const rows = await db
    .select({ id: nominations.id, entryId: nominations.entryId })
    .from(nominations)
    .where(
      inArray(
        nominations.id,
        chosen.map((t) => t.nominationId),
      ),
    );
  const entryOf = new Map(rows.map((r) => [r.id, r.entryId]));
  return chosen
    .flatMap((t) => {
      const entryId = entryOf.get(t.nominationId);
      return entryId === undefined ? [] : [{ nominationId: t.nominationId, categoryNumber: t.categoryNumber, entryId, valid: t.valid }];
    })
    .sort((a, b) => a.categoryNumber - b.categoryNumber || b.valid - a.valid || a.nominationId - b.nominationId);
};

/** An expert's conflicts and scores among some nominations. */
export const findExpertWork = async (db: DbOrTx, { userId, nominationIds }: { userId: number; nominationIds: number[] }) => {
  if (nominationIds.length === 0) return { conflicts: new Set<number>(), scores: new Map<number, typeof scores.$inferSelect>() };
  const [declared, scored] = await Promise.all([
    db
      .select({ nominationId: conflicts.nominationId })
      .from(conflicts)
      .where(and(eq(conflicts.userId, userId), inArray(conflicts.nominationId, nominationIds))),
    db
      .select()
      .from(scores)
      .where(and(eq(scores.expertId, userId), inArray(scores.nominationId, nominationIds), countedScores())),
  ]);
  return { conflicts: new Set(declared.map((c) => Number(c.nominationId))), scores: new Map(scored.map((s) => [Number(s.nominationId), s])) };
};

export type RankingRow = ShortlistedNominee & { average: number | null; scoreCount: number; conflictCount: number };

/**
 * Per shortlisted nominee: the average weighted score of the experts, the number of scores and of
 * declared conflicts; best first. Scores of an expert with a conflict on the nominee are left out.
 */
export const findRanking = async (db: DbOrTx, edition: Edition): Promise<RankingRow[]> => {
  const list = await findShortlist(db, edition);
  const ids = list.map((n) => n.nominationId);
  if (ids.length === 0) return [];
  const [scoreRows, conflictRows] = await Promise.all([
    db
      .select({ nominationId: scores.nominationId, average: sql<string>`avg(${scores.total})`, count: sql<number>`count(*)` })
      .from(scores)
      .where(and(inArray(scores.nominationId, ids), countedScores()))
      .groupBy(scores.nominationId),
    db.select({ nominationId: conflicts.nominationId, count: sql<number>`count(*)` }).from(conflicts).where(inArray(conflicts.nominationId, ids)).groupBy(conflicts.nominationId),
  ]);
  const scoreOf = new Map(scoreRows.map((r) => [Number(r.nominationId), r]));
  const conflictOf = new Map(conflictRows.map((r) => [Number(r.nominationId), Number(r.count)]));
  return list
    .map((n) => {
      const s = scoreOf.get(n.nominationId);
      return { ...n, average: s ? Math.round(Number(s.average) * 1000) / 1000 : null, scoreCount: s ? Number(s.count) : 0, conflictCount: conflictOf.get(n.nominationId) ?? 0 };
    })
    .sort((a, b) => a.categoryNumber - b.categoryNumber || (b.average ?? -1) - (a.average ?? -1) || b.valid - a.valid || a.nominationId - b.nominationId);
};

export type PrizeResult = { categoryNumber: number; nominationId: number; entryId: number; rank: 'winner' | 'champion'; confirmedAt: Date };

/** The confirmed winners and champions of an edition, by category, the winner first. */
export const findResults = async (db: DbOrTx, editionId: number): Promise<PrizeResult[]> =>
  (
    await db
      .select({ categoryNumber: results.categoryNumber, nominationId: results.nominationId, entryId: nominations.entryId, rank: results.rank, confirmedAt: results.confirmedAt })
      .from(results)
      .innerJoin(nominations, eq(nominations.id, results.nominationId))
      .where(eq(results.editionId, editionId))
      .orderBy(asc(results.categoryNumber), sql`${results.rank} = 'champion'`, asc(results.nominationId))
  ).map((r) => ({ ...r, nominationId: Number(r.nominationId), entryId: Number(r.entryId) }));

/** Whether the public may see the winners and champions at `now`: from the start of the announcement. */
export const resultsArePublic = (edition: Edition, now = new Date()) => now.getTime() >= edition.announcementStart.getTime();

/** How many expert scores an edition has (its criteria are frozen once there is one). */
export const countScores = async (db: DbOrTx, editionId: number): Promise<number> => {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(scores)
    .innerJoin(nominations, eq(nominations.id, scores.nominationId))
    .where(and(eq(nominations.editionId, editionId), countedScores()));
  return Number(row?.n ?? 0);
};

/** How many scores an expert gave to the nominees of one category of an edition. */
export const countExpertScores = async (db: DbOrTx, { editionId, category, userId }: { editionId: number; category: number; userId: number }): Promise<number> => {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(scores)
    .innerJoin(nominations, eq(nominations.id, scores.nominationId))
    .where(and(eq(nominations.editionId, editionId), eq(nominations.categoryNumber, category), eq(scores.expertId, userId), countedScores()));
  return Number(row?.n ?? 0);
};
