/**
 * Read side of the Stocktaking database: the access filter, faceted full-text search, one entry,
 * statistics. Contact fields (contact_name, contact_email) are never selected here.
 */
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { type Locale, LOCALES } from '../../core/i18n/locales.js';
import { notFound } from '../../core/http/problems.js';
import { hasRole, isSignedIn, type MaybeActor } from '../../core/permissions/index.js';
import { SEARCH_CONFIGS as SEARCH_CONFIG, segmentChinese } from './search.js';
import { entries } from './tables.js';

const HAN = /\p{Script=Han}/u;

export const DEFAULT_PAGE_SIZE = 20;
export const SORTS = ['relevance', 'newest', 'title'] as const;
export type EntrySort = (typeof SORTS)[number];
export const FACETS = ['actionLine', 'sdg', 'region', 'country', 'stakeholderType', 'targetGroup', 'status', 'year'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCount = { value: string; count: number };
export type Facets = Record<FacetName, FacetCount[]>;
/** Facet filters: several values of one facet are alternatives (OR); different facets combine (AND). */
export type EntryFilters = Partial<Record<FacetName, string[]>>;

/** Columns anyone who may see an entry may read: everything except the private contact and search columns. */
const publicColumns = {
  id: entries.id,
  state: entries.state,
  submitterId: entries.submitterId,
  organizationId: entries.organizationId,
  originalLanguage: entries.originalLanguage,
  title: entries.title,
  summary: entries.summary,
  description: entries.description,
  impact: entries.impact,
  partners: entries.partners,
  translations: entries.translations,
  stakeholderType: entries.stakeholderType,
  leadCountry: entries.leadCountry,
  countries: entries.countries,
  region: entries.region,
  scope: entries.scope,
  actionLines: entries.actionLines,
  sdgs: entries.sdgs,
  sdgTargets: entries.sdgTargets,
  targetGroups: entries.targetGroups,
  projectStatus: entries.projectStatus,
  startDate: entries.startDate,
  endDate: entries.endDate,
  website: entries.website,
  badges: entries.badges,
  isDemo: entries.isDemo,
  createdAt: entries.createdAt,
  updatedAt: entries.updatedAt,
  publishedAt: entries.publishedAt,
  publishedYear: entries.publishedYear,
};
export type PublicEntry = { [K in keyof typeof publicColumns]: (typeof entries.$inferSelect)[K] };
export type EntryHit = PublicEntry & { rank: number; highlight: string | null };

/**
 * The entries an actor may see. Public visitors: published only. Moderators (and admins):
 * everything. Other signed-in users: published entries and the ones they submitted.
 * NOTE: security-critical — every list, search and read query in this module must go through this.
 */
export const visibleEntriesFor = (actor: MaybeActor): SQL => {
  if (hasRole(actor, 'moderator')) return sql`true`;
  if (isSignedIn(actor)) return or(eq(entries.state, 'published'), eq(entries.submitterId, actor.id)) as SQL;
  return eq(entries.state, 'published');
};

const integers = (values: string[]) => values.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < 100_000);

/** The SQL condition of one facet's filter (undefined when the facet is not filtered). */
const facetCondition = (facet: FacetName, values: string[] | undefined): SQL | undefined => {
  if (!values || values.length === 0) return undefined;
  switch (facet) {
    case 'actionLine':
      return sql`${entries.actionLines} && ${sql.param(values)}::text[]`;
    case 'sdg':
      return sql`${entries.sdgs} && ${sql.param(integers(values))}::integer[]`;
    case 'country':
      return sql`${entries.countries} && ${sql.param(values.map((v) => v.toUpperCase()))}::text[]`;
    case 'region':
      return inArray(entries.region, values);
    case 'stakeholderType':
      return inArray(entries.stakeholderType, values);
    case 'targetGroup':
      return sql`${entries.targetGroups} && ${sql.param(values)}::text[]`;
    case 'status':
      return sql`${entries.projectStatus} = any(${sql.param(values)}::text[])`;
    case 'year':
      return sql`${entries.publishedYear} = any(${sql.param(integers(values))}::integer[])`;
  }
};

