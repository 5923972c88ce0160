/**
 * What a consultation is made of, as the API and the forms give it (Zod schemas), and the form
 * readers that turn the secretariat's plain HTML forms into those inputs.
 */
import { formList, formLocalized, formText, formValue, localizedText } from '../../../core/http/forms.js';
import { z } from 'zod';
import { LOCALES, type Localized, TRANSLATION_KINDS } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import { ATTACHMENT_TYPES, type AttachmentKind, type ChoiceOption, type Question, QUESTION_TYPES, type QuestionType, REFERENCE_LISTS } from '../questionnaire.js';
import { AUDIENCES, CONSULTATION_STATUSES, RESPONDENT_KINDS } from '../tables.js';
import { isTimeZone, wallClock, zonedToUtc } from './time-zones.js';

/** A consultation's settings and texts (the questionnaire is built separately). */
export const consultationInput = z.object({
  title: localizedText(300).meta({ example: { en: 'Call for contributions on WSIS beyond 2025', fr: 'Appel à contributions sur le SMSI après 2025' } }),
  purpose: localizedText(20_000).default({}),
  originalLanguage: z.enum(LOCALES).meta({ example: 'en' }),
  translations: z.partialRecord(z.enum(LOCALES), z.enum(TRANSLATION_KINDS)).default({}),
  audience: z.enum(AUDIENCES).default('everyone'),
  respondentKind: z.enum(RESPONDENT_KINDS).default('either'),
  opensAt: z.iso.datetime({ offset: true }).meta({ example: '2027-01-15T09:00:00Z' }),
  closesAt: z.iso.datetime({ offset: true }).meta({ example: '2027-03-15T17:00:00Z' }),
  answersMayBePublished: z.boolean().default(false),
  actionLines: z.array(z.string().max(40)).max(40).default([]),
  sdgs: z.array(z.int().min(1).max(17)).max(17).default([]),
});
export type ConsultationInput = z.output<typeof consultationInput>;

