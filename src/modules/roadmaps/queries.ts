import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import type { Localized } from '../../core/i18n/locales.js';
import { roadmaps, tasks } from './tables.js';

export type TaskSummary = { id: number; title: Localized; actionLine: string; status: string };

/** Tasks by id with their roadmap's action line (for the Trust Fund's allocations); unknown ids are absent. */
export const findTaskSummaries = async (db: DbOrTx, ids: number[]): Promise<TaskSummary[]> => {
  if (!ids.length) return [];
  return db
    .select({ id: tasks.id, title: tasks.title, actionLine: roadmaps.actionLine, status: tasks.status })
    .from(tasks)
    .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
    .where(inArray(tasks.id, ids));
};

/** The ids of the first `limit` tasks (the Trust Fund's bench corpus allocates to them). */
export const findTaskIds = async (db: DbOrTx, { limit }: { limit: number }): Promise<number[]> =>
  (await db.select({ id: tasks.id }).from(tasks).orderBy(tasks.id).limit(limit)).map((r) => r.id);
