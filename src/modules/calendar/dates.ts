/**
 * The calendar's pure rules (no I/O): what one date of the calendar is once collected from the
 * modules, its title in each language, its iCalendar UID, week starts, days of a month in a time
 * zone, and the filters of the pages, the feeds and the API.
 */
import { wallClock as coreWallClock, zonedToUtc as coreZonedToUtc } from '../../core/i18n/time-zones.js';
import type { CalendarDate, CalendarKind, LocalizedValue } from '../../core/contributions.js';
import { LOCALES, type Locale, type Localized } from '../../core/i18n/locales.js';
import { localizeWithLocale, translator } from '../../core/i18n/translate.js';

/** A date as `collectCalendarDates` returns it: the module that gave it and its date. */
export type CollectedDate = CalendarDate & { module: string };

/** What the pages, the feeds and the API show of a date, with every default decided once. */
export type CalendarItem = {
  /** `<module>-<id>`, each part URI-encoded: the path of its .ics and the left side of its UID. */
  key: string;
  module: string;
  id: string;
  kind: CalendarKind;
  title: Record<Locale, string>;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timeZone: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  sequence: number;
  /** When it was last changed, for DTSTAMP; null when the module does not say. */
  updatedAt: Date | null;
  href: string;
  group: string | null;
  actionLines: string[];
  location: LocalizedValue;
};

/** Seconds from 2020-01-01 to `updatedAt`: a SEQUENCE that grows with each change when a module gives no counter. */
const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);
export const sequenceOf = (date: Pick<CalendarDate, 'sequence' | 'updatedAt'>) =>
  date.sequence ?? (date.updatedAt ? Math.max(0, Math.floor((date.updatedAt.getTime() - SEQUENCE_EPOCH) / 1000)) : 0);

export const itemKey = (module: string, id: string) => `${encodeURIComponent(module)}-${encodeURIComponent(id)}`;

/** `<module>-<id>` back into its parts, given the modules that exist (a module id may hold a '-'). */
export const parseItemKey = (key: string, modules: readonly string[]): { module: string; id: string } | null => {
  const module = [...modules].sort((a, b) => b.length - a.length).find((m) => key.startsWith(`${encodeURIComponent(m)}-`));
  if (!module) return null;
  const id = key.slice(encodeURIComponent(module).length + 1);
  return id ? { module, id } : null;
};

/** The title of a contributed label in one language: its values given in several languages are read in that one first. */
export const labelIn = (label: CalendarDate['label'], locale: Locale) => {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(label.values ?? {})) values[name] = typeof value === 'object' ? localizeWithLocale(value as Localized, locale).text : value;
  return translator(locale)(label.key, values);
};

export const toItem = (date: CollectedDate): CalendarItem => ({
  key: itemKey(date.module, date.id),
  module: date.module,
  id: date.id,
  kind: date.kind ?? 'deadline',
  title: Object.fromEntries(LOCALES.map((l) => [l, labelIn(date.label, l)])) as Record<Locale, string>,
  start: date.start,
  end: date.end,
  allDay: date.allDay ?? false,
  timeZone: date.timeZone ?? 'UTC',
  status: date.status ?? 'confirmed',
  sequence: sequenceOf(date),
  updatedAt: date.updatedAt ?? null,
  href: date.href,
  group: date.group ?? null,
  actionLines: date.actionLines ?? [],
  location: date.location ?? {},
});

export type CalendarFilters = { kind?: CalendarKind; group?: string; actionLine?: string };

export const matchesFilters = (item: CalendarItem, f: CalendarFilters) =>
  (!f.kind || item.kind === f.kind) && (!f.group || item.group === f.group) && (!f.actionLine || item.actionLines.includes(f.actionLine));

// --- Time zones ----------------------------------------------------------------------------

// The time-zone arithmetic is the core's (core/i18n/time-zones.ts, shared with meetings and consultations).
export { isTimeZone, timeZones } from '../../core/i18n/time-zones.js';

/** The wall-clock time of `instant` in `zone`, as "YYYY-MM-DDTHH:mm:ss". */
export const wallClock = (instant: Date, zone: string): string => coreWallClock(instant, zone, { seconds: true });

/** The day of `instant` in `zone`, "YYYY-MM-DD". */
export const dayIn = (instant: Date, zone: string) => coreWallClock(instant, zone).slice(0, 10);

/** "2027-03-01T09:30", or a day "2027-03-01" read as its midnight, as a wall-clock time in `zone` → the UTC instant (null: not a date, or a time skipped there). */
export const zonedToUtc = (text: string, zone: string): Date | null => {
  const trimmed = text.trim();
  return coreZonedToUtc(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00` : trimmed, zone);
};

/** "YYYY-MM-DD" + n days. */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// --- Months and weeks -------------------------------------------------------------------------

/** CLDR's first day of the week (1 = Monday … 7 = Sunday), from the runtime's locale data. */
const CLDR_FIRST_DAY: Record<Locale, number> = { ar: 6, en: 7, es: 1, fr: 1, ru: 1, zh: 1 };
export const firstDayOfWeek = (locale: Locale): number => {
  // Node 20 has `weekInfo` as a getter; later versions a method; the CLDR table where neither exists.
  const l = new Intl.Locale(locale) as Intl.Locale & { weekInfo?: { firstDay: number }; getWeekInfo?: () => { firstDay: number } };
  return l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay ?? CLDR_FIRST_DAY[locale];
};

/** ISO weekday (1 = Monday … 7 = Sunday) of a day "YYYY-MM-DD". */
export const isoWeekday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

export type Month = { year: number; month: number };
export const monthText = ({ year, month }: Month) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
export const parseMonth = (text: unknown): Month | null => {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})$/.exec(text) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1970 && year <= 9999 && month >= 1 && month <= 12 ? { year, month } : null;
};
export const shiftMonth = ({ year, month }: Month, n: number): Month => {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** The weeks of a month's grid, each seven days "YYYY-MM-DD", starting on the locale's first day. */
export const monthWeeks = (m: Month, firstDay: number): string[][] => {
  const first = `${monthText(m)}-01`;
  const last = addDays(`${monthText(shiftMonth(m, 1))}-01`, -1);
  let day = addDays(first, -((isoWeekday(first) - firstDay + 7) % 7));
  const weeks: string[][] = [];
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
};

/**
 * The days "YYYY-MM-DD" an item covers, in the zone it is shown in: an all-day date its own days
 * (in its zone: the 17 May is the 17 May everywhere), a timed one the days of its start to its end
 * in the reader's zone (the pages use Geneva's, the secretariat's).
 */
export const daysOf = (item: Pick<CalendarItem, 'start' | 'end' | 'allDay' | 'timeZone'>, shownIn: string): string[] => {
  const zone = item.allDay ? item.timeZone : shownIn;
  const first = dayIn(item.start, zone);
  // The end is exclusive: an all-day date ending at midnight ends the day before.
  const last = item.end ? dayIn(new Date(item.end.getTime() - 1), zone) : first;
  const days = [first];
  for (let d = addDays(first, 1); d <= last && days.length < 400; d = addDays(d, 1)) days.push(d);
  return days;
};
