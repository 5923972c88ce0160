/**
 * The reminder to a report's owner before its deadline, 14 and 3 days before (a `due` event
 * written by the core's sendDueNotifications). Keyed by report, reminder and deadline: one of
 * each per owner however often the run finds it due; a moved deadline reminds again. Not for a
 * final report.
 */
import { and, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { DueNotification } from '../../../core/contributions.js';
import { defineNotificationEvent } from '../../../core/notifications/notify.js';
import { reports } from '../tables.js';

/** Days before the deadline when the owner is reminded. */
export const REMINDER_DAYS = [14, 3] as const;
const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Which reminder is due: 14 while 4 to 14 days remain, 3 while 0 to 3 remain, none otherwise. */
export const reportReminder = (deadline: string, now: Date): 14 | 3 | null => {
  const days = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${dayOf(now)}T00:00:00Z`)) / DAY_MS);
  if (days < 0) return null;
  if (days <= 3) return 3;
  if (days <= 14) return 14;
  return null;
};

const due = async (db: DbOrTx, { now }: { now: Date }): Promise<DueNotification[]> => {
  const until = dayOf(new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS));
  const rows = await db
    .select({ id: reports.id, title: reports.title, year: reports.year, deadline: reports.deadline, ownerId: reports.ownerId })
    .from(reports)
    .where(and(ne(reports.state, 'final'), isNotNull(reports.ownerId), sql`${reports.deadline} between ${dayOf(now)}::date and ${until}::date`));
  return rows.flatMap((r) => {
    const days = r.deadline ? reportReminder(r.deadline, now) : null;
    if (!days || r.ownerId === null || !r.deadline) return [];
    return [
      {
        to: [r.ownerId],
        params: { title: r.title, year: r.year, days, deadline: { iso: `${r.deadline}T00:00:00.000Z` } },
        link: `/admin/reports/${r.id}`,
        key: `${r.id}:${days}:${r.deadline}`,
      },
    ];
  });
};

export const reportDeadline = defineNotificationEvent({
  event: 'reports.deadline',
  label: { key: 'reports.workflow.notifications.deadline_label' },
  recipients: 'named',
  message: 'reports.workflow.notifications.deadline',
  due,
});

export const reportsNotificationEvents = [reportDeadline];
