import type { Localized } from '../../../core/i18n/locales.js';
import { InLanguage } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { type Confidence, isUnofficialTranslation } from '../rules.js';

/**
 * Reference text in the reader's language (or the language it falls back to, marked with `lang`),
 * followed by a small note when that text is an unofficial translation.
 */
export const LocalizedText = ({ view, value, confidence }: { view: ViewContext; value: Localized; confidence?: Confidence }) => {
  const { text, locale } = view.localizeWithLocale(value);
  return (
    <>
      <InLanguage view={view} text={text} locale={locale} />
      {isUnofficialTranslation(confidence?.[locale]) && (
        <>
          {' '}
          <small class="translation-note">({view.t('reference.common.unofficial_translation')})</small>
        </>
      )}
    </>
  );
};

/** Text that the sources give in English only (roles, sources, notes), marked as English. */
export const EnglishText = ({ view, text }: { view: ViewContext; text: string }) => <InLanguage view={view} text={text} locale="en" />;

const CONFIDENCE_KEYS: Record<string, string> = {
  medium: 'reference.confidence.medium',
  'medium-low': 'reference.confidence.medium_low',
  'set by an administrator': 'reference.confidence.admin',
};

/** A matrix link's confidence, translated when it is one of the known levels. */
export const ConfidenceLabel = ({ view, confidence }: { view: ViewContext; confidence: string }) => {
  const key = CONFIDENCE_KEYS[confidence];
  return key ? view.t(key) : <EnglishText view={view} text={confidence} />;
};

/** Lead facilitators as a comma-separated list (agency acronyms), or a "not stated" note. */
export const Facilitators = ({ view, names }: { view: ViewContext; names: string[] }) =>
  names.length > 0 ? view.fmt.list(names) : <span class="muted">{view.t('reference.action_lines.facilitators_none')}</span>;
