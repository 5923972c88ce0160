/**
 * Reads of the progress section of the reports: the roadmaps of some action lines with the version
 * current at a cut-off, and their tasks as they stood at it. Two statements whatever the number of
 * tasks (the report's 2,000 tasks and 50,000 updates): the last update of each task before the
 * cut-off is one index probe per task on (task_id, created_at), inside the same statement.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { Bureau, TaskStatus } from '../tables.js';

const linesFilter = (lines: string[] | null) =>
  lines === null ? sql`true` : sql`r.action_line = any(${`{${lines.map((l) => `"${l.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])`;

/** A roadmap at `asOf`: its line and the version current then (the last made current at or before it), if any. */
export type RoadmapAsOf = { actionLine: string; version: { number: number; currentSince: Date; objectives: Localized } | null };

/**
 * The roadmaps that existed at `asOf` (created before it, or holding a version in force or a task
 * by then: rows written by a bulk load), of `lines` or all when null, each with the version that
 * was current at `asOf`: a version keeps its `current_since` when superseded, so the current one
 * at an instant is the latest made current at or before it. Public data.
 */
export const findRoadmapsAsOf = async (db: DbOrTx, { lines, asOf }: { lines: string[] | null; asOf: Date }): Promise<RoadmapAsOf[]> => {
  const at = asOf.toISOString();
  const { rows } = await db.execute<{ action_line: string; number: number | null; current_since: string | Date | null; objectives: Localized | null }>(sql`
    select r.action_line, v.number, v.current_since, v.objectives
    from roadmaps r
    left join lateral (
      select v.number, v.current_since, v.objectives from roadmaps_versions v
      where v.roadmap_id = r.id and v.current_since is not null and v.current_since <= ${at}::timestamptz
      order by v.current_since desc, v.number desc limit 1
    ) v on true
    where ${linesFilter(lines)}
      and (r.created_at < ${at}::timestamptz or v.number is not null
        or exists (select 1 from roadmaps_tasks t where t.roadmap_id = r.id and t.created_at < ${at}::timestamptz))
    order by r.action_line`);
  return rows.map((r) => ({
    actionLine: r.action_line,
    version: r.number === null || r.current_since === null ? null : { number: Number(r.number), currentSince: new Date(r.current_since), objectives: r.objectives ?? {} },
  }));
};

/** A task as it stood at `asOf`: the status of its last update before then, and that update's instant (its creation without one). */
export type TaskAsOf = {
  id: number;
  actionLine: string;
  title: Localized;
  ownerBureau: Bureau;
  deadline: string;
  status: TaskStatus;
  lastUpdateAt: Date;
};

/**
 * The tasks created before `asOf` on the roadmaps of `lines` (all when null), by line, deadline
 * and number. A task unchanged since `asOf` (`updated_at`, moved by every edit and update) is read
 * as stored. Otherwise its status at `asOf` is that of its last progress update recorded before
 * it; without one, the status it was created with (its creation's audit row; its stored status for
 * a task written without the commands); `lastUpdateAt` is that update's instant, else the
 * creation. Deadline, title and bureau are the task's current ones (their edits are not dated).
 * Public data.
 */
export const findTasksAsOf = async (db: DbOrTx, { lines, asOf }: { lines: string[] | null; asOf: Date }): Promise<TaskAsOf[]> => {
  const at = asOf.toISOString();
  const { rows } = await db.execute<{
    id: number | string;
    action_line: string;
    title: Localized;
    owner_bureau: Bureau;
    deadline: string;
    status: TaskStatus;
    last_update_at: string | Date;
  }>(sql`
    select t.id, r.action_line, t.title, t.owner_bureau, t.deadline::text as deadline,
      case when t.updated_at < ${at}::timestamptz then t.status else coalesce(u.status, created.status, t.status) end as status,
      case when t.updated_at < ${at}::timestamptz then t.last_update_at else coalesce(u.created_at, t.created_at) end as last_update_at
    from roadmaps_tasks t
    join roadmaps r on r.id = t.roadmap_id
    left join lateral (
      select u.status, u.created_at from roadmaps_task_updates u
      where u.task_id = t.id and u.created_at < ${at}::timestamptz
      order by u.created_at desc, u.id desc limit 1
    ) u on true
    left join lateral (
      select a.after->>'status' as status from core_audit_log a
      where a.subject_type = 'roadmaps.task' and a.subject_id = t.id::text and a.action = 'roadmaps.task.create'
      limit 1
    ) created on u.status is null
    where t.created_at < ${at}::timestamptz and ${linesFilter(lines)}
    order by r.action_line, t.deadline, t.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    actionLine: r.action_line,
    title: r.title ?? {},
    ownerBureau: r.owner_bureau,
    deadline: r.deadline,
    status: r.status,
    lastUpdateAt: new Date(r.last_update_at),
  }));
};
