/**
 * Search across languages (issue 13 §1): a small corpus, one entry per language and place, and a
 * table of queries × page languages × the entries a reader must find (every one, and no other),
 * with the entry that must come first where the reader's language decides the order. Run on PGlite
 * and on PostgreSQL by search-languages.test.ts, through findEntries and GET /api/v1/entries.
 */
import type { Locale } from '../../core/i18n/locales.js';
import type { NewEntry } from './test-helpers.js';

/** The corpus, by key; listed oldest first (each is published a minute after the one before). */
export const SEARCH_CORPUS = {
  arHealth: {
    originalLanguage: 'ar',
    title: { ar: 'منصة الصحة الرقمية' },
    summary: { ar: 'خدمات الصِّحَّة عن بعد للنساء في المناطق الريفية' },
    leadCountry: 'EG',
    region: 'ARB',
  },
  arGirls: {
    originalLanguage: 'ar',
    title: { ar: 'تمكين الفتيات في المدارس' },
    summary: { ar: 'مهارات الحاسوب والبرمجة' },
    leadCountry: 'JO',
    region: 'ARB',
  },
  frSenegal: {
    originalLanguage: 'fr',
    title: { fr: 'Services numériques pour les écoles' },
    summary: { fr: 'Connexion des villages à Internet' },
    leadCountry: 'SN',
    region: 'AFR',
  },
  ruSkills: {
    originalLanguage: 'ru',
    title: { ru: 'Цифровые навыки для молодёжи' },
    summary: { ru: 'Обучение в сельских районах' },
    leadCountry: 'KZ',
    region: 'CIS',
  },
  enHospitals: {
    originalLanguage: 'en',
    title: { en: 'Broadband for hospitals' },
    summary: { en: 'Telemedicine links between clinics' },
    leadCountry: 'BR',
    region: 'AMS',
  },
  zhEducation: {
    originalLanguage: 'zh',
    title: { zh: '农村地区的在线教育平台' },
    summary: { zh: '为教师提供培训' },
    leadCountry: 'CN',
    region: 'ASP',
  },
  enTeachers: {
    originalLanguage: 'en',
    title: { en: 'Digital skills for teachers' },
    summary: { en: 'Courses in every school' },
    leadCountry: 'GB',
    region: 'EUR',
  },
  esInclusion: {
    originalLanguage: 'es',
    title: { es: 'Inclusión digital en los Andes' },
    summary: { es: 'Centros comunitarios conectados' },
    leadCountry: 'BO',
    region: 'AMS',
  },
} satisfies Record<string, Partial<NewEntry>>;

export type CorpusKey = keyof typeof SEARCH_CORPUS;

export type SearchCase = {
  /** What the reader typed. */
  q: string;
  /** The page's language (`lang` of the API); undefined: none given (the API's default). */
  lang?: Locale;
  /** Every entry of the corpus the search must find, and no other. */
  finds: CorpusKey[];
  /** The entry that must come first (the reader's language first), when the order matters. */
  first?: CorpusKey;
  why: string;
};

export const SEARCH_CASES: SearchCase[] = [
  { q: 'الريفية', finds: ['arHealth'], why: 'an Arabic word, no lang: Arabic text is searched' },
  { q: 'الريفية', lang: 'fr', finds: ['arHealth'], why: 'an Arabic word on the French page' },
  { q: 'ريفية', lang: 'es', finds: ['arHealth'], why: 'without the article, the word in the text has it' },
  { q: 'صحه', lang: 'ar', finds: ['arHealth'], why: 'ه for ة, no article: الصحة and الصِّحَّة meet' },
  { q: 'الصحة', lang: 'ru', finds: ['arHealth'], why: 'the title has الصحة, the summary الصِّحَّة (harakat): one word' },
  { q: 'للفتيات', lang: 'zh', finds: ['arGirls'], why: 'the preposition and article لل do not hide فتيات (الفتيات in the title)' },
  { q: 'فتيات', finds: ['arGirls'], why: 'the bare word finds the word with its article' },
  { q: 'الـحـاسـوب', lang: 'en', finds: ['arGirls'], why: 'tatweel is ignored' },
  { q: 'numérique', finds: ['frSenegal'], why: 'a French word, no lang (English by default)' },
  { q: 'numérique', lang: 'en', finds: ['frSenegal'], why: 'a French word on the English page' },
  { q: 'numérique', lang: 'ar', finds: ['frSenegal'], why: 'a French word on the Arabic page' },
  { q: 'навыки', finds: ['ruSkills'], why: 'a Russian word, no lang' },
  { q: 'навыки', lang: 'zh', finds: ['ruSkills'], why: 'a Russian word on the Chinese page' },
  { q: 'comunitarios', lang: 'fr', finds: ['esInclusion'], why: 'a Spanish plural on the French page (Spanish stemming)' },
  { q: 'السنغال', finds: ['frSenegal'], why: 'a country name in Arabic' },
  { q: 'Sénégal', lang: 'en', finds: ['frSenegal'], why: 'a country name in French' },
  { q: '塞内加尔', lang: 'zh', finds: ['frSenegal'], why: 'a country name in Chinese' },
  { q: 'Бразилия', lang: 'fr', finds: ['enHospitals'], why: 'a country name in Russian' },
  { q: 'Bolivia', lang: 'en', finds: ['esInclusion'], why: 'a country name in English and Spanish' },
  { q: 'Afrique', lang: 'es', finds: ['frSenegal'], why: 'a region name in French' },
  { q: 'الدول العربية', lang: 'en', finds: ['arHealth', 'arGirls'], why: 'a region name in Arabic' },
  { q: '独立国家联合体', lang: 'zh', finds: ['ruSkills'], why: 'a region name in Chinese (the CIS)' },
  { q: 'digital', lang: 'es', finds: ['esInclusion', 'enTeachers'], first: 'esInclusion', why: 'on the Spanish page, the Spanish title first' },
  { q: 'digital', lang: 'en', finds: ['esInclusion', 'enTeachers'], first: 'enTeachers', why: 'on the English page, the English title first, although older' },
];
