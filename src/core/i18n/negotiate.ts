import { match } from '@formatjs/intl-localematcher';
import { DEFAULT_LOCALE, isLocale, type Locale, LOCALES } from './locales.js';

/** Parses an Accept-Language header into tags ordered by quality. */
const parseAcceptLanguage = (header: string | undefined): string[] =>
  (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').trim(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.tag !== '*' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag)
    .filter((tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length > 0;
      } catch {
        return false;
      }
    });

/** The best locale for a visitor: a remembered choice first, then Accept-Language, then English. */
export const negotiateLocale = ({ remembered, acceptLanguage }: { remembered?: string; acceptLanguage?: string }): Locale => {
  if (isLocale(remembered)) return remembered;
  const requested = parseAcceptLanguage(acceptLanguage);
  if (requested.length === 0) return DEFAULT_LOCALE;
  const best = match(requested, [...LOCALES], DEFAULT_LOCALE, { algorithm: 'best fit' });
  return isLocale(best) ? best : DEFAULT_LOCALE;
};
