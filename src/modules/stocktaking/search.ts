/**
 * What the full-text index holds for an entry: every language's title (weight A) and summary
 * (weight B), each with that language's text-search configuration, and the names of its countries
 * and region in the six languages (weight C). The language analysis (Chinese segmented
 * by jieba, Arabic normalized and stemmed in Node, the configuration of each language) is the
 * core's (core/search), shared with the consultations' free-text search; queries go through the
 * same steps (prepareSearchText). Computed by
 * the commands in Node, so PGlite and PostgreSQL index identically; the only trigger (migration
 * 0007) copies the vectors to the narrow search table.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Locale, LOCALES, type Localized } from '../../core/i18n/locales.js';
import { prepareText, SEARCH_CONFIGS } from '../../core/search/index.js';
import { countryName, regionName } from '../reference/queries.js';

export { analyzeArabic, normalizeArabic, prepareSearchText, SEARCH_CONFIGS, segmentChinese, stemArabic } from '../../core/search/index.js';

/**
 * The version of what searchDocument computes: when it changes, the stored vectors of every entry
 * are computed again at the next start (reindexSearch in commands/reindex-search.ts).
 * 2: Arabic analyzed in Node; country and region names in six languages.
 */
export const SEARCH_ANALYZER_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// Documents

/** The text of one language as it goes to to_tsvector. */
const prepare = prepareText;

/** Where an entry takes place: its countries (the lead country first) and its region, as codes. */
export type EntryPlaces = { leadCountry?: string | null; countries?: readonly string[] | null; region?: string | null };

type SearchableEntry = { title: Localized; summary: Localized } & EntryPlaces;

/** The names of an entry's countries and region in one language (what weight C holds). */
export const placeNames = (entry: EntryPlaces, locale: Locale): string => {
  const codes = [...new Set([entry.leadCountry, ...(entry.countries ?? [])].filter((c): c is string => Boolean(c)))];
  const names = codes.map((code) => countryName(code, locale));
  if (entry.region) names.push(regionName(entry.region, locale));
  return names.join(', ');
};

/** SQL expression computing `search_vector` for an entry (an empty vector when it has no text). */
export const searchDocument = (entry: SearchableEntry): SQL => {
  const parts: SQL[] = [];
  for (const [field, weight] of [
    ['title', 'A'],
    ['summary', 'B'],
  ] as const) {
    for (const locale of LOCALES) {
      const text = entry[field][locale]?.trim();
      if (!text) continue;
      // The configuration name comes from the fixed map above, never from input.
      parts.push(sql`setweight(to_tsvector(${sql.raw(`'${SEARCH_CONFIGS[locale]}'`)}::regconfig, ${prepare(locale, text)}::text), ${sql.raw(`'${weight}'`)})`);
    }
  }
  for (const locale of LOCALES) {
    const places = placeNames(entry, locale).trim();
    if (places) parts.push(sql`setweight(to_tsvector(${sql.raw(`'${SEARCH_CONFIGS[locale]}'`)}::regconfig, ${prepare(locale, places)}::text), 'C')`);
  }
  if (parts.length === 0) return sql`''::tsvector`;
  return sql`coalesce(${sql.join(parts, sql` || `)}, ''::tsvector)`;
};

/**
 * SQL expression computing `title_vector`: the titles alone (weight A), the same lexemes at the
 * same positions as in `search_vector`. Small, so ranking thousands of matches stays cheap.
 */
export const titleDocument = (entry: Pick<SearchableEntry, 'title'>): SQL => searchDocument({ title: entry.title, summary: {} });

/** Every title, joined by spaces: `title_text`, from which the corrector learns its words (migration 0008). */
export const titleText = (entry: Pick<SearchableEntry, 'title'>): string =>
  LOCALES.map((l) => entry.title[l]?.trim())
    .filter(Boolean)
    .join(' ');
