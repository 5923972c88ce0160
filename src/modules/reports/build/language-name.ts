import type { Locale } from '../../../core/i18n/locales.js';

/** The name of a language in another (French in Arabic: « الفرنسية »), from Intl. */
export const languageName = (language: Locale, inLocale: Locale) => new Intl.DisplayNames([inLocale], { type: 'language' }).of(language) ?? language;
