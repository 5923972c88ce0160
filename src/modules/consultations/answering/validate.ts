/**
 * The rules of an answer, pure (no I/O): which questions are asked (conditions), and whether each
 * value fits its question. Used by the form, the API and the commands, so a rule is written once.
 */
import { countWords } from '../../../core/i18n/words.js';
import type { AnswerValue, AnswerValues, Question, Questionnaire, ReferenceList } from '../questionnaire.js';
import { questionsOf } from '../questionnaire.js';

/** The longest short text (characters) and long text (characters, beside the word limit). */
export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 50_000;

/** One broken rule: the question it concerns and the message's key (consultations.answering.errors.*) with its values. */
export type AnswerProblem = { questionId: string; error: string; params?: Record<string, string | number> };

/** The values a condition can match: choices, codes, 'yes'/'no', a scale's number. */
const matchable = (value: AnswerValue | undefined): string[] => {
  if (!value) return [];
  if ('choice' in value) return [value.choice];
  if ('choices' in value) return value.choices;
  if ('yes' in value) return [value.yes ? 'yes' : 'no'];
  if ('number' in value) return [String(value.number)];
  if ('codes' in value) return value.codes;
  if ('order' in value) return value.order.slice(0, 1);
  return [];
};

/** The ids of the questions asked given these values: a question whose condition is not met (or whose condition's question is not asked) is hidden. */
export const visibleQuestionIds = (questionnaire: Questionnaire, values: AnswerValues): Set<string> => {
  const visible = new Set<string>();
  for (const q of questionsOf(questionnaire)) {
    if (!q.condition) {
      visible.add(q.id);
      continue;
    }
    const { questionId, anyOf } = q.condition;
    if (visible.has(questionId) && matchable(values[questionId]).some((v) => anyOf.includes(v))) visible.add(q.id);
  }
  return visible;
};

const isText = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysAre = (v: Record<string, unknown>, allowed: string[]) => Object.keys(v).every((k) => allowed.includes(k));

/** Whether a value counts as "no answer" (an empty text, no choice): such values are not stored. */
export const isEmptyValue = (value: AnswerValue): boolean =>
  ('text' in value && value.text.trim() === '') ||
  ('choices' in value && value.choices.length === 0 && !value.other?.trim()) ||
  ('codes' in value && value.codes.length === 0) ||
  ('order' in value && value.order.length === 0) ||
  ('choice' in value && value.choice === '');

