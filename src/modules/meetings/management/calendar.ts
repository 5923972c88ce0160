/**
 * Meetings and their contribution deadlines for the calendar (contributed through the manifest):
 * public meetings only, each with its time zone, status (cancelled stays, marked), sequence and
 * last change, so that subscribed calendars update or remove the event rather than add another.
 */
import type { CalendarContribution, CalendarDate } from '../../../core/contributions.js';
import { meetingPath } from '../queries.js';
import { findPublicMeetingsBetween } from './queries.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { tableFingerprint } from '../../../core/db/fingerprint.js';
import { meetingGroups, meetings } from '../tables.js';

/** Where an online meeting is, in each language, from the catalog. */
const online = () => Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale)('meetings.management.online_only')]));

const STATUS = { planned: 'tentative', convened: 'confirmed', held: 'confirmed', cancelled: 'cancelled' } as const;

export const meetingCalendarDates: CalendarContribution = {
  version: (db) => tableFingerprint(db, [meetings, meetingGroups]),
  find: async (db, { from, to }) => {
    const found = await findPublicMeetingsBetween(db, { from, to });
    return found.flatMap((m): CalendarDate[] => {
      const id = `${m.groupCode}-${m.number}`;
      const common = {
        href: meetingPath(m),
        timeZone: m.timeZone,
        status: STATUS[m.status],
        sequence: m.sequence,
        updatedAt: m.updatedAt,
        group: m.groupCode,
        actionLines: m.actionLines,
      } as const;
      const dates: CalendarDate[] = [];
      if (m.startsAt < to && m.endsAt >= from)
        dates.push({
          ...common,
          id,
          kind: 'meeting',
          label: { key: 'meetings.management.calendar_meeting', values: { title: m.title } },
          start: m.startsAt,
          end: m.endsAt,
          location: Object.keys(m.place).length > 0 ? m.place : online(),
        });
      if (m.contributionsDeadline >= from && m.contributionsDeadline < to)
        dates.push({
          ...common,
          id: `${id}.deadline`,
          kind: 'deadline',
          label: { key: 'meetings.management.calendar_deadline', values: { title: m.title } },
          start: m.contributionsDeadline,
          end: null,
        });
      return dates;
    });
  },
};
