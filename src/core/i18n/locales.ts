/** The six official languages of the United Nations, in the order of their codes. */
export const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Writing direction of a locale: Arabic is right to left. */
export const dir = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Each language's name in that language, for the language switcher. */
export const ENDONYMS: Record<Locale, string> = {
  ar: 'العربية',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '中文',
};

/** Content written by users or editors: one string per language, any of them possibly absent. */
export type Localized = Partial<Record<Locale, string>>;

/** How each language version of a user's text came to be: written in it, translated without review, or reviewed. */
export const TRANSLATION_KINDS = ['original', 'unofficial', 'reviewed'] as const;
export type TranslationKind = (typeof TRANSLATION_KINDS)[number];