/** Checks one value against its question; returns the value as stored or the problem. */
const checkValue = (
  q: Question,
  raw: unknown,
  { language, referenceCodes }: { language: string; referenceCodes: (list: ReferenceList) => Set<string> },
): { value: AnswerValue } | { error: string; params?: Record<string, string | number> } => {
  const wrong = { error: 'wrong_type' };
  if (!isRecord(raw)) return wrong;
  switch (q.type) {
    case 'short-text':
    case 'long-text': {
      if (!keysAre(raw, ['text']) || !isText(raw.text)) return wrong;
      const max = q.type === 'short-text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
      if (raw.text.length > max) return { error: 'text_too_long', params: { max } };
      // A word takes one character at least: a text no longer than the limit is not segmented.
      if (q.type === 'long-text' && q.maxWords && raw.text.length > q.maxWords) {
        const count = countWords(raw.text, language);
        if (count > q.maxWords) return { error: 'too_many_words', params: { count, max: q.maxWords } };
      }
      return { value: { text: raw.text } };
    }
    case 'single-choice': {
      if (!keysAre(raw, ['choice', 'other']) || !isText(raw.choice) || (raw.other !== undefined && !isText(raw.other))) return wrong;
      if (raw.choice === 'other') {
        if (!q.allowOther) return { error: 'other_not_allowed' };
        if (!isText(raw.other) || raw.other.trim() === '') return { error: 'other_missing' };
        if (raw.other.length > SHORT_TEXT_MAX) return { error: 'text_too_long', params: { max: SHORT_TEXT_MAX } };
        return { value: { choice: 'other', other: raw.other } };
      }
      if (raw.choice !== '' && !q.options.some((o) => o.id === raw.choice)) return { error: 'choice_not_offered' };
      return { value: { choice: raw.choice } };
    }
    case 'multiple-choice': {
      if (!keysAre(raw, ['choices', 'other']) || !Array.isArray(raw.choices) || !raw.choices.every(isText) || (raw.other !== undefined && !isText(raw.other))) return wrong;
      const choices = [...new Set(raw.choices as string[])];
      const other = isText(raw.other) ? raw.other : '';
      if (choices.some((c) => c !== 'other' && !q.options.some((o) => o.id === c))) return { error: 'choice_not_offered' };
      const wantsOther = choices.includes('other') || other.trim() !== '';
      if (wantsOther && !q.allowOther) return { error: 'other_not_allowed' };
      if (choices.includes('other') && other.trim() === '') return { error: 'other_missing' };
      if (other.length > SHORT_TEXT_MAX) return { error: 'text_too_long', params: { max: SHORT_TEXT_MAX } };
      const all = wantsOther ? [...new Set([...choices, 'other'])] : choices;
      if (q.maxChoices && all.length > q.maxChoices) return { error: 'too_many_choices', params: { max: q.maxChoices } };
      return { value: wantsOther ? { choices: all, other } : { choices: all } };
    }
    case 'scale': {
      if (!keysAre(raw, ['number']) || typeof raw.number !== 'number' || !Number.isInteger(raw.number)) return wrong;
      if (raw.number < q.min || raw.number > q.max) return { error: 'scale_range', params: { min: q.min, max: q.max } };
      return { value: { number: raw.number } };
    }
    case 'yes-no':
      if (!keysAre(raw, ['yes']) || typeof raw.yes !== 'boolean') return wrong;
      return { value: { yes: raw.yes } };
    case 'ranking': {
      if (!keysAre(raw, ['order']) || !Array.isArray(raw.order) || !raw.order.every(isText)) return wrong;
      const order = raw.order as string[];
      if (order.length === 0) return { value: { order } };
      const ids = q.options.map((o) => o.id);
      if (order.length !== ids.length || new Set(order).size !== order.length || !order.every((id) => ids.includes(id)))
        return { error: 'ranking_permutation', params: { count: ids.length } };
      return { value: { order } };
    }
    case 'reference': {
      if (!keysAre(raw, ['codes']) || !Array.isArray(raw.codes) || !raw.codes.every(isText)) return wrong;
      const codes = [...new Set(raw.codes as string[])];
      if (!q.multiple && codes.length > 1) return { error: 'one_code_only' };
      const known = referenceCodes(q.list);
      if (codes.some((c) => !known.has(c))) return { error: 'reference_unknown' };
      return { value: { codes } };
    }
    case 'file':
      if (!keysAre(raw, ['attachmentId']) || typeof raw.attachmentId !== 'number' || !Number.isSafeInteger(raw.attachmentId)) return wrong;
      return { value: { attachmentId: raw.attachmentId } };
  }
};

/**
 * Checks values sent for a questionnaire. Unknown question ids and wrong values are problems.
 * Answers to questions hidden by a condition are refused (`hidden: 'refuse'`, the API: the caller
 * sent them on purpose) or dropped (`'drop'`, the form: a question of the same page that the
 * answer above made irrelevant). On submit, every required question asked must have an answer.
 * Empty values are dropped (an empty text is no answer).
 */
export const validateValues = ({
  questionnaire,
  values,
  language,
  referenceCodes,
  hidden,
  submit,
}: {
  questionnaire: Questionnaire;
  values: Record<string, unknown>;
  language: string;
  referenceCodes: (list: ReferenceList) => Set<string>;
  hidden: 'refuse' | 'drop';
  submit: boolean;
}): { values: AnswerValues; problems: AnswerProblem[] } => {
  const questions = new Map(questionsOf(questionnaire).map((q) => [q.id, q]));
  const problems: AnswerProblem[] = [];
  const checked: AnswerValues = {};
  for (const [id, raw] of Object.entries(values)) {
    const q = questions.get(id);
    if (!q) {
      problems.push({ questionId: id, error: 'unknown_question' });
      continue;
    }
    const result = checkValue(q, raw, { language, referenceCodes });
    if ('error' in result) problems.push({ questionId: id, error: result.error, params: result.params });
    else if (!isEmptyValue(result.value)) checked[id] = result.value;
  }
  const visible = visibleQuestionIds(questionnaire, checked);
  for (const id of Object.keys(checked)) {
    if (visible.has(id)) continue;
    if (hidden === 'refuse') problems.push({ questionId: id, error: 'hidden_question' });
    delete checked[id];
  }
  if (submit) {
    for (const q of questions.values()) {
      if (q.required && visible.has(q.id) && !(q.id in checked) && !problems.some((p) => p.questionId === q.id)) problems.push({ questionId: q.id, error: 'required' });
    }
  }
  return { values: checked, problems };
};

