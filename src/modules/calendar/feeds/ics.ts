/**
 * iCalendar (RFC 5545) of calendar items, written by ical-generator, with the VTIMEZONE of each
 * zone from timezones-ical-library. What calendar programs need to follow a subscription:
 * - a UID stable across builds: `<module>-<id>@<host of the platform>` (parts URI-encoded);
 * - SEQUENCE from the date's own counter (or its last change), and DTSTAMP its last change (a
 *   published calendar without METHOD: "last revised", RFC 5545 3.8.7.2), so the same data gives
 *   the same bytes and the feed's ETag holds until something changes;
 * - STATUS:CANCELLED for a cancelled date, kept in the feed so the calendars that have it remove it;
 * - whole days as VALUE=DATE, timed dates with the TZID of their zone (UTC ones in Z).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Locale } from '../../../core/i18n/locales.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type CalendarItem, dayIn, wallClock } from '../dates.js';

/** Before any change is known: the first World Information Society Day. */
const NO_CHANGE_KNOWN = new Date(Date.UTC(2006, 4, 17));

export const uidOf = (item: Pick<CalendarItem, 'key'>, host: string) => `${item.key}@${host}`;

/** The address of an item's page in a language: a platform path gets the locale prefix, an address elsewhere stays. */
export const pageUrl = (item: Pick<CalendarItem, 'href'>, { baseUrl, locale }: { baseUrl: string; locale: Locale }) =>
  /^https?:\/\//.test(item.href) ? item.href : `${baseUrl}/${locale}${item.href.startsWith('/') ? item.href : `/${item.href}`}`;

// The library rebuilds a zone's VTIMEZONE from its database at each call (about 10 ms on a loaded
// machine); the rules of a zone do not change while the process runs, so each is made once.
const vtimezones = new Map<string, string | null>();
const vtimezone = (zone: string) => {
  if (!vtimezones.has(zone)) {
    const block = tzlib_get_ical_block(zone);
    vtimezones.set(zone, Array.isArray(block) && typeof block[0] === 'string' ? block[0] : null);
  }
  return vtimezones.get(zone) ?? null;
};

export type FeedOptions = { name: string; locale: Locale; baseUrl: string; description?: string };

export const buildIcs = (items: CalendarItem[], { name, locale, baseUrl, description }: FeedOptions): string => {
  const host = new URL(baseUrl).host;
  const calendar = ical({
    prodId: { company: 'ITU', product: 'WSIS Platform', language: locale.toUpperCase() },
    name,
    description,
    // No calendar-wide zone: each date carries its own TZID; the generator writes their VTIMEZONEs.
    timezone: { name: null, generator: vtimezone },
  });
  for (const item of items) {
    const zoned = !item.allDay && item.timeZone !== 'UTC';
    // Wall-clock strings in the date's zone: ical-generator writes them as given after the TZID.
    const at = (d: Date) => (item.allDay ? dayIn(d, item.timeZone) : zoned ? wallClock(d, item.timeZone) : d);
    const location = localizeWithLocale(item.location, locale).text;
    calendar.createEvent({
      id: uidOf(item, host),
      sequence: item.sequence,
      stamp: item.updatedAt ?? NO_CHANGE_KNOWN,
      start: at(item.start),
      end: item.end ? at(item.end) : null,
      allDay: item.allDay,
      timezone: zoned ? item.timeZone : null,
      summary: item.title[locale],
      location: location || null,
      url: pageUrl(item, { baseUrl, locale }),
      status: item.status === 'cancelled' ? ICalEventStatus.CANCELLED : item.status === 'tentative' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      categories: [{ name: item.kind }],
    });
  }
  return calendar.toString();
};
