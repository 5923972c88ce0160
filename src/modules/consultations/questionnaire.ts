/**
 * The shape of a questionnaire and of an answer's values: shared by the builder (management/),
 * the answer form and its validation (answering/), the results (results/), the analysis
 * (analysis/) and the synthesis (synthesis/). Texts in the reader's language: core/i18n's
 * localizeWithLocale; words of a long text: core/i18n/words' countWords (Chinese and Arabic too). A questionnaire is stored whole, per version, in
 * consultations_versions.questionnaire; once a version has answers it never changes.
 */
import type { Localized } from '../../core/i18n/locales.js';

export const QUESTION_TYPES = ['short-text', 'long-text', 'single-choice', 'multiple-choice', 'scale', 'yes-no', 'ranking', 'reference', 'file'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Reference data a `reference` question offers (read through reference/queries). */
export const REFERENCE_LISTS = ['action-lines', 'sdgs', 'sdg-targets', 'countries'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

/** File types an attachment may be, recognised from its bytes (not from its name). */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;
/** Default size limit of an attachment (a question may lower it). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export type ChoiceOption = { id: string; label: Localized };

/** Show a question only when another (earlier) question's answer is one of `values`. */
export type Condition = { questionId: string; anyOf: string[] };

type QuestionBase = {
  /** Stable within the consultation across versions (a column of the exports). */
  id: string;
  label: Localized;
  help?: Localized;
  required: boolean;
  condition?: Condition;
};

export type Question =
  | (QuestionBase & { type: 'short-text' })
  | (QuestionBase & { type: 'long-text'; maxWords?: number })
  | (QuestionBase & { type: 'single-choice'; options: ChoiceOption[]; allowOther?: boolean })
  | (QuestionBase & { type: 'multiple-choice'; options: ChoiceOption[]; allowOther?: boolean; maxChoices?: number })
  | (QuestionBase & { type: 'scale'; min: number; max: number; minLabel?: Localized; maxLabel?: Localized })
  | (QuestionBase & { type: 'yes-no' })
  | (QuestionBase & { type: 'ranking'; options: ChoiceOption[] })
  | (QuestionBase & { type: 'reference'; list: ReferenceList; multiple: boolean })
  | (QuestionBase & { type: 'file'; maxBytes?: number; kinds?: AttachmentKind[] });

export type Section = { id: string; title: Localized; description?: Localized; questions: Question[] };
export type Questionnaire = { sections: Section[] };

/**
 * The value of one answered question:
 * - short-text, long-text: `{ text }`
 * - single-choice: `{ choice }` (an option id, or 'other' with `other` text)
 * - multiple-choice: `{ choices: string[], other? }`
 * - scale: `{ number }`; yes-no: `{ yes: boolean }`
 * - ranking: `{ order: string[] }` (option ids, first is preferred)
 * - reference: `{ codes: string[] }` (action line codes, SDG numbers as strings, target codes, ISO 3166 alpha-3)
 * - file: `{ attachmentId }` (a row of consultations_attachments)
 */
export type AnswerValue =
  | { text: string }
  | { choice: string; other?: string }
  | { choices: string[]; other?: string }
  | { number: number }
  | { yes: boolean }
  | { order: string[] }
  | { codes: string[] }
  | { attachmentId: number };

export type AnswerValues = Record<string, AnswerValue>;

/** Every question of a questionnaire, in order. */
export const questionsOf = (questionnaire: Questionnaire): Question[] => questionnaire.sections.flatMap((s) => s.questions);
