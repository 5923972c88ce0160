import { and, gte, lt, ne, or } from 'drizzle-orm';
import type { CalendarContribution, CalendarDate } from '../../../core/contributions.js';
import { consultations } from '../tables.js';
import { tableFingerprint } from '../../../core/db/fingerprint.js';

/**
 * The opening and the closing of every consultation that has left the draft state, for the
 * calendar (its manifest's `contributes.calendar`). Each is a moment; its sequence comes from the
 * consultation's last change, so a moved deadline replaces the old one in subscribed calendars.
 */
export const consultationCalendarDates: CalendarContribution = {
  version: (db) => tableFingerprint(db, [consultations]),
  find: async (db, { from, to }) => {
    const rows = await db
      .select({
        id: consultations.id,
        title: consultations.title,
        opensAt: consultations.opensAt,
        closesAt: consultations.closesAt,
        actionLines: consultations.actionLines,
        updatedAt: consultations.updatedAt,
      })
      .from(consultations)
      .where(
        and(
          ne(consultations.status, 'draft'),
          or(and(gte(consultations.opensAt, from), lt(consultations.opensAt, to)), and(gte(consultations.closesAt, from), lt(consultations.closesAt, to))),
        ),
      );
    return rows.flatMap((c) =>
      (['opens', 'closes'] as const)
        .map(
          (moment): CalendarDate => ({
            id: `${c.id}.${moment}`,
            label: { key: `consultations.management.calendar_${moment}`, values: { title: c.title } },
            start: moment === 'opens' ? c.opensAt : c.closesAt,
            end: null,
            href: `/consultations/${c.id}`,
            kind: 'consultation',
            timeZone: 'Europe/Zurich',
            updatedAt: c.updatedAt,
            actionLines: c.actionLines,
          }),
        )
        .filter((d) => d.start >= from && d.start < to),
    );
  },
};