/** The public list's filters (page and API). */
export const consultationFilters = z.object({
  status: z.enum(CONSULTATION_STATUSES).optional().describe('Managers may ask for drafts; others see the rest'),
  when: z.enum(['open', 'upcoming', 'past']).optional().describe('Open now, opening later, or closed'),
  audience: z.enum(AUDIENCES).optional(),
  actionLine: z.string().max(40).optional().meta({ example: 'C7.e-health' }),
  sdg: z.coerce.number().int().min(1).max(17).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ConsultationFilters = z.output<typeof consultationFilters>;

type Values = FormState['values'];

/** The secretariat's time zone when the form names none (ITU headquarters, Geneva). */
export const DEFAULT_TIME_ZONE = 'Europe/Zurich';

/**
 * The consultation form: texts per language (`title.<l>`, `purpose.<l>`, `kind.<l>`), dates typed
 * in the time zone `timeZone`, topics. Errors are message keys per field.
 */
export const consultationFromForm = (values: Values): { ok: true; input: ConsultationInput } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const zone = formValue(values, 'timeZone');
  if (!isTimeZone(zone)) errors.timeZone = 'consultations.management.errors.time_zone';
  const opens = zonedToUtc(formValue(values, 'opensAt'), isTimeZone(zone) ? zone : 'UTC');
  const closes = zonedToUtc(formValue(values, 'closesAt'), isTimeZone(zone) ? zone : 'UTC');
  if (!opens) errors.opensAt = 'consultations.management.errors.date_time';
  if (!closes) errors.closesAt = 'consultations.management.errors.date_time';
  const original = formValue(values, 'originalLanguage');
  const title = formLocalized(values, 'title', 300);
  const purpose = formLocalized(values, 'purpose', 20_000);
  const translations = Object.fromEntries(
    LOCALES.filter((l) => title[l] || purpose[l]).map((l) => [l, l === original ? 'original' : formValue(values, `kind.${l}`) === 'reviewed' ? 'reviewed' : 'unofficial']),
  );
  const parsed = consultationInput.safeParse({
    title,
    purpose,
    originalLanguage: original,
    translations,
    audience: formValue(values, 'audience') || undefined,
    respondentKind: formValue(values, 'respondentKind') || undefined,
    opensAt: opens?.toISOString() ?? '',
    closesAt: closes?.toISOString() ?? '',
    answersMayBePublished: formValue(values, 'answersMayBePublished') === 'yes',
    actionLines: formList(values, 'actionLines'),
    sdgs: formList(values, 'sdgs').map(Number),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      if (errors[field]) continue;
      errors[field === 'title' ? `title.${original || 'en'}` : field] = field === 'title' ? 'consultations.management.errors.title_length' : 'core.errors.invalid_format';
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
};

/** A consultation as the form's values, its dates shown in `zone`. */
export const consultationFormValues = (
  c: Pick<ConsultationInput, 'title' | 'purpose' | 'originalLanguage' | 'translations' | 'audience' | 'respondentKind' | 'answersMayBePublished' | 'actionLines' | 'sdgs'> & {
    opensAt: Date;
    closesAt: Date;
  },
  zone: string,
): Values => ({
  ...Object.fromEntries(
    LOCALES.flatMap((l) => [
      [`title.${l}`, c.title[l] ?? ''],
      [`purpose.${l}`, c.purpose[l] ?? ''],
      [`kind.${l}`, c.translations[l] ?? 'unofficial'],
    ]),
  ),
  originalLanguage: c.originalLanguage,
  audience: c.audience,
  respondentKind: c.respondentKind,
  timeZone: zone,
  opensAt: wallClock(c.opensAt, zone),
  closesAt: wallClock(c.closesAt, zone),
  answersMayBePublished: c.answersMayBePublished ? 'yes' : undefined,
  actionLines: c.actionLines,
  sdgs: c.sdgs.map(String),
});

const isQuestionType = (v: string): v is QuestionType => (QUESTION_TYPES as readonly string[]).includes(v);
export const questionType = (v: string): QuestionType | null => (isQuestionType(v) ? v : null);
const int = (v: string) => (/^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : null);

/**
 * The options of a choice question: one per line in each language (`options.<l>`), the same order
 * in every language. Existing options keep their ids by position, so answers keep their meaning.
 */
const optionsFrom = (values: Values, previous: ChoiceOption[]): ChoiceOption[] => {
  const lines = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      formValue(values, `options.${l}`)
        .split(/\r?\n/)
        .map((s) => s.trim()),
    ]),
  );
  const count = Math.min(50, Math.max(0, ...LOCALES.map((l) => ((lines[l] ?? []).filter(Boolean).length > 0 ? (lines[l] ?? []).length : 0))));
  const used = new Set(previous.map((o) => o.id));
  let next = 1;
  const options: ChoiceOption[] = [];
  for (let i = 0; i < count; i++) {
    const label = Object.fromEntries(LOCALES.map((l) => [l, (lines[l]?.[i] ?? '').slice(0, 300)]).filter(([, v]) => v));
    if (Object.keys(label).length === 0) continue;
    let id = previous[i]?.id;
    if (!id) {
      while (used.has(`o${next}`)) next++;
      id = `o${next}`;
      used.add(id);
    }
    options.push({ id, label });
  }
  return options;
};

/**
 * One question from its builder form (labels and help per language, the type's settings, a
 * condition written `<question id>=<value>`). Returns the question or field errors (message keys).
 */