/** The form's field name of a question ('q-<id>'), and its extra fields ('q-<id>-other', 'q-<id>-rank-<option>'). */
export const fieldName = (questionId: string) => `q-${questionId}`;

type FormValues = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/**
 * The values of the questions of one page of the form, as the API's shape (checked afterwards
 * by validateValues). A field left empty is no answer; a rank or a number that does not parse is
 * given as is, so validation names it.
 */
export const valuesFromForm = (questions: Question[], form: FormValues): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const q of questions) {
    const name = fieldName(q.id);
    const v = form[name];
    switch (q.type) {
      case 'short-text':
      case 'long-text':
        if (one(v).trim() !== '') values[q.id] = { text: one(v) };
        break;
      case 'single-choice': {
        const choice = one(v);
        const other = one(form[`${name}-other`]);
        if (choice === 'other') values[q.id] = { choice, other };
        else if (choice !== '') values[q.id] = { choice };
        else if (other.trim() !== '') values[q.id] = { choice: 'other', other };
        break;
      }
      case 'multiple-choice': {
        const choices = list(v);
        const other = one(form[`${name}-other`]);
        if (choices.length > 0 || other.trim() !== '') values[q.id] = other.trim() !== '' ? { choices, other } : { choices };
        break;
      }
      case 'scale':
        if (one(v) !== '') values[q.id] = { number: /^-?\d{1,6}$/.test(one(v)) ? Number(one(v)) : one(v) };
        break;
      case 'yes-no':
        if (one(v) === 'yes' || one(v) === 'no') values[q.id] = { yes: one(v) === 'yes' };
        else if (one(v) !== '') values[q.id] = { yes: one(v) };
        break;
      case 'ranking': {
        const ranks = q.options.map((o) => ({ id: o.id, rank: one(form[`${name}-rank-${o.id}`]) }));
        if (ranks.every((r) => r.rank === '')) break;
        // Ranks must be 1…n, each once: anything else is given so that validation refuses it.
        const order: string[] = [];
        for (const r of ranks) {
          const n = Number(r.rank);
          if (!Number.isInteger(n) || n < 1 || n > ranks.length || order[n - 1] !== undefined) {
            order.length = 0;
            order.push('');
            break;
          }
          order[n - 1] = r.id;
        }
        values[q.id] = { order: Array.from(order, (x) => x ?? '') };
        break;
      }
      case 'reference':
        if (list(v).length > 0) values[q.id] = { codes: list(v) };
        break;
      case 'file':
        break;
    }
  }
  return values;
};

/** The form's fields for stored values (to fill the form again). */
export const formFromValues = (questions: Question[], values: AnswerValues): FormValues => {
  const form: FormValues = {};
  for (const q of questions) {
    const v = values[q.id];
    if (!v) continue;
    const name = fieldName(q.id);
    if ('text' in v) form[name] = v.text;
    else if ('choice' in v) {
      form[name] = v.choice;
      if (v.other) form[`${name}-other`] = v.other;
    } else if ('choices' in v) {
      form[name] = v.choices;
      if (v.other) form[`${name}-other`] = v.other;
    } else if ('number' in v) form[name] = String(v.number);
    else if ('yes' in v) form[name] = v.yes ? 'yes' : 'no';
    else if ('order' in v) {
      for (const [i, id] of v.order.entries()) form[`${name}-rank-${id}`] = String(i + 1);
    } else if ('codes' in v) form[name] = v.codes;
  }
  return form;
};
