import type { ComponentChildren } from 'preact';
import type { Localized, TranslationKind } from '../i18n/locales.js';
import type { ViewContext } from './context.js';

const languageNames = new Map<string, Intl.DisplayNames>();
/** A language's name in another language (French in Arabic: « الفرنسية »), where there is no view (a report composed for a locale). */
export const languageNameIn = (inLocale: string, locale: string) => {
  let names = languageNames.get(inLocale);
  if (!names) {
    names = new Intl.DisplayNames([inLocale], { type: 'language' });
    languageNames.set(inLocale, names);
  }
  return names.of(locale) ?? locale;
};

/** A language's name in the reader's language ("French", "français"…). */
export const languageName = (view: ViewContext, locale: string) => languageNameIn(view.locale, locale);

/**
 * A user's text (an entry's, a consultation's) in the reader's language, else in the language it
 * exists in (marked with `lang` and "in <language>"), with a note when what is shown is an
 * unofficial translation.
 */
export const LocalizedText = ({
  view,
  value,
  translations,
  children,
  as: Tag = 'span',
}: {
  view: ViewContext;
  value: Localized;
  translations: Partial<Record<string, TranslationKind>>;
  children?: ComponentChildren;
  as?: 'span' | 'p' | 'div';
}) => {
  const { text, locale } = view.localizeWithLocale(value);
  const foreign = locale !== view.locale;
  return (
    <>
      {/* A title is isolated even in the reader's language (a Latin name in an Arabic title); a
          paragraph takes the direction of its own text only when it is in another language. */}
      <Tag lang={foreign ? locale : undefined} dir={foreign || Tag === 'span' ? 'auto' : undefined}>
        {children ?? text}
      </Tag>
      {foreign && (
        <>
          {' '}
          <small class="translation-note">({view.t('core.text.in_language', { language: languageName(view, locale) })})</small>
        </>
      )}
      {!foreign && translations[locale] === 'unofficial' && (
        <>
          {' '}
          <small class="translation-note">({view.t('core.text.unofficial_translation')})</small>
        </>
      )}
    </>
  );
};
