/**
 * Each report's deadline in the calendar (`contributes.calendar`): an all-day date, kind
 * 'deadline', titled with the report's title in six languages. Final reports stay (marked
 * confirmed): the calendar records when they were due.
 */
import { and, gte, isNotNull, lt } from 'drizzle-orm';
import type { CalendarContribution, CalendarDate } from '../../../core/contributions.js';
import { tableFingerprint } from '../../../core/db/fingerprint.js';
import { reports } from '../tables.js';

const DAY_MS = 86_400_000;

export const reportCalendarDates: CalendarContribution = {
  version: (db) => tableFingerprint(db, [reports]),
  find: async (db, { from, to }) => {
    // A day overlaps [from, to) when it starts before `to` and ends after `from`.
    const rows = await db
      .select({ id: reports.id, title: reports.title, year: reports.year, deadline: reports.deadline, updatedAt: reports.updatedAt })
      .from(reports)
      .where(
        and(isNotNull(reports.deadline), gte(reports.deadline, new Date(from.getTime() - DAY_MS).toISOString().slice(0, 10)), lt(reports.deadline, to.toISOString().slice(0, 10))),
      );
    return rows.flatMap((r): CalendarDate[] => {
      if (!r.deadline) return [];
      const start = new Date(`${r.deadline}T00:00:00.000Z`);
      const end = new Date(start.getTime() + DAY_MS);
      if (!(start < to && end > from)) return [];
      return [
        {
          id: `report-${r.id}.deadline`,
          kind: 'deadline',
          allDay: true,
          label: { key: 'reports.workflow.calendar_deadline', values: { title: r.title, year: r.year } },
          start,
          end,
          href: '/reports',
          updatedAt: r.updatedAt,
        },
      ];
    });
  },
};
