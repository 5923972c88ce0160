/**
 * Read side of the Stocktaking database: the access filter, faceted full-text search, one entry,
 * statistics. Contact fields (contact_name, contact_email) are never selected here.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Badge, collectBadges } from '../../core/contributions.js';
import type { DbOrTx } from '../../core/db/client.js';
import { preparedPerHandle } from '../../core/db/prepared.js';
import { type Locale, LOCALES } from '../../core/i18n/locales.js';
import { notFound } from '../../core/http/problems.js';
import type { PlatformModule } from '../../core/module.js';
import { hasRole, isSignedIn, type MaybeActor } from '../../core/permissions/index.js';
import { anyLanguageQuery, prepareSearchText, readerQuery, SEARCH_CONFIGS as SEARCH_CONFIG, stemArabic } from '../../core/search/index.js';
import { anyVisible, type EntryFilters, entriesVersionOf, FACETS, type FacetName, type Facets, facetIndexOf, tally } from './facet-index.js';
import { entries, entriesVersion, searchRows, searchWords } from './tables.js';
import { evaluateQuery, parseTsQuery, union, wordIndexOf } from './word-index.js';

const HAN = /\p{Script=Han}/u;
/** An Arabic word of a prepared query (its search form), and one of a text, diacritics and tatweel included. */
const ARABIC_WORD = /\p{Script=Arabic}+/gu;
const ARABIC_WORD_WITH_MARKS = /[\p{Script=Arabic}\u064B-\u065F\u0670\u0640]+/gu;

export const DEFAULT_PAGE_SIZE = 20;
export const SORTS = ['relevance', 'newest', 'title'] as const;
export type EntrySort = (typeof SORTS)[number];
export { type EntryFilters, FACETS, type FacetCount, type FacetName, type Facets } from './facet-index.js';

/** Columns anyone who may see an entry may read: everything except the private contact and search columns. */
export const publicColumns = {
  id: entries.id,
  state: entries.state,
  submitterId: entries.submitterId,
  organizationId: entries.organizationId,
  originalLanguage: entries.originalLanguage,
  outdatedLanguages: entries.outdatedLanguages,
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
  isDemo: entries.isDemo,
  createdAt: entries.createdAt,
  updatedAt: entries.updatedAt,
  publishedAt: entries.publishedAt,
  publishedYear: entries.publishedYear,
};
/** A badge another module gives an entry (a prize it won), collected by the core: entryBadgesOf. */
export type EntryBadge = Badge;

/**
 * The badges other modules give these entries (prizes won: public once announced), keyed by entry
 * id; asked of the core, which collects every module's `badges` contributions on 'stocktaking.entry'.
 */
export const findEntryBadges = (modules: readonly PlatformModule[], db: DbOrTx, ids: number[]) => collectBadges(modules, db, { on: 'stocktaking.entry', ids });
export type PublicEntry = { [K in keyof typeof publicColumns]: (typeof entries.$inferSelect)[K] };
export type EntryHit = PublicEntry & { rank: number; highlight: string | null };

/**
 * The entries an actor may see. Public visitors: published only. Moderators (and admins):
 * everything. Other signed-in users: published entries and the ones they submitted.
 * NOTE: security-critical — every list, search and read query in this module must go through this.
 */
