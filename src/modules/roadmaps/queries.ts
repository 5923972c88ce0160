/** Reads of the roadmaps other modules may use (docs/ARCHITECTURE.md, "Allowed module → module imports"). */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import type { Localized } from '../../core/i18n/locales.js';
import { roadmaps, tasks } from './tables.js';

export type TaskSummary = { id: number; title: Localized; actionLine: string };

/** The title and the roadmap's action line of each task id that exists (the Trust Fund's allocations). */
export const findTaskSummaries = async (db: DbOrTx, ids: number[]): Promise<TaskSummary[]> =>
  ids.length === 0
    ? []
    : db
        .select({ id: tasks.id, title: tasks.title, actionLine: roadmaps.actionLine })
        .from(tasks)
        .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
        .where(inArray(tasks.id, ids));
