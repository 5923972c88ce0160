/**
 * iCalendar feeds and the events API. `/calendar.ics` is at the root of the site (the address
 * people paste into their calendar program; the manifest's `rootRoutes`) and the same feed is at
 * `/api/v1/calendar.ics`, where the OpenAPI document describes it. `/{locale}/calendar/events/{key}.ics`
 * is one date alone; `/api/v1/events` the dates of a range as JSON.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDatesVersion } from '../../../core/contributions.js';
import { notFound } from '../../../core/http/problems.js';
import { type VersionedCache, versionedCache } from '../../../core/http/versioned-cache.js';
import { DEFAULT_LOCALE, type Locale } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { type CalendarFilters, type CalendarItem, parseItemKey } from '../dates.js';
import { feedRange, findCalendarItems } from '../queries.js';
import { eventsAnswer, eventsQuery, feedQuery, parseInstant } from './inputs.js';
import { buildIcs, pageUrl, uidOf } from './ics.js';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

/** The filters as a query string (kind, group, actionLine, lang), in a fixed order. */
export const feedSearch = (filters: CalendarFilters & { lang?: Locale }) => {
  const params = new URLSearchParams();
  for (const name of ['kind', 'group', 'actionLine', 'lang'] as const) if (filters[name]) params.set(name, filters[name] as string);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The whole feed of the filters in a language: every date from 2006 to five years ahead. */
export const buildFeed = async (app: FastifyInstance, { filters, locale, now = new Date() }: { filters: CalendarFilters; locale: Locale; now?: Date }) => {
  const items = await findCalendarItems(app.platform.database.db, { modules: app.platform.modules, ...feedRange(now), filters });
  const t = translator(locale);
  return buildIcs(items, { name: t('calendar.feeds.name'), description: t('calendar.feeds.description'), locale, baseUrl: app.platform.config.baseUrl });
};

/** Feeds kept per process: at most this many (filters × languages × year), the oldest dropped first. */
const KEPT_FEEDS = 64;
const feedCaches = new WeakMap<FastifyInstance, VersionedCache>();

/**
 * The feeds as buildFeed makes them, kept in memory with their compressed copies and a strong ETag
 * while every module's dates keep the same fingerprint (`calendarDatesVersion`: each contribution's
 * `version`, one small read per module, shared by the requests that arrive together), so a
 * calendar program polling the feed costs a few reads instead of every module's dates, the
 * iCalendar writing and its compression. Built for each request when a contribution gives no version.
 */
const feedCacheOf = (app: FastifyInstance) => {
  let cache = feedCaches.get(app);
  if (!cache) {
    cache = versionedCache({ readVersion: () => calendarDatesVersion(app.platform.modules, app.platform.database.db), maxEntries: KEPT_FEEDS });
    feedCaches.set(app, cache);
  }
  return cache;
};

/** The feed of the query's filters in its language (`lang`, English by default), from the kept feeds. */
const sendFeed = (app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, { lang, ...filters }: CalendarFilters & { lang?: Locale }) => {
  const locale = lang ?? DEFAULT_LOCALE;
  const now = new Date();
  return feedCacheOf(app).send(req, reply, {
    key: JSON.stringify([feedSearch({ ...filters, lang: locale }), feedRange(now).to.getUTCFullYear()]),
    type: CALENDAR_TYPE,
    // Shared caches may keep it but must ask again (the ETag makes that cheap); calendar programs poll.
    cacheControl: 'public, no-cache',
    render: () => buildFeed(app, { filters, locale, now }),
  });
};

const sendCalendar = (reply: FastifyReply, body: string, fileName?: string) => {
  // Shared caches may keep it but must ask again (the ETag makes that cheap); calendar programs poll.
  reply.type(CALENDAR_TYPE).header('cache-control', 'public, no-cache');
  if (fileName) reply.header('content-disposition', `attachment; filename="${fileName}"`);
  return reply.send(body);
};

const feedSchema = {
  tags: ['calendar'],
  summary: 'iCalendar feed of the WSIS calendar (RFC 5545), filtered by kind, group or action line',
  description:
    'Every date from 2006 to five years ahead; titles and page links in `lang`. Stable UIDs, SEQUENCE and STATUS:CANCELLED so that subscribed calendars update and remove dates. Also served at /calendar.ics. Answers 304 to a matching If-None-Match.',
  querystring: feedQuery,
  response: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } } },
};

