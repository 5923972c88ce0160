/**
 * The public calendar page: `/{locale}/calendar?month=2027-05&view=grid|list&kind=&group=&actionLine=`.
 * Timed dates are placed on the days of Geneva (the secretariat's zone, where most meetings are)
 * and show their time in their own zone; whole days are their own days wherever they are.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CALENDAR_KINDS, type CalendarKind } from '../../../core/contributions.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { emptyForm } from '../../../core/views/components.js';
import { findActionLines } from '../../reference/queries.js';
import {
  type CalendarFilters,
  type CalendarItem,
  daysOf,
  firstDayOfWeek,
  type Month,
  matchesFilters,
  monthText,
  monthWeeks,
  parseMonth,
  shiftMonth,
  zonedToUtc,
  addDays,
  dayIn,
} from '../dates.js';
import { feedSearch } from '../feeds/routes.js';
import { pageUrl } from '../feeds/ics.js';
import { findCalendarItems } from '../queries.js';
import { CalendarPage, type ShownItem } from './views/CalendarPage.js';

export const PAGE_ZONE = 'Europe/Zurich';
const ACTION_LINE = /^C(?:[1-9]|1[01])$/;

const text = (value: unknown, max = 100) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined);

export const pagesRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const { baseUrl } = app.platform.config;

  app.get('/calendar', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const locale = req.locale;
    // A filter that is not one of the offered values is ignored (the page shows everything), not an error page.
    const kind = CALENDAR_KINDS.includes(query.kind as CalendarKind) ? (query.kind as CalendarKind) : undefined;
    const actionLine = ACTION_LINE.test(String(query.actionLine ?? '')) ? String(query.actionLine) : undefined;
    const group = text(query.group);
    const filters: CalendarFilters = { kind, group, actionLine };
    const mode = query.view === 'list' ? 'list' : 'grid';
    const today = dayIn(new Date(), PAGE_ZONE);
    const month: Month = parseMonth(query.month) ?? (parseMonth(today.slice(0, 7)) as Month);

    const weeks = monthWeeks(month, firstDayOfWeek(locale));
    const firstDay = weeks[0]?.[0] as string;
    const lastDay = weeks.at(-1)?.[6] as string;
    // A day of margin on each side: whole days elsewhere than in Geneva start up to 14 hours apart.
    const from = zonedToUtc(addDays(firstDay, -1), PAGE_ZONE) as Date;
    const to = zonedToUtc(addDays(lastDay, 2), PAGE_ZONE) as Date;
    const [all, lines] = await Promise.all([findCalendarItems(db, { modules: app.platform.modules, from, to }), findActionLines(db)]);

    const timeFormat = (zone: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' });
    const shown = (item: CalendarItem): ShownItem => {
      const format = timeFormat(item.timeZone);
      return {
        key: item.key,
        title: item.title[locale],
        url: pageUrl(item, { baseUrl: '', locale }),
        icsUrl: `/${locale}/calendar/events/${encodeURIComponent(item.key)}.ics`,
        kind: item.kind,
        time: item.allDay ? null : item.end ? format.formatRange(item.start, item.end) : format.format(item.start),
        location: localizeWithLocale(item.location, locale).text,
        cancelled: item.status === 'cancelled',
      };
    };
    const byDay = new Map<string, ShownItem[]>();
    for (const item of all.filter((i) => matchesFilters(i, filters))) {
      const entry = shown(item);
      const days = daysOf(item, PAGE_ZONE);
      // A period of more than a week (a prize phase of six weeks) is shown on its first and last
      // days, and on the grid's first day when it began before: in every cell it would bury the rest.
      const first = days[0] as string;
      const last = days[days.length - 1] as string;
      const inCells = days.length <= 7 ? days : [...new Set([first, last, ...(first < firstDay ? [firstDay] : [])])];
      for (const day of inCells) if (day >= firstDay && day <= lastDay) byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }

    const dayNumber = new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' });
    const dayFull = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

    const search = (changes: Record<string, string | undefined>) => {
      const params = new URLSearchParams();
      const values: Record<string, string | undefined> = { month: monthText(month), view: mode === 'list' ? 'list' : undefined, kind, group, actionLine, ...changes };
      for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
      return `/${locale}/calendar?${params.toString()}`;
    };
    const feedPath = `/calendar.ics${feedSearch({ ...filters, lang: locale })}`;
    const groups = [...new Set([...all.map((i) => i.group).filter((g): g is string => !!g), ...(group ? [group] : [])])].sort();

    return reply.page(
      CalendarPage({
        view: req.view(reply),
        mode,
        monthTitle: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(asDate(`${monthText(month)}-15`)),
        weeks,
        monthPrefix: `${monthText(month)}-`,
        byDay,
        weekdays: (weeks[0] ?? []).map((d) => [weekdayShort.format(asDate(d)), weekdayLong.format(asDate(d))]),
        dayLabel: (day) => ({ number: dayNumber.format(asDate(day)), full: dayFull.format(asDate(day)) }),
        filters: emptyForm({ month: monthText(month), kind, group, actionLine }),
        kinds: CALENDAR_KINDS,
        actionLines: lines.filter((l) => ACTION_LINE.test(l.code)).map((l) => ({ code: l.code, title: localizeWithLocale(l.title, locale).text })),
        groups,
        links: {
          previous: search({ month: monthText(shiftMonth(month, -1)) }),
          next: search({ month: monthText(shiftMonth(month, 1)) }),
          today: search({ month: today.slice(0, 7) }),
          grid: search({ view: undefined }),
          list: search({ view: 'list' }),
          feed: `${baseUrl}${feedPath}`,
          webcal: `${baseUrl.replace(/^https?:/, 'webcal:')}${feedPath}`,
        },
      }),
    );
  });
};

export const pagesAdminRoutes: FastifyPluginAsync = async () => {};
export const pagesApiRoutes: FastifyPluginAsync = async () => {};
