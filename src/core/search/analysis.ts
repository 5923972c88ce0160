/**
 * Language analysis shared by every full-text search of the platform (stocktaking entries,
 * consultation answers): text goes through the same steps before to_tsvector and before
 * websearch_to_tsquery. Chinese has no spaces between words, so it is segmented here (jieba) and
 * indexed with `simple`; Arabic is normalized and lightly stemmed here (analyzeArabic) and indexed
 * with `simple` too: PostgreSQL's `arabic` snowball stemmer leaves the article on some words
 * ('الصحة' → 'الصح', 'الفتيات' → 'الفت') and may differ between the PostgreSQL and PGlite builds.
 * The other four languages use PostgreSQL's snowball configurations. Knows no table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Jieba } from '@node-rs/jieba';
import { type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../i18n/locales.js';
import { type Fragment, fragmentSql } from '../db/statement.js';

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
 * jieba is loaded at the first Chinese text, not with the module. Its dictionary is read from the
 * package's `dict.txt` for the time of building the segmenter: the package's `dict.js` reads it
 * and the 6 MB keyword-weight file (`idf.txt`, not used here) into buffers that its module kept for
 * the life of every process.
 */
const loadJieba = (): Jieba => {
  const require = createRequire(import.meta.url);
  const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  return Segmenter.withDict(readFileSync(join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt')));
};

/** Chinese text cut into words (jieba, without HMM). */
export const chineseWords = (text: string): string[] => {
  jieba ??= loadJieba();
  return jieba
    .cut(text, false)
    .map((w) => w.trim())
    .filter(Boolean);
};

/** Chinese text with spaces between its words, ready for `simple`. */
export const segmentChinese = (text: string): string => chineseWords(text).join(' ');

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
 * Text (of a document or of a query) as it goes to to_tsvector or websearch_to_tsquery: Arabic
 * words in their search form, Chinese segmented into words; the rest is left to PostgreSQL.
 */
export const prepareSearchText = (text: string): string => {
  const arabic = analyzeArabic(text);
  return HAN.test(arabic) ? segmentChinese(arabic) : arabic;
};

/** The text of a document written in `locale` as it goes to to_tsvector. */
export const prepareText = (locale: Locale, text: string): string => (locale === 'zh' ? segmentChinese(analyzeArabic(text)) : analyzeArabic(text));

export type TsWeight = 'A' | 'B' | 'C' | 'D';

/**
 * The tsvector of a text written in `locale` (its language's configuration), with a weight, as a
 * fragment of a statement (core/db/statement.ts). The configuration and weight come from fixed
 * maps, never from input.
 */
export const textVectorFragment = (locale: Locale, text: string, weight: TsWeight = 'D'): Fragment => {
  // Analysed now, not when the statement is written: a caller writing rows in batches prepares the
  // next batch while the database writes the last.
  const prepared = prepareText(locale, text);
  return (p) => {
    const vector = `to_tsvector('${SEARCH_CONFIGS[locale]}'::regconfig, ${p.param(prepared)}::text)`;
    return weight === 'D' ? vector : `setweight(${vector}, '${weight}')`;
  };
};

/** The same as the query builder's SQL. */
export const textVector = (locale: Locale, text: string, weight: TsWeight = 'D'): SQL => fragmentSql(textVectorFragment(locale, text, weight));

/**
 * SQL computing the vector of a text read both in its language and as typed (`simple`): the
 * language's stems find inflected forms, the words as typed find names and words of another
 * language quoted in it. For short texts such as consultation answers.
 */
export const textVectorWithSimple = (locale: Locale, text: string): SQL => {
  const prepared = prepareText(locale, text);
  const config = SEARCH_CONFIGS[locale];
  if (config === 'simple') return sql`to_tsvector('simple'::regconfig, ${prepared}::text)`;
  return sql`(to_tsvector(${sql.raw(`'${config}'`)}::regconfig, ${prepared}::text) || to_tsvector('simple'::regconfig, ${prepared}::text))`;
};

// ---------------------------------------------------------------------------------------------
// Tokens for similarity (not for PostgreSQL)

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The words of a text, normalized for comparing texts with each other (not for PostgreSQL): lower
 * case, Arabic normalized (not stemmed), Chinese segmented by jieba, punctuation dropped.
 */
export const similarityTokens = (text: string): string[] => {
  const lowered = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const run of lowered.match(WORD) ?? []) {
    if (HAN.test(run)) {
      for (const w of chineseWords(run)) out.push(w);
    } else if (ARABIC_TEST.test(run)) {
      const w = normalizeArabic(run);
      if (w) out.push(w);
    } else out.push(run);
  }
  return out;
};
