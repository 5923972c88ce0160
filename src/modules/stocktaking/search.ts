/**
 * What the full-text index holds for an entry: every language's title (weight A) and summary
 * (weight B), each with that language's text-search configuration. Chinese has no spaces between
 * words, so it is segmented here (jieba) and indexed with `simple`; queries must be segmented the
 * same way (segmentChinese). Computed by the commands in Node, so PGlite and PostgreSQL index
 * identically; the only trigger (migration 0007) copies the vectors to the narrow search table.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { type SQL, sql } from 'drizzle-orm';
import { type Locale, LOCALES, type Localized } from '../../core/i18n/locales.js';

/** PostgreSQL text-search configuration of each language. */
export const SEARCH_CONFIGS: Record<Locale, string> = {
  ar: 'arabic',
  en: 'english',
  es: 'spanish',
  fr: 'french',
  ru: 'russian',
  zh: 'simple',
};

let jieba: Jieba | undefined;

/** Chinese text with spaces between its words (jieba, without HMM), ready for `simple`. */
export const segmentChinese = (text: string): string => {
  jieba ??= Jieba.withDict(dict);
  return jieba
    .cut(text, false)
    .map((w) => w.trim())
    .filter(Boolean)
    .join(' ');
};

/** The text of one language as it goes to to_tsvector. */
const prepare = (locale: Locale, text: string) => (locale === 'zh' ? segmentChinese(text) : text);

type SearchableEntry = { title: Localized; summary: Localized };

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
