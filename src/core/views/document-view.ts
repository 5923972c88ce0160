import { dir, type Locale } from '../i18n/locales.js';
import { formatters, localizeWithLocale, localizer, translator } from '../i18n/translate.js';
import type { ViewContext } from './context.js';

/**
 * The view of something rendered without a request (an error answered before routing, a report
 * section, a document): no reader, no form, no navigation unless given.
 */
export const viewWithoutRequest = (locale: Locale, more: Partial<ViewContext> = {}): ViewContext => ({
  locale,
  dir: dir(locale),
  t: translator(locale),
  localize: localizer(locale),
  localizeWithLocale: (value) => localizeWithLocale(value, locale),
  fmt: formatters(locale),
  actor: null,
  csrfToken: '',
  path: '/',
  flash: [],
  nav: [],
  adminNav: [],
  href: (path: string) => `/${locale}${path === '/' ? '' : path}`,
  asset: (name: string) => `/assets/${name}`,
  databaseKind: 'postgresql',
  ...more,
});
