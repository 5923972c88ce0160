import type { ComponentChildren } from 'preact';
import type { Localized, TranslationKind } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { QuestionType } from '../../questionnaire.js';
import type { Audience, ConsultationStatus, RespondentKind } from '../../tables.js';

const languageNames = new Map<string, Intl.DisplayNames>();
/** A language's name in the reader's language. */
export const languageName = (view: ViewContext, locale: string) => {
  let names = languageNames.get(view.locale);
  if (!names) {
    names = new Intl.DisplayNames([view.locale], { type: 'language' });
    languageNames.set(view.locale, names);
  }
  return names.of(locale) ?? locale;
};

const key = (value: string) => value.replaceAll('-', '_');
export const audienceLabel = (view: ViewContext, a: Audience) => view.t(`consultations.management.audience_${key(a)}`);
export const respondentLabel = (view: ViewContext, r: RespondentKind) => view.t(`consultations.management.respondent_${r}`);
export const statusLabel = (view: ViewContext, s: ConsultationStatus) => view.t(`consultations.management.status_${s}`);
export const typeLabel = (view: ViewContext, type: QuestionType) => view.t(`consultations.management.type_${key(type)}`);

/**
 * A consultation's text in the reader's language, else in the language it exists in (marked with
 * `lang` and "in <language>"), with a note when what is shown is an unofficial translation.
 */
export const ConsultationText = ({
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
      <Tag lang={foreign ? locale : undefined} dir={foreign || Tag === 'span' ? 'auto' : undefined}>
        {children ?? text}
      </Tag>
      {foreign && (
        <>
          {' '}
          <small class="translation-note">({view.t('consultations.management.in_language', { language: languageName(view, locale) })})</small>
        </>
      )}
      {!foreign && translations[locale] === 'unofficial' && (
        <>
          {' '}
          <small class="translation-note">({view.t('consultations.management.unofficial_translation')})</small>
        </>
      )}
    </>
  );
};
