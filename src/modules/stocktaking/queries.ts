/**
 * Read side of the Stocktaking database: the access filter, faceted full-text search, one entry,
 * statistics. Contact fields (contact_name, contact_email) are never selected here.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
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
export const publicColumns = {
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

/** How a facet's values are read from the match set `m` (set-returning for array columns). */
const facetValue: Record<FacetName, SQL> = {
  actionLine: sql.raw('unnest(m.action_lines)'),
  sdg: sql.raw('unnest(m.sdgs)::text'),
  country: sql.raw('unnest(m.countries)'),
  region: sql.raw('m.region'),
  stakeholderType: sql.raw('m.stakeholder_type'),
  targetGroup: sql.raw('unnest(m.target_groups)'),
  status: sql.raw('m.project_status'),
  year: sql.raw('m.published_year::text'),
};

type MatchSet = {
  /** Which rows: visibility and the text match (never the facet filters, which facets must ignore one by one). */
  where: SQL;
  /** The relevance of a row (only on the narrow title vector, see findEntries). */
  rank: SQL;
  filters: EntryFilters;
  /** ORDER BY of the page over `m` (columns id, rank, published_at, sort_title). */
  order: SQL;
  sortTitle?: SQL;
  limit: number;
  offset: number;
  facets: readonly FacetName[];
};

/** Memory for one search's sorts and hash tables, for its transaction only. */
const SEARCH_WORK_MEM = '32MB';

type MatchResult = { page: { id: number; rank: number }[]; total: number; matched: number; facets: Facets };

/**
 * One statement for a whole search: the matching rows are read once into a MATERIALIZED CTE `m`
 * (id, sort keys and facet columns, plus one boolean per filtered facet), then the page, the total
 * and every facet's counts are computed from `m`, each facet over the rows that pass every other
 * facet's filter. Before: an existence probe, the page, a count and 8 facet queries, each
 * re-reading the matches.
 */
const searchMatches = async (db: DbOrTx, set: MatchSet): Promise<MatchResult> => {
  const filtered = FACETS.map((f, i) => ({ facet: f, flag: `f${i}`, condition: facetCondition(f, set.filters[f]) })).filter(
    (f): f is { facet: FacetName; flag: string; condition: SQL } => f.condition !== undefined,
  );
  const passing = (except?: FacetName) => {
    const flags = filtered.filter((f) => f.facet !== except).map((f) => sql.raw(`m.${f.flag}`));
    return flags.length === 0 ? sql`true` : sql.join(flags, sql` and `);
  };
  const flagColumns = filtered.map((f) => sql`, coalesce(${f.condition}, false) as ${sql.raw(f.flag)}`);
  const facetParts = set.facets.map(
    (facet) =>
      sql`select 2 as part, ${facet}::text as facet, v as value, count(*) as n, null::bigint as id, null::real as rank, null::bigint as pos
          from (select ${facetValue[facet]} as v from m where ${passing(facet)}) f where v is not null group by v`,
  );
  const statement = sql`with m as materialized (
      select ${entries.id} as id, (${set.rank})::real as rank, ${entries.publishedAt} as published_at, ${set.sortTitle ?? sql`null::text`} as sort_title,
        ${entries.actionLines} as action_lines, ${entries.sdgs} as sdgs, ${entries.countries} as countries, ${entries.region} as region,
        ${entries.stakeholderType} as stakeholder_type, ${entries.targetGroups} as target_groups, ${entries.projectStatus} as project_status,
        ${entries.publishedYear} as published_year ${sql.join(flagColumns, sql``)}
      from ${entries} where ${set.where}
    ),
    p as (select m.id, m.rank, row_number() over (order by ${set.order}) as pos from m where ${passing()} order by ${set.order} limit ${set.limit} offset ${set.offset})
    select 0 as part, null::text as facet, null::text as value, (select count(*) from m where ${passing()}) as n, (select count(*) from m) as id, null::real as rank, null::bigint as pos
    union all
    select 1, null, null, null, p.id, p.rank, p.pos from p
    ${facetParts.length > 0 ? sql`union all ${sql.join(facetParts, sql` union all `)}` : sql``}
    order by part, facet, n desc, value, pos`;
  // The match set and its sorts stay in memory (the default 4 MB spills 20,000 rows to disk).
  const { rows } = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', ${SEARCH_WORK_MEM}, true)`);
    return tx.execute<{ part: number; facet: FacetName | null; value: string | null; n: string | number | null; id: string | number | null; rank: number | null }>(statement);
  });
  const result: MatchResult = { page: [], total: 0, matched: 0, facets: Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Facets };
  for (const r of rows) {
    const part = Number(r.part);
    if (part === 0) {
      result.total = Number(r.n);
      result.matched = Number(r.id);
    } else if (part === 1) result.page.push({ id: Number(r.id), rank: Number(r.rank ?? 0) });
    else if (r.facet) result.facets[r.facet].push({ value: String(r.value), count: Number(r.n) });
  }
  return result;
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
 * trigram match over all titles is used instead. Facets count the filtered set, each
 * facet ignoring its own filter (so choosing C2 still shows how many entries C3 would add).
 * Relevance: entries whose title matches come first, by ts_rank_cd over the small title vector,
 * then the others by date (ranking the big search_vector of 20,000 matches cost 100+ ms).
 */