/** The values one entry has for a facet, as a set-returning or scalar SQL expression. */
const facetValue: Record<FacetName, { expr: SQL; array: boolean }> = {
  actionLine: { expr: sql`unnest(${entries.actionLines})`, array: true },
  sdg: { expr: sql`unnest(${entries.sdgs})::text`, array: true },
  country: { expr: sql`unnest(${entries.countries})`, array: true },
  region: { expr: sql`${entries.region}`, array: false },
  stakeholderType: { expr: sql`${entries.stakeholderType}`, array: false },
  targetGroup: { expr: sql`unnest(${entries.targetGroups})`, array: true },
  status: { expr: sql`${entries.projectStatus}`, array: false },
  year: { expr: sql`${entries.publishedYear}::text`, array: false },
};

/** Counts per value of every facet, over the rows matching `base` and every other facet's filter. */
const countFacets = async (db: DbOrTx, base: SQL, filters: EntryFilters, only: readonly FacetName[] = FACETS): Promise<Facets> => {
  const facets = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Facets;
  for (const facet of only) {
    const others = FACETS.filter((f) => f !== facet).map((f) => facetCondition(f, filters[f]));
    const { expr } = facetValue[facet];
    const rows = await db.execute<{ value: string | null; count: string | number }>(
      sql`select v as value, count(*) as count from (select ${expr} as v from ${entries} where ${and(base, ...others)}) f where v is not null group by v order by count(*) desc, v asc`,
    );
    facets[facet] = rows.rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
  }
  return facets;
};

/** Chinese has no spaces between words: a query with Han characters is segmented like the index (jieba). */
const prepareQuery = (q: string) => (HAN.test(q) ? segmentChinese(q) : q);

const tsQuery = (locale: Locale, q: string) => sql`(websearch_to_tsquery(${SEARCH_CONFIG[locale]}::regconfig, ${q}) || websearch_to_tsquery('simple', ${q}))`;

/** Below this word similarity a typo-tolerant match is not a match (pg_trgm's default 0.6 misses "conectivty"). */
const TYPO_THRESHOLD = 0.4;

export type FindEntriesArgs = {
  actor: MaybeActor;
  locale: Locale;
  q?: string;
  filters?: EntryFilters;
  sort?: EntrySort;
  page?: number;
  pageSize?: number;
};

export type FindEntriesResult = { items: EntryHit[]; total: number; facets: Facets; typoTolerant: boolean };

/**
 * Faceted full-text search over the entries the actor may see (public route: no ability needed).
 * The query is stemmed with the reader's language and also matched as typed (`simple`), against
 * every language's title (weight A) and summary (B); when that finds nothing, a typo-tolerant
 * trigram match over all titles and summaries is used instead. Facets count the filtered set, each
 * facet ignoring its own filter (so choosing C2 still shows how many entries C3 would add).
 */
export const findEntries = async (
  db: DbOrTx,
  { actor, locale, q = '', filters = {}, sort, page = 1, pageSize = DEFAULT_PAGE_SIZE }: FindEntriesArgs,
): Promise<FindEntriesResult> => {
  const typed = q.trim().slice(0, 200);
  const text = prepareQuery(typed);
  const visible = visibleEntriesFor(actor);
  let textCondition: SQL | undefined;
  let rank: SQL = sql`0`;
  let typoTolerant = false;
  if (text) {
    const query = tsQuery(locale, text);
    textCondition = sql`${entries.searchVector} @@ ${query}`;
    rank = sql`ts_rank_cd(${entries.searchVector}, ${query})`;
    const [found] = (await db.execute<{ n: number }>(sql`select exists(select 1 from ${entries} where ${and(visible, textCondition)}) as n`)).rows;
    if (!found?.n) {
      typoTolerant = true;
      textCondition = sql`word_similarity(${typed}, ${entries.searchText}) >= ${TYPO_THRESHOLD}`;
      rank = sql`word_similarity(${typed}, ${entries.searchText})`;
    }
  }
  const base = and(visible, textCondition) as SQL;
  const where = and(base, ...FACETS.map((f) => facetCondition(f, filters[f])));

  const effectiveSort: EntrySort = sort ?? (text ? 'relevance' : 'newest');
  const shownTitle = sql`coalesce(nullif(${entries.title}->>${locale}, ''), nullif(${entries.title}->>'en', ''), ${entries.title}->>${entries.originalLanguage})`;
  const order =
    effectiveSort === 'title'
      ? [asc(sql`lower(${shownTitle})`), asc(entries.id)]
      : effectiveSort === 'relevance' && text
        ? [desc(sql`rank`), desc(entries.publishedAt), desc(entries.id)]
        : [sql`${entries.publishedAt} desc nulls last`, desc(entries.id)];

  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 100);
  const current = Math.max(1, Math.trunc(page));
  const rows = await db
    .select({ ...publicColumns, rank: sql<number>`${rank}`.as('rank') })
    .from(entries)
    .where(where)
    .orderBy(...order)
    .limit(size)
    .offset((current - 1) * size);
  const [counted] = (await db.execute<{ n: string | number }>(sql`select count(*) as n from ${entries} where ${where}`)).rows;
  const facets = await countFacets(db, base, filters);
  const highlights = text && !typoTolerant ? await highlightTitles(db, { rows, locale, q: text }) : new Map<number, string>();
  return {
    items: rows.map((r) => ({ ...r, rank: Number(r.rank), highlight: highlights.get(r.id) ?? null })),
    total: Number(counted?.n ?? 0),
    facets,
    typoTolerant,
  };
};

