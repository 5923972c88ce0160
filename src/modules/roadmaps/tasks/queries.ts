/**
 * Reads of tasks: the filtered list (pages, API, exports), one task with its updates and evidence,
 * a roadmap's tasks for the timeline, and who may edit (serving focal points). "Late" and "stale"
 * are conditions on the deadline and `last_update_at` of open tasks, each served by its partial
 * index (tables.ts), so the late-and-stale list reads no progress update.
 */
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { findServingLines } from '../queries.js';
import { focalPoints, planOutputs, roadmaps, taskEvidence, tasks, taskUpdates } from '../tables.js';
import type { TaskFilters } from './inputs.js';
import { DAY_MS, dayOf, STALE_DAYS } from './rules.js';

export const PAGE_SIZE = 50;

/** The action lines a person serves on as a focal point today: the module's `findServingLines` (roadmaps/queries.ts). */
export const servingLinesOf = (db: DbOrTx, userId: number): Promise<string[]> => findServingLines(db, userId);

/** The people serving as focal points of a line today. */
export const focalPointsOf = async (db: DbOrTx, actionLine: string): Promise<number[]> =>
  (
    await db
      .select({ userId: focalPoints.userId })
      .from(focalPoints)
      .where(and(eq(focalPoints.actionLine, actionLine), isNull(focalPoints.endedOn)))
  ).map((r) => r.userId);

export const findRoadmapByLine = async (db: DbOrTx, actionLine: string) => (await db.select().from(roadmaps).where(eq(roadmaps.actionLine, actionLine)))[0] ?? null;
export const findRoadmaps = async (db: DbOrTx) => db.select().from(roadmaps).orderBy(asc(roadmaps.actionLine));
export const findPlanOutputs = async (db: DbOrTx) => db.select().from(planOutputs).orderBy(asc(planOutputs.code));

const taskColumns = {
  id: tasks.id,
  roadmapId: tasks.roadmapId,
  actionLine: roadmaps.actionLine,
  title: tasks.title,
  description: tasks.description,
  ownerBureau: tasks.ownerBureau,
  ownerUserId: tasks.ownerUserId,
  ownerName: users.name,
  ownerEmail: users.email,
  startsOn: tasks.startsOn,
  deadline: tasks.deadline,
  status: tasks.status,
  outputId: tasks.outputId,
  sdgTargets: tasks.sdgTargets,
  connectTargets: tasks.connectTargets,
  lastUpdateAt: tasks.lastUpdateAt,
  updatedAt: tasks.updatedAt,
};
export type TaskRow = {
  [K in keyof typeof taskColumns]: K extends 'actionLine'
    ? string
    : K extends 'ownerName' | 'ownerEmail'
      ? string | null
      : (typeof tasks.$inferSelect)[K extends keyof typeof tasks.$inferSelect ? K : never];
};

const open = sql`${tasks.status} not in ('done', 'cancelled')`;
/** Late at `now`: open and the deadline's day has passed. */
export const lateCondition = (now: Date) => and(open, sql`${tasks.deadline} < ${dayOf(now)}::date`) as SQL;
/** Stale at `now`: open and no update for STALE_DAYS days. */
export const staleCondition = (now: Date) => and(open, sql`${tasks.lastUpdateAt} <= ${new Date(now.getTime() - STALE_DAYS * DAY_MS).toISOString()}::timestamptz`) as SQL;

export type ListFilters = Partial<Omit<TaskFilters, 'page'>> & { ownerUserId?: number; roadmapId?: number };

const conditions = (f: ListFilters, now: Date) => {
  const c: (SQL | undefined)[] = [];
  if (f.status) c.push(eq(tasks.status, f.status));
  if (f.bureau) c.push(eq(tasks.ownerBureau, f.bureau));
  if (f.target) c.push(sql`${tasks.sdgTargets} @> array[${f.target}]::text[]`);
  if (f.line) c.push(eq(roadmaps.actionLine, f.line));
  if (f.ownerUserId) c.push(eq(tasks.ownerUserId, f.ownerUserId));
  if (f.roadmapId) c.push(eq(tasks.roadmapId, f.roadmapId));
  const late = f.late === 'true';
  const stale = f.stale === 'true';
  // late=true&stale=true: either (the "late or stale" list); each alone: that one.
  if (late && stale) c.push(sql`(${lateCondition(now)} or ${staleCondition(now)})`);
  else if (late) c.push(lateCondition(now));
  else if (stale) c.push(staleCondition(now));
  return and(...c);
};

/** A page of tasks matching the filters, soonest deadline first, with the total. */
export const findTasks = async (
  db: DbOrTx,
  { filters = {}, now = new Date(), page = 1, pageSize = PAGE_SIZE }: { filters?: ListFilters; now?: Date; page?: number; pageSize?: number },
) => {
  const where = conditions(filters, now);
  const [items, [count]] = await Promise.all([
    db
      .select(taskColumns)
      .from(tasks)
      .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
      .leftJoin(users, eq(users.id, tasks.ownerUserId))
      .where(where)
      .orderBy(asc(tasks.deadline), asc(tasks.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(tasks).innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId)).where(where),
  ]);
  return { items: items as TaskRow[], total: count?.n ?? 0 };
};

/** Every task matching the filters, in batches of `size` (the exports). */
export async function* taskBatches(db: DbOrTx, { filters = {}, now = new Date(), size = 500 }: { filters?: ListFilters; now?: Date; size?: number }) {
  for (let page = 1; ; page++) {
    const { items } = await findTasks(db, { filters, now, page, pageSize: size });
    if (items.length > 0) yield items;
    if (items.length < size) return;
  }
}

export const getTask = async (db: DbOrTx, id: number): Promise<TaskRow | null> => {
  const [row] = await db
    .select(taskColumns)
    .from(tasks)
    .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
    .leftJoin(users, eq(users.id, tasks.ownerUserId))
    .where(eq(tasks.id, id));
  return (row as TaskRow | undefined) ?? null;
};

export const findUpdates = async (db: DbOrTx, taskId: number) =>
  db
    .select({
      id: taskUpdates.id,
      reportedOn: taskUpdates.reportedOn,
      status: taskUpdates.status,
      text: taskUpdates.text,
      locale: taskUpdates.locale,
      authorName: users.name,
      createdAt: taskUpdates.createdAt,
    })
    .from(taskUpdates)
    .leftJoin(users, eq(users.id, taskUpdates.authorId))
    .where(eq(taskUpdates.taskId, taskId))
    .orderBy(desc(taskUpdates.reportedOn), desc(taskUpdates.id));

export const findEvidenceIds = async (db: DbOrTx, taskId: number) =>
  (await db.select({ entryId: taskEvidence.entryId }).from(taskEvidence).where(eq(taskEvidence.taskId, taskId)).orderBy(asc(taskEvidence.entryId))).map((r) => r.entryId);

export const findUserByEmail = async (db: DbOrTx, email: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
  )[0] ?? null;

export const findOutputsByIds = async (db: DbOrTx, ids: number[]) => (ids.length === 0 ? [] : db.select().from(planOutputs).where(inArray(planOutputs.id, ids)));