export const questionFromForm = (
  values: Values,
  { id, type, previous }: { id: string; type: QuestionType; previous?: Question },
): { ok: true; question: Question } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const label = formLocalized(values, 'label', 1000);
  if (Object.keys(label).length === 0) errors[`label.${LOCALES.find((l) => values[`label.${l}`] !== undefined) ?? 'en'}`] = 'consultations.management.errors.label_required';
  const help = formLocalized(values, 'help', 2000);
  const base = { id, label, required: formValue(values, 'required') === 'yes', ...(Object.keys(help).length > 0 ? { help } : {}) };
  const conditionText = formValue(values, 'condition');
  const [conditionQuestion, conditionValue] = conditionText.split('=');
  const condition = conditionText && conditionQuestion && conditionValue ? { questionId: conditionQuestion, anyOf: [conditionValue] } : undefined;
  const previousOptions = previous && 'options' in previous ? previous.options : [];
  let question: Question;
  switch (type) {
    case 'short-text':
    case 'yes-no':
      question = { ...base, type };
      break;
    case 'long-text': {
      const maxWords = formText(values, 'maxWords') === '' ? undefined : int(formValue(values, 'maxWords'));
      if (maxWords === null || (maxWords !== undefined && (maxWords < 1 || maxWords > 20_000))) errors.maxWords = 'consultations.management.errors.max_words';
      question = { ...base, type, ...(maxWords ? { maxWords } : {}) };
      break;
    }
    case 'single-choice':
    case 'multiple-choice':
    case 'ranking': {
      const options = optionsFrom(values, previousOptions);
      if (options.length < 2) errors[`options.${LOCALES.find((l) => formText(values, `options.${l}`)) ?? 'en'}`] = 'consultations.management.errors.options_required';
      if (type === 'ranking') question = { ...base, type, options };
      else {
        const allowOther = formValue(values, 'allowOther') === 'yes';
        if (type === 'single-choice') question = { ...base, type, options, ...(allowOther ? { allowOther } : {}) };
        else {
          const maxChoices = formText(values, 'maxChoices') === '' ? undefined : int(formValue(values, 'maxChoices'));
          if (maxChoices === null || (maxChoices !== undefined && (maxChoices < 1 || maxChoices > 50))) errors.maxChoices = 'consultations.management.errors.max_choices';
          question = { ...base, type, options, ...(allowOther ? { allowOther } : {}), ...(maxChoices ? { maxChoices } : {}) };
        }
      }
      break;
    }
    case 'scale': {
      const min = int(formValue(values, 'min'));
      const max = int(formValue(values, 'max'));
      if (min === null || max === null || min >= max || max - min > 100) errors.max = 'consultations.management.errors.scale_invalid';
      const minLabel = formLocalized(values, 'minLabel', 200);
      const maxLabel = formLocalized(values, 'maxLabel', 200);
      question = {
        ...base,
        type,
        min: min ?? 1,
        max: max ?? 5,
        ...(Object.keys(minLabel).length > 0 ? { minLabel } : {}),
        ...(Object.keys(maxLabel).length > 0 ? { maxLabel } : {}),
      };
      break;
    }
    case 'reference': {
      const list = formValue(values, 'list');
      if (!(REFERENCE_LISTS as readonly string[]).includes(list)) errors.list = 'consultations.management.errors.reference_list';
      question = { ...base, type, list: (list || 'action-lines') as (typeof REFERENCE_LISTS)[number], multiple: formValue(values, 'multiple') === 'yes' };
      break;
    }
    case 'file': {
      const megabytes = formText(values, 'maxMegabytes') === '' ? undefined : int(formValue(values, 'maxMegabytes'));
      if (megabytes === null || (megabytes !== undefined && (megabytes < 1 || megabytes > 10))) errors.maxMegabytes = 'consultations.management.errors.max_megabytes';
      const kinds = formList(values, 'kinds').filter((k): k is AttachmentKind => k in ATTACHMENT_TYPES);
      question = { ...base, type, ...(megabytes ? { maxBytes: megabytes * 1024 * 1024 } : {}), ...(kinds.length > 0 ? { kinds } : {}) };
      break;
    }
  }
  if (condition) question.condition = condition;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, question };
};

/** A question as its builder form's values. */
export const questionFormValues = (q: Question): Values => {
  const loc = (prefix: string, value: Localized | undefined) => Object.fromEntries(LOCALES.map((l) => [`${prefix}.${l}`, value?.[l] ?? '']));
  return {
    ...loc('label', q.label),
    ...loc('help', q.help),
    required: q.required ? 'yes' : undefined,
    condition: q.condition ? `${q.condition.questionId}=${q.condition.anyOf[0] ?? ''}` : '',
    ...('options' in q ? Object.fromEntries(LOCALES.map((l) => [`options.${l}`, q.options.map((o) => o.label[l] ?? '').join('\n')])) : {}),
    ...('allowOther' in q && q.allowOther ? { allowOther: 'yes' } : {}),
    ...(q.type === 'multiple-choice' && q.maxChoices ? { maxChoices: String(q.maxChoices) } : {}),
    ...(q.type === 'long-text' && q.maxWords ? { maxWords: String(q.maxWords) } : {}),
    ...(q.type === 'scale' ? { min: String(q.min), max: String(q.max), ...loc('minLabel', q.minLabel), ...loc('maxLabel', q.maxLabel) } : {}),
    ...(q.type === 'reference' ? { list: q.list, multiple: q.multiple ? 'yes' : undefined } : {}),
    ...(q.type === 'file' ? { maxMegabytes: q.maxBytes ? String(Math.round(q.maxBytes / 1024 / 1024)) : '', kinds: q.kinds ?? [] } : {}),
  };
};
