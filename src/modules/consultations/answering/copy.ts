/**
 * An answer written out as text, question by question, in the reader's language: the copy sent
 * with the receipt e-mail and shown on the receipt page.
 */
import type { Locale } from '../../../core/i18n/locales.js';
import { isolate, type Translate } from '../../../core/i18n/translate.js';
import { countryName } from '../../reference/queries.js';
import type { AnswerValue, AnswerValues, Question, Questionnaire } from '../questionnaire.js';
import { questionsOf } from '../questionnaire.js';

type Localize = (value: Partial<Record<Locale, string>> | null | undefined) => string;

/** One value as a reader sees it ("Yes", "Option A, Other: …", "1. B  2. A", "report.pdf"). */
export const valueText = (
  q: Question,
  value: AnswerValue,
  { t, localize, locale, fileNames }: { t: Translate; localize: Localize; locale: Locale; fileNames: Map<number, string> },
): string => {
  const label = (id: string) => ('options' in q ? localize(q.options.find((o) => o.id === id)?.label) || id : id);
  const other = (text: string | undefined) => t('consultations.answering.copy.other', { text: isolate(text ?? '') });
  if ('text' in value) return value.text;
  if ('choice' in value) return value.choice === 'other' ? other(value.other) : label(value.choice);
  if ('choices' in value) return value.choices.map((c) => (c === 'other' ? other(value.other) : label(c))).join(t('consultations.answering.copy.separator'));
  if ('number' in value) return String(value.number);
  if ('yes' in value) return t(value.yes ? 'consultations.answering.form.yes' : 'consultations.answering.form.no');
  if ('order' in value) return value.order.map((id, i) => `${i + 1}. ${label(id)}`).join(t('consultations.answering.copy.separator'));
  if ('codes' in value)
    return value.codes.map((c) => (q.type === 'reference' && q.list === 'countries' ? countryName(c, locale) : c)).join(t('consultations.answering.copy.separator'));
  return fileNames.get(value.attachmentId) ?? '';
};

/** One answered question of a copy, as its respondent reads it. */
export type CopyItem = { question: string; answer: string };

/** Each answered question with its answer, in questionnaire order. */
export const answerCopy = (
  questionnaire: Questionnaire,
  values: AnswerValues,
  options: { t: Translate; localize: Localize; locale: Locale; fileNames: Map<number, string> },
): CopyItem[] =>
  questionsOf(questionnaire)
    .filter((q) => values[q.id] !== undefined)
    .map((q) => ({ question: options.localize(q.label), answer: valueText(q, values[q.id] as AnswerValue, options) }));
