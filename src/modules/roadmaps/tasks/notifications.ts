/**
 * The tasks' reminders, declared as notification events with `due` (module.ts,
 * `contributes.notificationEvents`) and written by the core's `sendDueNotifications` at each run:
 * to the owner 30 and 7 days before the deadline and when the task goes stale; to the line's
 * serving focal points when it is late. Each has a key, so a person gets it once per task and
 * deadline (or per stale spell) however often the run finds it due; a moved deadline, or a new
 * silence after an update, reminds again. The e-mail is in each recipient's language (the core
 * renders the message in the reader's locale; the task's title is given in six languages).
 */
import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { DueNotification } from '../../../core/contributions.js';
import { defineNotificationEvent } from '../../../core/notifications/notify.js';
import { notifications } from '../../../core/notifications/tables.js';
import { focalPoints, roadmaps, tasks } from '../tables.js';
import { lateCondition, staleCondition } from './queries.js';
import { DAY_MS, dayOf, deadlineReminder, REMINDER_DAYS } from './rules.js';

const base = { id: tasks.id, title: tasks.title, deadline: tasks.deadline, ownerUserId: tasks.ownerUserId, lastUpdateAt: tasks.lastUpdateAt, actionLine: roadmaps.actionLine };
const link = (id: number) => `/roadmaps/tasks/${id}`;

/**
 * Not yet written: no notification of `kind` with this key for this person. The keys are the ones
 * built below (in SQL here), so a run finds only what is new and the daily run over every task
 * stays a few queries once the reminders have gone out (notify() would skip them anyway, one
 * statement each).
 */
const notWritten = (kind: string, recipient: SQL, key: SQL) =>
  sql`not exists (select 1 from ${notifications} n where n.recipient_id = ${recipient} and n.kind = ${kind} and n.key = ${key})`;
const isoText = (column: SQL | typeof tasks.lastUpdateAt) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Owners of open tasks whose deadline is 0 to 30 days away: the 30-day reminder, or the 7-day one once 7 days remain. */
const deadlinesDue = async (db: DbOrTx, { now }: { now: Date }): Promise<DueNotification[]> => {
  const until = dayOf(new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS));
  const rows = await db
    .select(base)
    .from(tasks)
    .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
    .where(
      and(
        sql`${tasks.status} not in ('done', 'cancelled')`,
        isNotNull(tasks.ownerUserId),
        sql`${tasks.deadline} between ${dayOf(now)}::date and ${until}::date`,
        notWritten(
          taskDeadline.event,
          sql`${tasks.ownerUserId}`,
          sql`${tasks.id} || ':' || (case when ${tasks.deadline} - ${dayOf(now)}::date <= 7 then 7 else 30 end) || ':' || to_char(${tasks.deadline}, 'YYYY-MM-DD')`,
        ),
      ),
    );
  return rows.flatMap((r) => {
    const days = deadlineReminder(r.deadline, now);
    if (!days || r.ownerUserId === null) return [];
    return [
      {
        to: [r.ownerUserId],
        params: { title: r.title, line: r.actionLine, days, deadline: { iso: `${r.deadline}T00:00:00.000Z` } },
        link: link(r.id),
        key: `${r.id}:${days}:${r.deadline}`,
      },
    ];
  });
};

/** Owners of stale tasks, once per silence (keyed by the last update's instant). */
const staleDue = async (db: DbOrTx, { now }: { now: Date }): Promise<DueNotification[]> => {
  // The key is made in SQL (the instant to the microsecond), the same text the check reads.
  const key = sql<string>`${tasks.id} || ':stale:' || ${isoText(tasks.lastUpdateAt)}`;
  const rows = await db
    .select({ ...base, key })
    .from(tasks)
    .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
    .where(and(staleCondition(now), isNotNull(tasks.ownerUserId), notWritten(taskStale.event, sql`${tasks.ownerUserId}`, key)));
  return rows.map((r) => ({
    to: [r.ownerUserId as number],
    params: { title: r.title, line: r.actionLine, since: { iso: r.lastUpdateAt.toISOString() } },
    link: link(r.id),
    key: r.key,
  }));
};

/** The serving focal points of the line of each late task, once per task and deadline. */
const lateDue = async (db: DbOrTx, { now }: { now: Date }): Promise<DueNotification[]> => {
  const rows = await db
    .select({ ...base, focalPoints: sql<string[]>`array_agg(${focalPoints.userId})` })
    .from(tasks)
    .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
    .innerJoin(focalPoints, and(eq(focalPoints.actionLine, roadmaps.actionLine), isNull(focalPoints.endedOn)))
    .where(and(lateCondition(now), notWritten(taskLate.event, sql`${focalPoints.userId}`, sql`${tasks.id} || ':late:' || to_char(${tasks.deadline}, 'YYYY-MM-DD')`)))
    .groupBy(tasks.id, roadmaps.actionLine);
  return rows.map((r) => ({
    to: r.focalPoints.map(Number),
    params: { title: r.title, line: r.actionLine, deadline: { iso: `${r.deadline}T00:00:00.000Z` } },
    link: link(r.id),
    key: `${r.id}:late:${r.deadline}`,
  }));
};

export const taskDeadline = defineNotificationEvent({
  event: 'roadmaps.task_deadline',
  label: { key: 'roadmaps.tasks.notifications.deadline_label' },
  recipients: 'named',
  message: 'roadmaps.tasks.notifications.deadline',
  due: deadlinesDue,
});

export const taskStale = defineNotificationEvent({
  event: 'roadmaps.task_stale',
  label: { key: 'roadmaps.tasks.notifications.stale_label' },
  recipients: 'named',
  message: 'roadmaps.tasks.notifications.stale',
  due: staleDue,
});

export const taskLate = defineNotificationEvent({
  event: 'roadmaps.task_late',
  label: { key: 'roadmaps.tasks.notifications.late_label' },
  recipients: 'named',
  message: 'roadmaps.tasks.notifications.late',
  due: lateDue,
});

export const tasksNotificationEvents = [taskDeadline, taskStale, taskLate];