export const visibleEntriesFor = (
  actor: MaybeActor,
  rows: { state: typeof entries.state | typeof searchRows.state; submitterId: typeof entries.submitterId | typeof searchRows.submitterId } = entries,
): SQL => {
  if (hasRole(actor, 'moderator')) return sql`true`;
  if (isSignedIn(actor)) return or(eq(rows.state, 'published'), eq(rows.submitterId, actor.id)) as SQL;
  return eq(rows.state, 'published');
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

/**
 * A query as the index holds text: Arabic words normalized and stemmed, Chinese segmented (jieba),
 * exactly as search.ts prepares the entries' text.
 */
const prepareQuery = (q: string) => prepareSearchText(q);

/** The query of a search, whatever language it is written in (core/search: every reading, excluded words excluded). */
const tsQuery = anyLanguageQuery;

/** Below this trigram similarity a word is not a correction of a misspelt one ("conectivty" and "connectivity": 0.5). */
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

/** Up to this many title matches are ordered by ts_rank_cd; beyond, every title match ranks alike (see findEntries). */
export const RANK_LIMIT = 2000;

/**
 * The ids of matchWords' string ("12,-7,31": title matches negated), split into title matches and
 * the others. Read character by character: split() and Number() over 20,000 ids cost 8 ms a search.
 */
const parseMatches = (text: string | null): { title: number[]; other: number[] } => {
  const title: number[] = [];
  const other: number[] = [];
  if (!text) return { title, other };
  let value = 0;
  let negative = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (negative) title.push(value);
      else other.push(value);
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return { title, other };
};

/**
 * The matches of the words (title matches apart, and which of them the reader's-language reading
 * matches) at a version, and whether the actor may see any of them.
 */
type WordMatches = { version: number; title: ArrayLike<number>; other: ArrayLike<number>; reader: ArrayLike<number>; anyVisible: boolean };

/** A search's two queries: every reading, and the reader's language alone (a part of it). */
type SearchQueries = { query: SQL; reader: SQL };

/**
 * What matchWords answers when the word index cannot (a phrase): one bitmap scan of the narrow
 * stocktaking_search table; the ids come back as one string (cheaper than 20,000 rows).
 */
const matchWordsInDatabase = async (db: DbOrTx, { actor, query, reader }: { actor: MaybeActor } & SearchQueries): Promise<WordMatches> => {
  // One aggregate, title matches negated: two filtered aggregates evaluated the title match twice.
  // The reader's-language matches are listed again after a '|'.
  const [row] = (
    await db.execute<{ v: string | number; m: string | null; r: string | null }>(sql`
      select (select ${entriesVersion.version} from ${entriesVersion}) as v,
        string_agg((case when ${searchRows.titleVector} @@ ${query} then -${searchRows.entryId} else ${searchRows.entryId} end)::text, ',') as m,
        string_agg(case when ${searchRows.searchVector} @@ ${reader} then ${searchRows.entryId}::text end, ',') as r
      from ${searchRows} where ${visibleEntriesFor(actor, searchRows)} and ${searchRows.searchVector} @@ ${query}`)
  ).rows;
  const { title, other } = parseMatches(row?.m ?? null);
  return { version: Number(row?.v ?? 0), title, other, reader: parseMatches(row?.r ?? null).other, anyVisible: title.length + other.length > 0 };
};

/**
 * The entries the actor may see whose title or summary matches the words, split into title matches
 * and the others, with the version of the entries they were matched at. PostgreSQL parses and
 * stems the query and reads the version in one round trip; the word index in memory
 * (word-index.ts) finds the entries, and the facet index drops those the actor may not see.
 * Phrases need positions, which the word index does not keep: PostgreSQL finds those.
 */
const matchWords = async (db: DbOrTx, { actor, query, reader }: { actor: MaybeActor } & SearchQueries): Promise<WordMatches> => {
  const [row] = (
    await db.execute<{ v: string | number; q: string | null; r: string | null }>(
      sql`select (select ${entriesVersion.version} from ${entriesVersion}) as v, (${query})::text as q, (${reader})::text as r`,
    )
  ).rows;
  const version = Number(row?.v ?? 0);
  const tree = parseTsQuery(row?.q ?? '');
  const readerTree = parseTsQuery(row?.r ?? '');
  if (tree === undefined || readerTree === undefined) return matchWordsInDatabase(db, { actor, query, reader });
  if (tree === null) return { version, title: [], other: [], reader: [], anyVisible: false };
  const facets = await facetIndexOf(db, version);
  const words = await wordIndexOf(db, version);
  const { title, other } = evaluateQuery(words, tree);
  const inReader = readerTree === null ? undefined : evaluateQuery(words, readerTree);
  // The entries the actor may not see are left to tally, which checks every row it counts.
  return {
    version,
    title,
    other,
    reader: inReader ? union(inReader.title, inReader.other) : [],
    anyVisible: anyVisible(facets, actor, title) || anyVisible(facets, actor, other),
  };
};

/**
 * The page `offset .. offset + limit` of `ids` (newest first) ordered by the ts_rank_cd of their
 * titles, higher first, equal ranks in their order, each with its rank as a fraction below 1 (it
 * orders the matches within their group, never above a better group). PostgreSQL ranks and orders
 * the whole group (a few thousand at most, read through the primary key) and returns the page
 * alone: the group's every rank, read and ordered here, was thousands of rows to parse per search.
 */
const rankedPage = async (db: DbOrTx, { ids, query, offset, limit }: { ids: number[]; query: SQL; offset: number; limit: number }): Promise<{ id: number; rank: number }[]> => {
  const { rows } = await db.execute<{ id: string | number; r: number }>(
    sql`select m.id, coalesce(ts_rank_cd(s.title_vector, ${query}), 0) as r
      from unnest(${sql.param(ids)}::bigint[]) with ordinality as m(id, n)
      left join ${searchRows} s on s.entry_id = m.id
      order by r desc, m.n limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => ({ id: Number(r.id), rank: Number(r.r) / (1 + Number(r.r)) }));
};

/** Closest published title words tried for each misspelt word. */
const CORRECTIONS_PER_WORD = 3;

/**
 * The words of a search that found nothing, each with the published title words closest to it
 * (trigram similarity at least TYPO_THRESHOLD, best first; the word itself when none is close),
 * read through the trigram index of the small stocktaking_words table. Before: `<%` against every
 * title, whose similarity check of 18,000 candidate titles took 0.9 s for "digtal".
 */
const correctWords = async (db: DbOrTx, typed: string): Promise<string[][]> => {
  const words = typed.split(/\s+/u).filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(TYPO_THRESHOLD)}, true)`);
    return (
      await tx.execute<{ i: string | number; word: string }>(sql`
        select t.i, w.word from unnest(${sql.param(words)}::text[]) with ordinality as t(typed, i)
        cross join lateral (
          select ${searchWords.word} as word from ${searchWords} where ${searchWords.word} % lower(t.typed)
          order by similarity(${searchWords.word}, lower(t.typed)) desc, ${searchWords.word} limit ${CORRECTIONS_PER_WORD}
        ) w`)
    ).rows;
  });
  return words.map((word, i) => {
    const close = rows.filter((r) => Number(r.i) === i + 1).map((r) => r.word);
    return close.length > 0 ? close : [word];
  });
};

