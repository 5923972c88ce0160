/**
 * The query side of full-text search: a query typed in any language read with every language's
 * configuration and as typed (`simple`), any reading matching, excluded words ("-word") excluded
 * in every reading. Prepare the typed text with prepareSearchText first. Knows no table.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Locale, LOCALES } from '../i18n/locales.js';
import { SEARCH_CONFIGS } from './analysis.js';

/** The excluded words of a web search ("-word", '-"two words"'). */
export const EXCLUDED = /(?:^|\s)-(?:"[^"]*"?|[^\s"]+)/gu;

/** Every configuration the indexes use (each language's, and `simple` for Arabic, Chinese and words as typed). */
export const READINGS = [...new Set(['simple', ...LOCALES.map((l) => SEARCH_CONFIGS[l])])];

/** One reading of a query. The configuration names come from the fixed map, never from input. */
export const reading = (config: string, q: string): SQL => sql`websearch_to_tsquery(${sql.raw(`'${config}'`)}::regconfig, ${q})`;

/**
 * A query with its excluded words excluded in every reading: OR-ing whole readings let
 * "-volunteers" through wherever the vector held only another language's stem.
 */
export const excluding = (query: SQL, q: string): SQL => {
  const excluded = q
    .match(EXCLUDED)
    ?.map((part) => part.trim())
    .join(' ');
  if (!excluded) return query;
  return sql`(${query} && ${sql.join(
    READINGS.map((config) => reading(config, excluded)),
    sql` && `,
  )})`;
};

/**
 * The tsquery of a search, whatever language it is written in (`q` already prepared): its words
 * read with every language's configuration and as typed, any reading matching. Each language's
 * text is indexed with its own configuration, so a French word finds French text ('numérique' →
 * 'numer'), an Arabic word Arabic text, a name any text.
 */
export const anyLanguageQuery = (q: string): SQL =>
  excluding(
    sql`(${sql.join(
      READINGS.map((config) => reading(config, q)),
      sql` || `,
    )})`,
    q,
  );

/** The query read in the reader's language only (`q` already prepared): its matches may come first. */
export const readerQuery = (locale: Locale, q: string): SQL => excluding(reading(SEARCH_CONFIGS[locale], q), q);