/** `/calendar.ics`, at the root. Errors are problem documents, as under /api. */
export const feedsRootRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar.ics',
    {
      schema: { ...feedSchema, hide: true },
      onRequest: async (req) => {
        req.isApi = true;
      },
    },
    async (req, reply) => {
      return sendFeed(app, req, reply, req.query);
    },
  );
};

/** One date alone, as a file to open in a calendar program, in the page's language. */
export const feedsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>('/calendar/events/:file', async (req, reply) => {
    const key = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : null;
    const parsed = key
      ? parseItemKey(
          key,
          app.platform.modules.map((m) => m.id),
        )
      : null;
    if (!parsed || !key) throw notFound();
    const items = await findCalendarItems(app.platform.database.db, { modules: app.platform.modules, ...feedRange() });
    // The key as the pages link it (URI-encoded parts, the whole encoded once more in the path), or its parts written plainly.
    const item = items.find((i) => i.key === key || (i.module === parsed.module && i.id === parsed.id));
    if (!item) throw notFound();
    const t = translator(req.locale);
    const body = buildIcs([item], { name: item.title[req.locale], description: t('calendar.feeds.description'), locale: req.locale, baseUrl: app.platform.config.baseUrl });
    return sendCalendar(reply, body, `${item.key.replace(/[^\w.-]/g, '_')}.ics`);
  });
};

export const feedsAdminRoutes: FastifyPluginAsync = async () => {};

const answerOf = (item: CalendarItem, { baseUrl, host }: { baseUrl: string; host: string }) => ({
  uid: uidOf(item, host),
  module: item.module,
  id: item.id,
  kind: item.kind,
  title: item.title,
  start: item.start.toISOString(),
  end: item.end ? item.end.toISOString() : null,
  allDay: item.allDay,
  timeZone: item.timeZone,
  status: item.status,
  sequence: item.sequence,
  group: item.group,
  actionLines: item.actionLines,
  url: pageUrl(item, { baseUrl, locale: DEFAULT_LOCALE }),
  ics: `${baseUrl}/${DEFAULT_LOCALE}/calendar/events/${encodeURIComponent(item.key)}.ics`,
});

export const feedsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/calendar.ics', { schema: feedSchema }, async (req, reply) => {
    return sendFeed(app, req, reply, req.query);
  });

  app.get(
    '/events',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Dates of the WSIS calendar in a range',
        description:
          'Every module’s dates (meetings, deadlines, consultations, prize phases) and the calendar’s own (WSIS Forum, 17 May, report deadlines) overlapping [from, to), by start; cancelled dates included, marked. A range ending before it starts, or longer than ten years, is refused.',
        querystring: eventsQuery,
        response: { 200: eventsAnswer },
      },
    },
    async (req) => {
      const { from: fromText, to: toText, ...filters } = req.query;
      const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
      const from = fromText ? (parseInstant(fromText) as Date) : today;
      const to = toText ? (parseInstant(toText) as Date) : new Date(Date.UTC(from.getUTCFullYear() + 1, from.getUTCMonth(), from.getUTCDate()));
      // Only `to` was given and it is before today: the year before it.
      const start = !fromText && to <= from ? new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate())) : from;
      const { baseUrl } = app.platform.config;
      const items = await findCalendarItems(app.platform.database.db, { modules: app.platform.modules, from: start, to, filters });
      return { from: start.toISOString(), to: to.toISOString(), items: items.map((i) => answerOf(i, { baseUrl, host: new URL(baseUrl).host })) };
    },
  );
};