/** One page of `ids` ordered by the title shown in `locale` (the title sort). */
const pageByTitle = async (db: DbOrTx, { ids, locale, limit, offset }: { ids: number[]; locale: Locale; limit: number; offset: number }) => {
  if (ids.length === 0) return [];
  const shownTitle = sql`coalesce(nullif(${entries.title}->>${locale}, ''), nullif(${entries.title}->>'en', ''), ${entries.title}->>${entries.originalLanguage})`;
  const rows = await db
    .select({ id: entries.id })
    .from(entries)
    .where(sql`${entries.id} = any(${sql.param(ids)}::bigint[])`)
    .orderBy(sql`lower(${shownTitle}) asc`, entries.id)
    .limit(limit)
    .offset(offset);
  return rows.map((r) => r.id);
};

/** Reads the facet and word indexes of the current version (at start: the first search then finds them in memory). */
export const warmSearch = async (db: DbOrTx): Promise<void> => {
  const version = await entriesVersionOf(db);
  await facetIndexOf(db, version);
  await wordIndexOf(db, version);
};

/**
 * Faceted full-text search over the entries the actor may see (public route: no ability needed).
 * The query is stemmed with the reader's language and also matched as typed (`simple`), against
 * every language's title (weight A) and summary (B); when that finds nothing, each word is taken
 * as misspelt and replaced by the closest words of published titles (correctWords).
 *
 * PostgreSQL answers which entries match the words (matchWords: one scan of the narrow search
 * table); the facet index in memory (facet-index.ts) gives the total, each facet's counts (each
 * facet ignoring its own filter, so choosing C2 still shows how many entries C3 would add) and the
 * order. Relevance: title matches first, then summary matches, newest first within each. When at
 * most RANK_LIMIT titles match, they are ordered by ts_rank_cd over the small title vector (the
 * words close together, or found in several languages' titles, first). A broader search (a frequent
 * word: 17,558 title matches for "digital" at 100,000 entries) ranks its title matches alike, newest
 * first: ts_rank_cd for all of them cost 45 ms, and gave 89% of them the same rank.
 */
