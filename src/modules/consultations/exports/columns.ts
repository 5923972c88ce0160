/**
 * The columns of the answer exports (CSV, XLSX, JSONL) and how each answer's values read in the
 * chosen language: respondent metadata first (never contact details), then one column per
 * question of every version (id and label), values as labels (options, yes/no, countries).
 * Pure functions: the routes give them the labels of one language.
 */
import type { Locale } from '../../../core/i18n/locales.js';
import { localizer, translator } from '../../../core/i18n/translate.js';
import { countryName, regionName } from '../../reference/queries.js';
import { type AnswerValue, type Question, type Questionnaire, questionsOf } from '../questionnaire.js';
import type { AnswerBatch, AttachmentMeta, ExportAnswer } from './queries.js';

export type Cell = string | number | null;

/** A spreadsheet runs a text cell starting with these as a formula: such a cell is written with an apostrophe first in the CSV (core/exports/csv.ts). */
export { FORMULA_START } from '../../../core/exports/csv.js';

export const META_COLUMNS = ['answer', 'stakeholder_type', 'country', 'region', 'gender', 'language', 'version', 'submitted_at'] as const;

/** The questions of every version, each once (the latest version's wording), in the order first seen. */
export const exportQuestions = (questionnaires: { version: number; questionnaire: Questionnaire }[]): Question[] => {
  const byId = new Map<string, Question>();
  for (const { questionnaire } of questionnaires) for (const q of questionsOf(questionnaire)) byId.set(q.id, q);
  return [...byId.values()];
};

export type ExportLabels = {
  locale: Locale;
  t: (key: string) => string;
  localize: ReturnType<typeof localizer>;
  questions: Question[];
};

export const exportLabels = (locale: Locale, questions: Question[]): ExportLabels => {
  const t = translator(locale);
  const cache = new Map<string, string>();
  return {
    locale,
    t: (key) => {
      let text = cache.get(key);
      if (text === undefined) {
        text = t(key);
        cache.set(key, text);
      }
      return text;
    },
    localize: localizer(locale),
    questions,
  };
};

/** The header row: metadata column names, then "id — label" per question, in the chosen language. */
export const headerRow = (labels: ExportLabels): string[] => [
  ...META_COLUMNS.map((c) => labels.t(`consultations.exports.columns.${c}`)),
  ...labels.questions.map((q) => `${q.id} — ${labels.localize(q.label)}`),
];

const optionLabel = (labels: ExportLabels, q: Question, id: string) => ('options' in q ? labels.localize(q.options.find((o) => o.id === id)?.label) || id : id);

/** One answer's value of one question, as text in the chosen language (null when not answered). */
export const valueText = (labels: ExportLabels, q: Question, value: AnswerValue | undefined, files: Map<number, AttachmentMeta>): Cell => {
  if (value === undefined || value === null) return null;
  // A value stored in another shape (written before a change of the format, or by hand) is shown as it is, never a 500.
  if (typeof value !== 'object') return String(value);
  const other = labels.t('consultations.exports.other');
  if ('text' in value) return value.text;
  if ('choice' in value) return value.choice === 'other' ? `${other}: ${value.other ?? ''}` : optionLabel(labels, q, value.choice);
  if ('choices' in value)
    return [
      ...value.choices.filter((c) => c !== 'other').map((c) => optionLabel(labels, q, c)),
      ...(value.other || value.choices.includes('other') ? [`${other}: ${value.other ?? ''}`] : []),
    ].join('; ');
  if ('number' in value) return value.number;
  if ('yes' in value) return labels.t(value.yes ? 'consultations.exports.yes' : 'consultations.exports.no');
  if ('order' in value) return value.order.map((o, i) => `${i + 1}. ${optionLabel(labels, q, o)}`).join('; ');
  if ('codes' in value) return value.codes.map((c) => (q.type === 'reference' && q.list === 'countries' ? countryName(c, labels.locale) : c)).join('; ');
  if ('attachmentId' in value) {
    const file = files.get(value.attachmentId);
    return file ? `${file.fileName} (${file.id})` : null;
  }
  return null;
};

/** The respondent's metadata in the chosen language: stakeholder type, country, region, gender, language. */
export const metaOf = (labels: ExportLabels, a: ExportAnswer) => ({
  stakeholderType: a.stakeholderType ? labels.t(`accounts.stakeholder_types.${a.stakeholderType}`) : null,
  country: a.country ? countryName(a.country, labels.locale) : null,
  region: a.region ? regionName(a.region, labels.locale) : null,
  gender: a.gender ? labels.t(`consultations.exports.genders.${a.gender}`) : null,
  language: a.language,
});

/** One answer as the cells of a row (same order as headerRow). */
export const rowOf = (labels: ExportLabels, a: ExportAnswer, files: AnswerBatch['files']): Cell[] => {
  const meta = metaOf(labels, a);
  return [
    a.id,
    meta.stakeholderType,
    meta.country,
    meta.region,
    meta.gender,
    meta.language,
    a.version,
    a.submittedAt ? a.submittedAt.toISOString() : null,
    ...labels.questions.map((q) => valueText(labels, q, a.values[q.id], files)),
  ];
};
