/**
 * What the full-text index holds for an entry: every language's title (weight A) and summary
 * (weight B), each with that language's text-search configuration, and the names of its countries
 * and region in the six languages (weight C). Chinese has no spaces between words, so it is
 * segmented here (jieba) and indexed with `simple`; Arabic is normalized and lightly stemmed here
 * (analyzeArabic) and indexed with `simple` too: PostgreSQL's `arabic` snowball stemmer leaves the
 * article on some words ('الصحة' → 'الصح', 'الفتيات' → 'الفت') and may differ between the
 * PostgreSQL and PGlite builds. Queries go through the same steps (prepareSearchText). Computed by
 * the commands in Node, so PGlite and PostgreSQL index identically; the only trigger (migration
 * 0007) copies the vectors to the narrow search table.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { type SQL, sql } from 'drizzle-orm';
import { type Locale, LOCALES, type Localized } from '../../core/i18n/locales.js';
import { countryName, regionName } from '../reference/queries.js';

/**
 * The version of what searchDocument computes: when it changes, the stored vectors of every entry
 * are computed again at the next start (reindexSearch in commands/reindex-search.ts).
 * 2: Arabic analyzed in Node; country and region names in six languages.
 */
export const SEARCH_ANALYZER_VERSION = 2;

/** PostgreSQL text-search configuration of each language (Arabic and Chinese are prepared in Node). */
export const SEARCH_CONFIGS: Record<Locale, string> = {
  ar: 'simple',
  en: 'english',
  es: 'spanish',
  fr: 'french',
  ru: 'russian',
  zh: 'simple',
};

let jieba: Jieba | undefined;
/**
 * jieba is loaded at the first Chinese text, not with the module: its dictionary module reads 11 MB
 * of files when imported, which every `wsis` command paid at start and every process kept.
 */
const loadJieba = (): Jieba => {
  const require = createRequire(import.meta.url);
  const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  return Segmenter.withDict(dict);
};

/** Chinese text with spaces between its words (jieba, without HMM), ready for `simple`. */
export const segmentChinese = (text: string): string => {
  jieba ??= loadJieba();
  return jieba
    .cut(text, false)
    .map((w) => w.trim())
    .filter(Boolean)
    .join(' ');
};

// ---------------------------------------------------------------------------------------------
// Arabic

/** A run of Arabic letters, with the diacritics (harakat, U+064B–U+065F, U+0670) and tatweel (U+0640) inside it. */
const ARABIC_RUN = /[\p{Script=Arabic}\u064B-\u065F\u0670\u0640]+/gu;
const ARABIC_TEST = /\p{Script=Arabic}/u;

/** One spelling for the variants of a word: no diacritics or tatweel, أ/إ/آ/ٱ → ا, ى → ي, ة → ه. */
export const normalizeArabic = (word: string): string =>
  word
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, '')
    .replace(/[\u0623\u0625\u0622\u0671]/gu, '\u0627')
    .replace(/\u0649/gu, '\u064A')
    .replace(/\u0629/gu, '\u0647');

/** The definite article with the particles attached before it, longest first (normalized spelling). */
const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'ولل', 'لل', 'ال'];
/** Suffixes removed one after the other (Larkey's light10 stemmer; ة is already ه). */
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
/** Particles and prepositions that are no search word (normalized spelling). */
const ARABIC_STOP_WORDS = new Set(
  [
    'في',
    'من',
    'إلى',
    'على',
    'عن',
    'مع',
    'و',
    'أو',
    'أن',
    'إن',
    'هذا',
    'هذه',
    'التي',
    'الذي',
    'الذين',
    'ما',
    'لا',
    'كل',
    'ذلك',
    'تلك',
    'بين',
    'قد',
    'ثم',
    'حتى',
    'لم',
    'لن',
    'عند',
    'ضمن',
    'خلال',
    'عبر',
    'نحو',
    'أي',
  ].map(normalizeArabic),
);

/**
 * The search form of one Arabic word (normalized, then light stemming: the article and the
 * particles attached to it, then the common suffixes, each only while two letters remain), or ''
 * for a particle. 'الصحة' and 'صحه' give 'صح'; 'للفتيات' and 'فتيات' give 'فت'.
 */
export const stemArabic = (word: string): string => {
  let w = normalizeArabic(word);
  if (ARABIC_STOP_WORDS.has(w)) return '';
  for (const prefix of ARABIC_PREFIXES) {
    if (w.startsWith(prefix) && w.length - prefix.length >= 2) {
      w = w.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) if (w.endsWith(suffix) && w.length >= suffix.length + 2) w = w.slice(0, -suffix.length);
  return w;
};

/** Text with every Arabic word replaced by its search form (other scripts untouched). */
export const analyzeArabic = (text: string): string => (ARABIC_TEST.test(text) ? text.replace(ARABIC_RUN, (word) => stemArabic(word)) : text);

const HAN = /\p{Script=Han}/u;

/**
 * Text (of an entry or of a query) as it goes to to_tsvector or websearch_to_tsquery: Arabic words
 * in their search form, Chinese segmented into words; the rest is left to PostgreSQL.
 */
export const prepareSearchText = (text: string): string => {
  const arabic = analyzeArabic(text);
  return HAN.test(arabic) ? segmentChinese(arabic) : arabic;
};

// ---------------------------------------------------------------------------------------------
// Documents

/** The text of one language as it goes to to_tsvector. */
const prepare = (locale: Locale, text: string) => (locale === 'zh' ? segmentChinese(analyzeArabic(text)) : analyzeArabic(text));

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