export const findEntries = async (
  db: DbOrTx,
  { actor, locale, q = '', filters = {}, sort, page = 1, pageSize = DEFAULT_PAGE_SIZE }: FindEntriesArgs,
): Promise<FindEntriesResult> => {
  const typed = q.trim().slice(0, 200);
  const text = prepareQuery(typed);
  const effectiveSort: EntrySort = sort ?? (text ? 'relevance' : 'newest');
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 100);
  const offset = (Math.max(1, Math.trunc(page)) - 1) * size;
  const byRelevance = effectiveSort === 'relevance';

  let typoTolerant = false;
  let version: number;
  let matched: { title: ArrayLike<number>; other: ArrayLike<number>; reader: ArrayLike<number> } | undefined;
  let query: SQL | undefined;
  if (text) {
    const queries = { query: tsQuery(text), reader: readerQuery(locale, text) };
    query = queries.query;
    const words = await matchWords(db, { actor, ...queries });
    version = words.version;
    matched = words;
    if (!words.anyVisible) {
      // Nothing under any filter: take the words as misspelt, and search for the closest words instead.
      typoTolerant = true;
      const corrected = (await correctWords(db, typed)).map((candidates) => candidates.map(prepareQuery));
      const closest = (read: (c: string) => SQL) =>
        sql`(${sql.join(
          corrected.map(
            (candidates) =>
              sql`(${sql.join(
                candidates.map((c) => read(c)),
                sql` || `,
              )})`,
          ),
          sql` && `,
        )})`;
      query = closest(tsQuery);
      const close = await matchWords(db, { actor, query, reader: closest((c) => readerQuery(locale, c)) });
      version = close.version;
      matched = close;
    }
  } else version = await entriesVersionOf(db);

  const index = await facetIndexOf(db, version);
  const found = tally(index, { actor, matched, byRelevance, filters });
  let ids: number[];
  /** Ranks shown with the items: their group's (3 for the reader's-language title matches … 0), plus the exact rank of a title match when computed. */
  const ranks = new Map<number, number>();
  if (effectiveSort === 'title') ids = await pageByTitle(db, { ids: found.idsAt(0, found.total), locale, limit: size, offset });
  else if (!byRelevance || found.tiers.length === 0) ids = found.idsAt(offset, offset + size);
  else {
    // Group by group, the part of each on this page; the title matches of a group of at most
    // RANK_LIMIT ordered by their exact rank (the whole group must be ranked to cut a page from it).
    ids = [];
    let start = 0;
    for (const [g, tier] of found.tiers.entries()) {
      const end = start + tier.size;
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + size);
      if (from < to) {
        const base = found.tiers.length - 1 - g;
        let part: number[];
        if (query && tier.title && tier.size > 1 && tier.size <= RANK_LIMIT) {
          const ranked = await rankedPage(db, { ids: found.idsAt(start, end), query, offset: from - start, limit: to - from });
          part = ranked.map((r) => r.id);
          for (const r of ranked) ranks.set(r.id, base + r.rank);
        } else {
          part = found.idsAt(from, to);
          for (const id of part) ranks.set(id, base);
        }
        ids.push(...part);
      }
      start = end;
    }
  }
  const rankOf = (id: number) => ranks.get(id) ?? 0;

  const fetched = ids.length === 0 ? [] : await (isSignedIn(actor) ? entriesById(db, visibleEntriesFor(actor), '') : publicEntriesById(db)).execute({ ids });
  const byId = new Map(fetched.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, rank: rankOf(id) }] : [];
  });
  const highlights = query ? await highlightTitles(db, { rows, query, locale, q: text }) : new Map<number, string>();
  return {
    items: rows.map((r) => ({ ...r, highlight: highlights.get(r.id) ?? null })),
    total: found.total,
    facets: found.facets,
    typoTolerant,
  };
};