/** The markers ts_headline puts around matched words (control characters no title contains). */
export const MARK_START = String.fromCharCode(1);
export const MARK_STOP = String.fromCharCode(2);
const stripMarkers = (text: string) => text.split(MARK_START).join('').split(MARK_STOP).join('');

/** The title each row shows in `locale` (the reader's language, else English, else the first present). */
const shownTitleOf = (title: Partial<Record<Locale, string>>, locale: Locale): { text: string; locale: Locale } => {
  for (const l of [locale, 'en' as const, ...LOCALES]) if (title[l]) return { text: title[l] as string, locale: l };
  return { text: '', locale };
};

/**
 * Titles with the matched words between \u0001 and \u0002 (the view turns them into <mark>; the
 * markers cannot come from the user's text, which is stripped of them first).
 */
const highlightTitles = async (db: DbOrTx, { rows, locale, q }: { rows: PublicEntry[]; locale: Locale; q: string }) => {
  if (rows.length === 0) return new Map<number, string>();
  const shown = rows.map((r) => shownTitleOf(r.title, locale));
  // Chinese titles are stored unsegmented, so ts_headline cannot find their words: mark them here.
  const hanWords = q.split(' ').filter((w) => HAN.test(w));
  const marked = (text: string) =>
    hanWords.length === 0 ? text : text.replace(new RegExp(hanWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'), (m) => `${MARK_START}${m}${MARK_STOP}`);
  const result = await db.execute<{ id: string | number; h: string }>(
    sql`select t.id, ts_headline(t.cfg::regconfig, t.doc, ${tsQuery(locale, q)}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true') as h
        from unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(shown.map((s) => stripMarkers(s.text)))}::text[], ${sql.param(shown.map((s) => SEARCH_CONFIG[s.locale]))}::text[]) as t(id, doc, cfg)`,
  );
  const zh = new Map(rows.map((r, i) => [r.id, shown[i]?.locale === 'zh' ? marked(stripMarkers(shown[i]?.text ?? '')) : undefined]));
  return new Map(result.rows.map((r) => [Number(r.id), zh.get(Number(r.id)) ?? r.h]));
};

/** One entry the actor may see (public route); throws NotFound for a missing, invisible or malformed id. */
export const getEntry = async (db: DbOrTx, { actor, id }: { actor: MaybeActor; id: number }): Promise<PublicEntry> => {
  if (!Number.isSafeInteger(id) || id < 1) throw notFound();
  const [entry] = await db
    .select(publicColumns)
    .from(entries)
    .where(and(eq(entries.id, id), visibleEntriesFor(actor)));
  if (!entry) throw notFound();
  return entry;
};

/** Counts of published entries per action line, SDG, region, stakeholder type, target group and year (public). */
export const countEntriesByFacet = async (db: DbOrTx): Promise<Facets> =>
  countFacets(db, visibleEntriesFor(null), {}, ['actionLine', 'sdg', 'region', 'stakeholderType', 'targetGroup', 'status', 'year']);

/**
 * The condition of the entries an actor may see that match a search and facet filters (the same
 * stemmed full-text match as findEntries, without its typo-tolerant fallback): the exports stream
 * the current filter with it. Public: no ability needed.
 * NOTE: security-critical — built on visibleEntriesFor(actor).
 */
export const entryFilterCondition = ({ actor, locale, q = '', filters = {} }: { actor: MaybeActor; locale: Locale; q?: string; filters?: EntryFilters }): SQL => {
  const text = prepareQuery(q.trim().slice(0, 200));
  const textCondition = text ? sql`${entries.searchVector} @@ ${tsQuery(locale, text)}` : undefined;
  return and(visibleEntriesFor(actor), textCondition, ...FACETS.map((f) => facetCondition(f, filters[f]))) as SQL;
};
