/**
 * Set-up shared by management's tests: a consultation's input with dates around now, a
 * consultation with a questionnaire built through the commands, and answers written directly
 * (answering/ owns the answer commands; the schema is fixed).
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { Question } from '../questionnaire.js';
import { answers } from '../tables.js';
import { changeStatus } from './commands/change-status.js';
import { editQuestionnaire } from './commands/edit-questionnaire.js';
import { createConsultation } from './commands/save-consultation.js';
import type { ConsultationInput } from './inputs.js';
import { addQuestion, addSection } from './rules.js';

export const DAY = 86_400_000;

/** A consultation's input: open from `opensInDays` (default yesterday) for `days` days. */
export const consultationInputAround = (overrides: Partial<ConsultationInput> = {}, { opensInDays = -1, days = 30 } = {}): ConsultationInput => ({
  title: { en: 'Call for contributions on WSIS beyond 2025', fr: 'Appel à contributions sur le SMSI après 2025' },
  purpose: { en: 'Tell us what the **next decade** of WSIS should do.' },
  originalLanguage: 'en',
  translations: { fr: 'unofficial' },
  audience: 'everyone',
  respondentKind: 'either',
  opensAt: new Date(Date.now() + opensInDays * DAY).toISOString(),
  closesAt: new Date(Date.now() + (opensInDays + days) * DAY).toISOString(),
  answersMayBePublished: false,
  actionLines: [],
  sdgs: [],
  ...overrides,
});

/** Two questions: a yes/no (q1) and a long text shown when q1 is yes (q2). */
export const sampleQuestions = (): Question[] => [
  { id: 'q1', type: 'yes-no', label: { en: 'Do you run a WSIS project?', fr: 'Menez-vous un projet du SMSI ?' }, required: true },
  { id: 'q2', type: 'long-text', label: { en: 'Describe it', fr: 'Décrivez-le' }, required: false, maxWords: 200, condition: { questionId: 'q1', anyOf: ['yes'] } },
];

/** A consultation created, given a section with `questions`, and opened when `open`, all through the commands. */
export const buildConsultation = async (
  db: DbOrTx,
  { actor, input = consultationInputAround(), questions = sampleQuestions(), open = true }: { actor: Actor; input?: ConsultationInput; questions?: Question[]; open?: boolean },
) => {
  const created = await createConsultation(db, { actor, input });
  if (!created.ok) throw new Error(`consultation refused: ${created.error}`);
  const id = created.id;
  const section = await editQuestionnaire(db, {
    actor,
    consultationId: id,
    edit: (q, ids) => addSection(q, { id: ids('s'), title: { en: 'Your views', fr: 'Vos avis' }, questions: [] }),
  });
  if (!section.ok) throw new Error(section.error);
  for (const question of questions) {
    const added = await editQuestionnaire(db, {
      actor,
      consultationId: id,
      edit: (q, ids) => addQuestion(q, q.sections[0]?.id ?? '', { ...question, id: question.id || ids('q') }),
    });
    if (!added.ok) throw new Error(`${added.error} ${question.id}`);
  }
  if (open) {
    const opened = await changeStatus(db, { actor, id, transition: 'open' });
    if (!opened.ok) throw new Error(opened.error);
  }
  return id;
};

/** An answer (a draft unless `submitted`) on a version, written directly. */
export const insertAnswer = async (
  db: DbOrTx,
  { consultationId, version = 1, userId, submitted = true }: { consultationId: number; version?: number; userId: number; submitted?: boolean },
) => {
  const [row] = await db
    .insert(answers)
    .values({
      consultationId,
      version,
      respondent: `user:${userId}`,
      userId,
      language: 'fr',
      status: submitted ? 'submitted' : 'draft',
      values: { q1: { yes: true }, q2: { text: 'Un projet de connectivité rurale' } },
      submittedAt: submitted ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('no answer');
  return row;
};
