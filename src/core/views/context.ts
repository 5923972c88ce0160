import type { Locale, Localized } from '../i18n/locales.js';
import type { formatters, Translate } from '../i18n/translate.js';
import type { MaybeActor } from '../permissions/index.js';

/**
 * A message for the next page, in the language of the page that wrote it (`locale`): a reader who
 * switches language before it is shown still gets it, marked as written in that language.
 */
export type FlashMessage = { type: 'notice' | 'warning' | 'error'; text: string; locale?: Locale };
export type NavItem = { label: string; href: string; current: boolean };

/** Everything a view needs from the request, computed by the route; views never read the request. */
export type ViewContext = {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: Translate;
  localize: (value: Localized | null | undefined) => string;
  /** Like localize, but says which language the text is in (to mark untranslated content). */
  localizeWithLocale: (value: Localized | null | undefined) => { text: string; locale: Locale };
  fmt: ReturnType<typeof formatters>;
  actor: MaybeActor;
  csrfToken: string;
  /** Path of this page without the locale prefix, with its query string (for the language switcher). */
  path: string;
  flash: FlashMessage[];
  nav: NavItem[];
  adminNav: NavItem[];
  /** Builds a link in the reader's language: href('/sdgs') → '/fr/sdgs'. */
  href: (path: string) => string;
  asset: (name: string) => string;
  databaseKind: 'pglite' | 'postgresql';
};