export const findEntries = async (
  db: DbOrTx,
  { actor, locale, q = '', filters = {}, sort, page = 1, pageSize = DEFAULT_PAGE_SIZE }: FindEntriesArgs,
): Promise<FindEntriesResult> => {
  const typed = q.trim().slice(0, 200);
  const text = prepareQuery(typed);
  const visible = visibleEntriesFor(actor);
  const effectiveSort: EntrySort = sort ?? (text ? 'relevance' : 'newest');
  const shownTitle = sql`coalesce(nullif(${entries.title}->>${locale}, ''), nullif(${entries.title}->>'en', ''), ${entries.title}->>${entries.originalLanguage})`;
  const order =
    effectiveSort === 'title'
      ? sql.raw('m.sort_title asc, m.id asc')
      : effectiveSort === 'relevance' && text
        ? sql.raw('m.rank desc, m.published_at desc nulls last, m.id desc')
        : sql.raw('m.published_at desc nulls last, m.id desc');
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 100);
  const current = Math.max(1, Math.trunc(page));
  const common = { filters, order, sortTitle: effectiveSort === 'title' ? sql`lower(${shownTitle})` : undefined, limit: size, offset: (current - 1) * size, facets: FACETS };

  let typoTolerant = false;
  let found: MatchResult;
  if (text) {
    const query = tsQuery(locale, text);
    found = await searchMatches(db, {
      ...common,
      where: and(visible, sql`${entries.searchVector} @@ ${query}`) as SQL,
      rank: sql`case when ${entries.titleVector} @@ ${query} then ts_rank_cd(${entries.titleVector}, ${query}) else 0 end`,
    });
    if (found.matched === 0) {
      // Nothing under any filter: try the words as misspelt, against the titles. `<%` uses the
      // trigram index (a word_similarity() condition would read every row); its threshold is set
      // for this transaction only. Titles only: checking 100,000 summaries' trigrams took seconds.
      typoTolerant = true;
      found = await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_THRESHOLD)}, true)`);
        return searchMatches(tx, {
          ...common,
          where: and(visible, sql`${typed} <% ${entries.titleText}`) as SQL,
          rank: sql`word_similarity(${typed}, ${entries.titleText})`,
        });
      });
    }
  } else {
    found = await searchMatches(db, { ...common, where: visible, rank: sql`0` });
  }

  const ids = found.page.map((p) => p.id);
  const fetched =
    ids.length === 0
      ? []
      : await db
          .select(publicColumns)
          .from(entries)
          .where(and(visible, sql`${entries.id} = any(${sql.param(ids)}::bigint[])`));
  const byId = new Map(fetched.map((r) => [r.id, r]));
  const rows = found.page.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [{ ...row, rank: p.rank }] : [];
  });
  const highlights = text && !typoTolerant ? await highlightTitles(db, { rows, locale, q: text }) : new Map<number, string>();
  return {
    items: rows.map((r) => ({ ...r, highlight: highlights.get(r.id) ?? null })),
    total: found.total,
    facets: found.facets,
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
  (
    await searchMatches(db, {
      where: visibleEntriesFor(null),
      rank: sql`0`,
      filters: {},
      order: sql.raw('m.id'),
      limit: 0,
      offset: 0,
      facets: ['actionLine', 'sdg', 'region', 'stakeholderType', 'targetGroup', 'status', 'year'],
    })
  ).facets;

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

/**
 * Published entries submitted by a user or belonging to one of the given organizations, newest
 * first: what that user may nominate for the WSIS Prizes. Public columns only.
 */
export const findPublishedEntriesOfOwner = async (db: DbOrTx, { userId, organizationIds }: { userId: number; organizationIds: number[] }) =>
  db
    .select({
      id: entries.id,
      title: entries.title,
      summary: entries.summary,
      originalLanguage: entries.originalLanguage,
      organizationId: entries.organizationId,
      actionLines: entries.actionLines,
    })
    .from(entries)
    .where(and(eq(entries.state, 'published'), or(eq(entries.submitterId, userId), organizationIds.length > 0 ? inArray(entries.organizationId, organizationIds) : undefined)))
    .orderBy(sql`${entries.publishedAt} desc nulls last`)
    .limit(200);
