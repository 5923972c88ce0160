import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../core/i18n/locales.js';
import { pathId } from '../../core/http/params.js';
import { DEFAULT_PAGE_SIZE, type EntryBadge, type EntryFilters, FACETS, findEntries, findEntryBadges, getEntry, type PublicEntry, SORTS } from './queries.js';
import { PROJECT_STATUSES, SCOPES, TARGET_GROUPS, TRANSLATION_KINDS } from './tables.js';

/** One filter: repeated parameters (`?sdg=4&sdg=5`) or a comma-separated list (`?sdg=4,5`). */
const listParam = z
  .union([z.string().max(500), z.array(z.string().max(500)).max(50)])
  .optional()
  .transform((v) =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v])
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter((s) => s.length > 0 && s.length <= 60)
          .slice(0, 50),
  );

const searchFields = {
  q: z.string().max(200).optional().describe('Words to find, in any of the six languages (web-search syntax: "phrase", or, -word)'),
  ...(Object.fromEntries(FACETS.map((f) => [f, listParam])) as Record<(typeof FACETS)[number], typeof listParam>),
  sort: z.enum(SORTS).optional().describe('relevance (default with q), newest (default without), title'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
};

/** Query of GET /api/v1/entries (and of the search page, which forgives bad values instead). */
export const entriesQuery = z.object({
  lang: z.enum(LOCALES).optional().describe('Language of the labels and of the ranking (matches in it come first); q is searched in all six languages whatever lang is'),
  ...searchFields,
});

export type SearchParams = { q: string; filters: EntryFilters; sort: (typeof SORTS)[number] | undefined; page: number; pageSize: number };

const toSearchParams = (query: Partial<z.output<typeof entriesQuery>>): SearchParams => ({
  q: query.q?.trim() ?? '',
  filters: Object.fromEntries(FACETS.map((f) => [f, query[f]]).filter(([, v]) => v && v.length > 0)) as EntryFilters,
  sort: query.sort,
  page: query.page ?? 1,
  pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
});

/** The search page's parameters: a value that does not parse is dropped rather than refused. */
export const parseSearchParams = (raw: unknown): SearchParams => {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(searchFields)) {
    const result = schema.safeParse(source[name]);
    if (result.success) parsed[name] = result.data;
  }
  return toSearchParams(parsed as Partial<z.output<typeof entriesQuery>>);
};

const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);

const entryItem = z.object({
  id: z.number().int(),
  state: z.string().describe('published, unless the caller may see unpublished entries'),
  language: z.enum(LOCALES).describe('Language of the original text'),
  title: localized,
  summary: localized,
  translations: z.record(z.string(), z.enum(TRANSLATION_KINDS)).describe('Per language: original, unofficial or reviewed translation'),
  organizationId: z.number().int().nullable(),
  stakeholderType: z.string(),
  leadCountry: z.string().meta({ example: 'KE' }),
  countries: z.array(z.string()),
  region: z.string().nullable(),
  scope: z.enum(SCOPES),
  actionLines: z.array(z.string()).meta({ example: ['C2', 'C7.e-health'] }),
  sdgs: z.array(z.number().int()),
  sdgTargets: z.array(z.string()),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  status: z.enum(PROJECT_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  website: z.string().nullable(),
  badges: z
    .array(z.object({ kind: z.string() }).catchall(z.union([z.string(), z.number(), z.boolean(), z.null()])))
    .describe("Badges other modules give the entry: each one's kind and open data (WSIS Prizes: kind winner or champion, year, category)"),
  isDemo: z.boolean(),
  publishedAt: z.string().nullable(),
  year: z.number().int().nullable(),
});
const entryDetail = entryItem.extend({ description: localized, impact: localized, partners: localized });
const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));
const entryList = z.object({
  items: z.array(entryItem),
  total: z.number().int(),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f, facetCounts])) as Record<(typeof FACETS)[number], typeof facetCounts>),
});

/** The public shape of an entry (never the contact fields, which PublicEntry does not even hold). */
const present = (e: PublicEntry & { badges: EntryBadge[] }) => ({
  id: e.id,
  state: e.state,
  language: e.originalLanguage,
  title: e.title,
  summary: e.summary,
  translations: e.translations,
  organizationId: e.organizationId,
  stakeholderType: e.stakeholderType,
  leadCountry: e.leadCountry,
  countries: e.countries,
  region: e.region,
  scope: e.scope,
  actionLines: e.actionLines,
  sdgs: e.sdgs,
  sdgTargets: e.sdgTargets,
  targetGroups: e.targetGroups as (typeof TARGET_GROUPS)[number][],
  status: e.projectStatus,
  startDate: e.startDate,
  endDate: e.endDate,
  website: e.website,
  badges: e.badges.map((b) => ({ kind: b.kind, ...b.data })),
  isDemo: e.isDemo,
  publishedAt: e.publishedAt ? e.publishedAt.toISOString() : null,
  year: e.publishedYear,
});

/** Read endpoints of the entries API (GET /entries, GET /entries/:id); public, limited by visibleEntriesFor. */
export const registerEntryReadApi = async (app: FastifyInstance) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/entries',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'Search the WSIS Stocktaking database, with facet counts',
        querystring: entriesQuery,
        response: { 200: entryList },
      },
    },
    async (req) => {
      const params = toSearchParams(req.query);
      const { db } = req.server.platform.database;
      const result = await findEntries(db, { actor: req.actor, locale: req.locale, ...params });
      // Badges come from other modules' contributions (the WSIS Prizes results), not from the entries' own badges column.
      const badges = await findEntryBadges(
        req.server.platform.modules,
        db,
        result.items.map((i) => i.id),
      );
      return { items: result.items.map((i) => present({ ...i, badges: badges.get(i.id) ?? [] })), total: result.total, facets: result.facets };
    },
  );

  api.get(
    '/entries/:id',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'One entry of the WSIS Stocktaking database (404 unless published or the caller may see it)',
        params: z.object({ id: z.string() }),
        response: { 200: entryDetail },
      },
    },
    async (req) => {
      const { db } = req.server.platform.database;
      const found = await getEntry(db, { actor: req.actor, id: pathId(req.params.id) });
      const entry = { ...found, badges: (await findEntryBadges(req.server.platform.modules, db, [found.id])).get(found.id) ?? [] };
      return { ...present(entry), description: entry.description, impact: entry.impact, partners: entry.partners };
    },
  );
};
