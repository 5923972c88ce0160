/**
 * The questionnaire builder's rules, as pure functions over a Questionnaire (no I/O): the edits
 * (sections and questions added, changed, moved, removed) and the check every saved questionnaire
 * passes (conditions point to an earlier question and to a value it offers).
 */
import { type Question, type Questionnaire, questionsOf, type Section } from '../questionnaire.js';

/** Why an edit is refused; each has a message `consultations.management.errors.<code>`. */
export type BuilderError =
  | 'section_not_found'
  | 'question_not_found'
  | 'cannot_move'
  | 'label_required'
  | 'options_required'
  | 'scale_invalid'
  | 'condition_question_missing'
  | 'condition_not_before'
  | 'condition_not_choice'
  | 'condition_value_missing'
  | 'condition_in_use';

export type Edit = { ok: true; questionnaire: Questionnaire } | { ok: false; error: BuilderError; questionId?: string };

/** Types whose answer is a value a condition can test. */
const CONDITIONAL_TYPES = new Set(['single-choice', 'multiple-choice', 'yes-no']);

/** The values a condition on `question` may name (option ids, 'yes'/'no', 'other' when offered). */
export const conditionValues = (question: Question): string[] => {
  if (question.type === 'yes-no') return ['yes', 'no'];
  if (question.type === 'single-choice' || question.type === 'multiple-choice') return [...question.options.map((o) => o.id), ...(question.allowOther ? ['other'] : [])];
  return [];
};

const hasText = (value: Record<string, string | undefined> | undefined) => Object.values(value ?? {}).some((v) => (v ?? '').trim() !== '');

/**
 * The whole questionnaire checked: every question has a label; choices have options; a scale
 * goes upwards; a condition names an earlier question that offers the value it tests.
 */
export const checkQuestionnaire = (questionnaire: Questionnaire): Edit => {
  const seen = new Map<string, Question>();
  for (const question of questionsOf(questionnaire)) {
    const fail = (error: BuilderError): Edit => ({ ok: false, error, questionId: question.id });
    if (!hasText(question.label)) return fail('label_required');
    if ((question.type === 'single-choice' || question.type === 'multiple-choice' || question.type === 'ranking') && question.options.length < 2) return fail('options_required');
    if (question.type === 'scale' && !(Number.isInteger(question.min) && Number.isInteger(question.max) && question.min < question.max && question.max - question.min <= 100))
      return fail('scale_invalid');
    if (question.condition) {
      const target = seen.get(question.condition.questionId);
      if (!target) return fail(questionsOf(questionnaire).some((q) => q.id === question.condition?.questionId) ? 'condition_not_before' : 'condition_question_missing');
      if (!CONDITIONAL_TYPES.has(target.type)) return fail('condition_not_choice');
      const offered = conditionValues(target);
      if (question.condition.anyOf.length === 0 || question.condition.anyOf.some((v) => !offered.includes(v))) return fail('condition_value_missing');
    }
    seen.set(question.id, question);
  }
  return { ok: true, questionnaire };
};

const checked = (questionnaire: Questionnaire): Edit => checkQuestionnaire(questionnaire);
const sectionIndex = (q: Questionnaire, id: string) => q.sections.findIndex((s) => s.id === id);
const locate = (q: Questionnaire, id: string) => {
  for (const [s, section] of q.sections.entries()) {
    const i = section.questions.findIndex((x) => x.id === id);
    if (i >= 0) return { s, i };
  }
  return null;
};

export const addSection = (q: Questionnaire, section: Section): Edit => ({ ok: true, questionnaire: { sections: [...q.sections, section] } });

export const updateSection = (q: Questionnaire, id: string, patch: Pick<Section, 'title' | 'description'>): Edit =>
  sectionIndex(q, id) < 0 ? { ok: false, error: 'section_not_found' } : checked({ sections: q.sections.map((s) => (s.id === id ? { ...s, ...patch } : s)) });

/** A section goes with its questions; refused when a remaining question's condition depends on one of them. */
export const removeSection = (q: Questionnaire, id: string): Edit => {
  if (sectionIndex(q, id) < 0) return { ok: false, error: 'section_not_found' };
  const next = { sections: q.sections.filter((s) => s.id !== id) };
  const result = checked(next);
  return result.ok ? result : { ok: false, error: 'condition_in_use', questionId: result.questionId };
};

export const addQuestion = (q: Questionnaire, sectionId: string, question: Question): Edit =>
  sectionIndex(q, sectionId) < 0
    ? { ok: false, error: 'section_not_found' }
    : checked({ sections: q.sections.map((s) => (s.id === sectionId ? { ...s, questions: [...s.questions, question] } : s)) });

export const updateQuestion = (q: Questionnaire, question: Question): Edit =>
  !locate(q, question.id)
    ? { ok: false, error: 'question_not_found' }
    : checked({ sections: q.sections.map((s) => ({ ...s, questions: s.questions.map((x) => (x.id === question.id ? question : x)) })) });

/** A question removed; refused when another question's condition depends on it. */
export const removeQuestion = (q: Questionnaire, id: string): Edit => {
  if (!locate(q, id)) return { ok: false, error: 'question_not_found' };
  if (questionsOf(q).some((x) => x.condition?.questionId === id)) return { ok: false, error: 'condition_in_use', questionId: id };
  return checked({ sections: q.sections.map((s) => ({ ...s, questions: s.questions.filter((x) => x.id !== id) })) });
};

/**
 * A question one place up or down; at the edge of its section it crosses into the neighbouring
 * section. Refused when the move would put a condition before the question it depends on.
 */
export const moveQuestion = (q: Questionnaire, id: string, direction: 'up' | 'down'): Edit => {
  const at = locate(q, id);
  if (!at) return { ok: false, error: 'question_not_found' };
  const sections = q.sections.map((s) => ({ ...s, questions: [...s.questions] }));
  const section = sections[at.s] as Section;
  const [question] = section.questions.splice(at.i, 1);
  if (!question) return { ok: false, error: 'question_not_found' };
  const step = direction === 'up' ? -1 : 1;
  const target = at.i + step;
  if (target >= 0 && target <= section.questions.length && !(direction === 'down' && at.i === section.questions.length)) {
    section.questions.splice(target, 0, question);
  } else {
    const neighbour = sections[at.s + step];
    if (!neighbour) return { ok: false, error: 'cannot_move' };
    if (direction === 'up') neighbour.questions.push(question);
    else neighbour.questions.unshift(question);
  }
  const result = checked({ sections });
  return result.ok ? result : { ok: false, error: result.error === 'condition_not_before' ? 'cannot_move' : result.error, questionId: result.questionId };
};

/** The next free id with `prefix` ('s' or 'q'), never one used by any version (ids are export columns). */
export const nextId = (prefix: 's' | 'q', questionnaires: Questionnaire[]): string => {
  let max = 0;
  for (const questionnaire of questionnaires) {
    const ids = prefix === 's' ? questionnaire.sections.map((s) => s.id) : questionsOf(questionnaire).map((x) => x.id);
    for (const id of ids) {
      const m = new RegExp(`^${prefix}(\\d+)$`).exec(id);
      if (m) max = Math.max(max, Number(m[1]));
    }
  }
  return `${prefix}${max + 1}`;
};
