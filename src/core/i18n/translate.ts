/**
 * t(): ICU MessageFormat messages with Intl plural rules (Arabic's six forms, Russian's four),
 * numbers and dates. A missing or null message falls back to English, never to an empty label.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { type Catalog, loadCatalogs } from './catalog.js';
import { DEFAULT_LOCALE, type Locale, type Localized, LOCALES } from './locales.js';

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

let catalogs: Record<Locale, Catalog> | undefined;
const compiled = new Map<string, IntlMessageFormat>();

const getCatalogs = () => {
  catalogs ??= loadCatalogs();
  return catalogs;
};

/** Whether a message key exists (in English, the source of truth). */
export const hasMessage = (key: string) => typeof getCatalogs()[DEFAULT_LOCALE][key] === 'string';

const formatterFor = (locale: Locale, key: string): IntlMessageFormat | undefined => {
  const cacheKey = `${locale}\u0000${key}`;
  let formatter = compiled.get(cacheKey);
  if (formatter) return formatter;
  const all = getCatalogs();
  const own = all[locale][key];
  const [source, sourceLocale] = typeof own === 'string' ? [own, locale] : [all[DEFAULT_LOCALE][key], DEFAULT_LOCALE];
  if (typeof source !== 'string') return undefined;
  formatter = new IntlMessageFormat(source, sourceLocale, undefined, { ignoreTag: true });
  compiled.set(cacheKey, formatter);
  return formatter;
};

const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LEFT_TO_RIGHT_LETTER = /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}])\p{L}/u;
/** Addresses stay bare so that mail programs still recognize them as links. */
const ADDRESS = /^(https?:\/\/|mailto:)\S*$/;

/** Text wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: its direction no longer leaks into the words around it. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
const ALREADY_ISOLATED = /^\u2068[\s\S]*\u2069$/;

/** Whether text holds letters written in the other direction than the locale's (a Latin title on an Arabic page, an Arabic name on a French one). */
export const hasOtherDirection = (text: string, locale: Locale) => (locale === 'ar' ? LEFT_TO_RIGHT_LETTER : RIGHT_TO_LEFT_LETTER).test(text);

/**
 * Values interpolated into a message are often user text (a title, a name): text in the other
 * direction is isolated (U+2068…U+2069), so the Arabic vote button reads « التصويت لصالح ⁨Rural
 * broadband⁩ » instead of letting the Latin title swallow the punctuation around it. That works in
 * attributes (aria-label, <title>) and plain-text e-mail alike, where <bdi> cannot be used.
 */
const isolated = (values: MessageValues | undefined, locale: Locale) => {
  if (!values) return values;
  let copy: MessageValues | undefined;
  for (const [name, value] of Object.entries(values)) {
    // A value a caller has isolated already (a notification's title) is not wrapped twice.
    if (typeof value === 'string' && !ADDRESS.test(value) && !ALREADY_ISOLATED.test(value) && hasOtherDirection(value, locale)) {
      copy ??= { ...values };
      copy[name] = isolate(value);
    }
  }
  return copy ?? values;
};

/** A translate function bound to one locale. Unknown keys render as the key (and tests catch them). */
export const translator =
  (locale: Locale): Translate =>
  (key, values) => {
    const formatter = formatterFor(locale, key);
    if (!formatter) return key;
    return String(formatter.format(isolated(values, locale) as Record<string, string | number | Date | boolean>));
  };

/**
 * Picks the reader's language from user or editor content, falling back to English and then to
 * the first language present. Returns the text and the language it is actually in.
 */
export const localizeWithLocale = (value: Localized | null | undefined, locale: Locale): { text: string; locale: Locale } => {
  if (!value) return { text: '', locale };
  const own = value[locale];
  if (own) return { text: own, locale };
  const en = value[DEFAULT_LOCALE];
  if (en) return { text: en, locale: DEFAULT_LOCALE };
  for (const candidate of LOCALES) {
    const text = value[candidate];
    if (text) return { text, locale: candidate };
  }
  return { text: '', locale };
};

export const localizer = (locale: Locale) => (value: Localized | null | undefined) => localizeWithLocale(value, locale).text;

/**
 * Intl formatters cost far more to create than to use (a search page formats 300 facet counts:
 * creating one NumberFormat per number took 20 ms of a request), so each is made once per locale
 * and options.
 */
const cache = new Map<string, { format: (value: never) => string }>();
const cached = <F extends { format: (value: never) => string }>(key: string, make: () => F): F => {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as F;
};
const keyOf = (kind: string, locale: Locale, options?: object) => `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;

/** Dates and numbers in the reader's language (Arabic uses its own digits only where the locale says so). */
export const formatters = (locale: Locale) => ({
  date: (value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }) =>
    cached(keyOf('date', locale, options), () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options })).format(new Date(value)),
  dateTime: (value: Date | string) =>
    cached(
      keyOf('dateTime', locale),
      () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }),
    ).format(new Date(value)),
  number: (value: number, options?: Intl.NumberFormatOptions) => cached(keyOf('number', locale, options), () => new Intl.NumberFormat(locale, options)).format(value),
  currency: (value: number, currency = 'CHF') =>
    cached(keyOf('currency', locale, { currency }), () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(value),
  /** "Peru and Bolivia", « le Pérou et la Bolivie »: lists joined the way each language joins them. */
  /**
   * `unit` is for lists of codes (C2, C7.e-health; 4.4, 9.c): Intl's own unit style is meant for
   * measures and runs codes together in Chinese ("C2C4"), so codes are joined with the narrow
   * conjunction style instead ("C2, C4, C7", "C2、C4、C7", "C2 وC4 وC7").
   */
  list: (items: string[], type: Intl.ListFormatType = 'conjunction') =>
    cached(keyOf('list', locale, { type }), () => new Intl.ListFormat(locale, type === 'unit' ? { style: 'narrow', type: 'conjunction' } : { style: 'long', type })).format(items),
});
