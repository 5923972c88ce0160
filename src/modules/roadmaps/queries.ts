/**
 * The roadmaps module's public reads, shared by its feature folders (versions/, focal-points/,
 * tasks/): who serves on which line, who may edit a line's roadmap, a roadmap by its line and its
 * versions.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import type { Localized } from '../../core/i18n/locales.js';
import { type MaybeActor, can, isSignedIn } from '../../core/permissions/index.js';
import './permissions.js';
import { focalPoints, roadmaps, roadmapVersions, tasks } from './tables.js';

export type Roadmap = typeof roadmaps.$inferSelect;
export type RoadmapVersion = typeof roadmapVersions.$inferSelect;

/** Today as a calendar day (UTC), the form of `appointedOn` and `endedOn`. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** An appointment is serving on `day` when it began on or before that day and has not ended, or ends after it. */
const servingOn = (day: string) => and(lte(focalPoints.appointedOn, day), or(isNull(focalPoints.endedOn), gt(focalPoints.endedOn, day)));

/**
 * The action lines a person serves on as focal point today (serving appointments only).
 * NOTE: security-critical — `canEditRoadmap` and the tasks' permission checks rest on it.
 */
export const findServingLines = async (db: DbOrTx, userId: number, now = new Date()): Promise<string[]> => {
  const rows = await db
    .selectDistinct({ actionLine: focalPoints.actionLine })
    .from(focalPoints)
    .where(and(eq(focalPoints.userId, userId), servingOn(today(now))))
    .orderBy(asc(focalPoints.actionLine));
  return rows.map((r) => r.actionLine);
};

/**
 * Whether the actor may edit the roadmap (its draft, its tasks) of `actionLine`: the secretariat,
 * or the role `focal-point` with a serving appointment on that line ('roadmaps.roadmap.edit').
 * NOTE: security-critical.
 */
export const canEditRoadmap = async (db: DbOrTx, { actor, actionLine, now }: { actor: MaybeActor; actionLine: string; now?: Date }): Promise<boolean> => {
  if (!isSignedIn(actor)) return false;
  if (can(actor, 'roadmaps.roadmap.manage')) return true;
  const servingLines = await findServingLines(db, actor.id, now);
  return can(actor, 'roadmaps.roadmap.edit', { actionLine, servingLines });
};

/** A roadmap by its action line ('C5', 'C7.e-health'), or undefined. */
export const findRoadmap = async (db: DbOrTx, actionLine: string): Promise<Roadmap | undefined> => (await db.select().from(roadmaps).where(eq(roadmaps.actionLine, actionLine)))[0];

/** A roadmap's versions, newest first. */
export const findVersions = async (db: DbOrTx, roadmapId: number): Promise<RoadmapVersion[]> =>
  db.select().from(roadmapVersions).where(eq(roadmapVersions.roadmapId, roadmapId)).orderBy(desc(roadmapVersions.number));

/** A roadmap's current version, or undefined while none has been made current. */
export const findCurrentVersion = async (db: DbOrTx, roadmapId: number): Promise<RoadmapVersion | undefined> =>
  (
    await db
      .select()
      .from(roadmapVersions)
      .where(and(eq(roadmapVersions.roadmapId, roadmapId), eq(roadmapVersions.status, 'current')))
  )[0];

export type TaskSummary = { id: number; title: Localized; actionLine: string; status: string };

/** The title and the roadmap's action line of each task id that exists (the Trust Fund's allocations). */
export const findTaskSummaries = async (db: DbOrTx, ids: number[]): Promise<TaskSummary[]> =>
  ids.length === 0
    ? []
    : db
        .select({ id: tasks.id, title: tasks.title, actionLine: roadmaps.actionLine, status: tasks.status })
        .from(tasks)
        .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
        .where(inArray(tasks.id, ids));

/** The ids of the first `limit` tasks (the Trust Fund's bench corpus allocates to them). */
export const findTaskIds = async (db: DbOrTx, { limit }: { limit: number }): Promise<number[]> =>
  (await db.select({ id: tasks.id }).from(tasks).orderBy(tasks.id).limit(limit)).map((r) => r.id);