/** The entries of a page by id (`ids`, one array parameter) that `visible` lets through; `name` '' for an unnamed statement. */
const entriesById = (db: DbOrTx, visible: SQL, name: string) =>
  db
    .select(publicColumns)
    .from(entries)
    .where(and(visible, sql`${entries.id} = any(${sql.placeholder('ids')}::bigint[])`))
    .prepare(name);

/**
 * The public's (visibleEntriesFor a visitor), built once per handle: most pages are the public's.
 * A signed-in reader's visibility names them, so theirs is built for each page.
 */
const publicEntriesById = preparedPerHandle('stocktaking_public_entries_by_id', (db, name) => entriesById(db, visibleEntriesFor(null), name));

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
const highlightTitles = async (db: DbOrTx, { rows, query, locale, q }: { rows: PublicEntry[]; query: SQL; locale: Locale; q: string }) => {
  if (rows.length === 0) return new Map<number, string>();
  const shown = rows.map((r) => shownTitleOf(r.title, locale));
  // Chinese titles are stored unsegmented, so ts_headline cannot find their words: mark them here.
  const hanWords = q.split(' ').filter((w) => HAN.test(w));
  const marked = (text: string) =>
    hanWords.length === 0 ? text : text.replace(new RegExp(hanWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'), (m) => `${MARK_START}${m}${MARK_STOP}`);
  const result = await db.execute<{ id: string | number; h: string }>(
    sql`select t.id, ts_headline(t.cfg::regconfig, t.doc, ${query}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true') as h
        from unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(shown.map((s) => stripMarkers(s.text)))}::text[], ${sql.param(shown.map((s) => SEARCH_CONFIG[s.locale]))}::text[]) as t(id, doc, cfg)`,
  );
  const zh = new Map(rows.map((r, i) => [r.id, shown[i]?.locale === 'zh' ? marked(stripMarkers(shown[i]?.text ?? '')) : undefined]));
  // Arabic words are indexed in their search form (search.ts), which ts_headline does not know:
  // each Arabic word of a title whose search form is one of the query's is marked here.
  const arabicForms = new Set(q.match(ARABIC_WORD) ?? []);
  const markArabic = (text: string) =>
    arabicForms.size === 0 ? text : text.replace(ARABIC_WORD_WITH_MARKS, (w) => (arabicForms.has(stemArabic(w)) ? `${MARK_START}${w}${MARK_STOP}` : w));
  return new Map(result.rows.map((r) => [Number(r.id), markArabic(zh.get(Number(r.id)) ?? r.h)]));
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

/**
 * The version of the entries: it moves, at commit, with every transaction that writes an entry
 * (the trigger of migration 0007). One primary-key read; other modules key what they keep on it.
 */
export const getEntriesVersion = (db: DbOrTx): Promise<number> => entriesVersionOf(db);

/** Counts of published entries per action line, SDG, region, stakeholder type, target group and year (public). */
export const countEntriesByFacet = async (db: DbOrTx): Promise<Facets> =>
  tally(await facetIndexOf(db, await entriesVersionOf(db)), { actor: null, facets: ['actionLine', 'sdg', 'region', 'stakeholderType', 'targetGroup', 'status', 'year'] }).facets;

/**
 * The condition of the entries an actor may see that match a search and facet filters (the same
 * stemmed full-text match as findEntries, without its typo-tolerant fallback): the exports stream
 * the current filter with it. Public: no ability needed.
 * NOTE: security-critical — built on visibleEntriesFor(actor).
 */
export const entryFilterCondition = ({
  actor,
  q = '',
  filters = {},
}: {
  actor: MaybeActor /** Unused: every language is searched. */;
  locale?: Locale;
  q?: string;
  filters?: EntryFilters;
}): SQL => {
  const text = prepareQuery(q.trim().slice(0, 200));
  const textCondition = text ? sql`${entries.id} in (select ${searchRows.entryId} from ${searchRows} where ${searchRows.searchVector} @@ ${tsQuery(text)})` : undefined;
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
