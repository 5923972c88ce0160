import type { ComponentChildren } from 'preact';
import type { Localized } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import type { TranslationKind } from '../tables.js';
import { languageName } from './labels.js';

/**
 * Entry text in the reader's language, else the original (marked with `lang` and "in <language>"),
 * with a note when what is shown is an unofficial translation.
 */
export const EntryText = ({
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
          <small class="translation-note">({view.t('stocktaking.common.in_language', { language: languageName(view, locale) })})</small>
        </>
      )}
      {!foreign && translations[locale] === 'unofficial' && (
        <>
          {' '}
          <small class="translation-note">({view.t('stocktaking.common.unofficial_translation')})</small>
        </>
      )}
    </>
  );
};
