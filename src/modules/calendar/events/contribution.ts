/**
 * The calendar's own dates, given through its own manifest like any module's (so the pages and
 * feeds have one source): the rows of calendar_events, and World Telecommunication and
 * Information Society Day, 17 May of every year since 2006 (UN General Assembly resolution 60/252
 * proclaimed the day; ITU's PP-06 joined it to World Telecommunication Day). The day is a rule,
 * not data: it is generated for the years asked for, so no yearly seed is needed and no year is
 * missing; its UID is stable by year.
 */
import type { CalendarContribution, CalendarDate } from '../../../core/contributions.js';
import { dayIn, zonedToUtc } from '../dates.js';
import { tableFingerprint } from '../../../core/db/fingerprint.js';
import { findEventsOverlapping } from '../queries.js';
import { calendarEvents } from '../tables.js';

export const WTISD_FIRST_YEAR = 2006;
const WTISD_ZONE = 'Europe/Zurich';

/** 17 May of each year overlapping [from, to), a whole day in Geneva. */
export const observanceDates = ({ from, to }: { from: Date; to: Date }): CalendarDate[] => {
  const dates: CalendarDate[] = [];
  for (let year = Math.max(WTISD_FIRST_YEAR, from.getUTCFullYear() - 1); year <= to.getUTCFullYear(); year++) {
    const start = zonedToUtc(`${year}-05-17`, WTISD_ZONE) as Date;
    const end = zonedToUtc(`${year}-05-18`, WTISD_ZONE) as Date;
    if (start < to && end > from)
      dates.push({
        id: `wtisd.${year}`,
        label: { key: 'calendar.events.wtisd', values: { year } },
        start,
        end,
        href: '/calendar?kind=observance',
        kind: 'observance',
        allDay: true,
        timeZone: WTISD_ZONE,
        sequence: 0,
      });
  }
  return dates;
};

export const calendarOwnDates: CalendarContribution = {
  version: (db) => tableFingerprint(db, [calendarEvents]),
  find: async (db, range) => {
    const rows = await findEventsOverlapping(db, range);
    return [
      ...observanceDates(range),
      ...rows.map(
        (e): CalendarDate => ({
          id: String(e.id),
          label: { key: 'calendar.events.title', values: { title: e.title } },
          start: e.startsAt,
          end: e.endsAt,
          // Without a page of its own, the month of the calendar where it is.
          href: e.href ?? `/calendar?month=${dayIn(e.startsAt, e.timeZone).slice(0, 7)}`,
          kind: e.kind,
          allDay: e.allDay,
          timeZone: e.timeZone,
          status: e.cancelled ? 'cancelled' : 'confirmed',
          sequence: e.sequence,
          updatedAt: e.updatedAt,
          group: e.group ?? undefined,
          actionLines: e.actionLines,
          location: e.location,
        }),
      ),
    ];
  },
};
