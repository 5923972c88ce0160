/**
 * Read side of answering: the caller's own answer, its attachments, the reference codes a
 * `reference` question accepts, an answer typed while signed out.
 */
import { and, desc, eq, inArray, isNotNull, like, not } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { type Fragment, runStatement } from '../../../core/db/statement.js';
import { findActionLines, findCountries, findSdgTargets, findSdgs } from '../../reference/queries.js';
import type { ReferenceList } from '../questionnaire.js';
import { answers, attachments } from '../tables.js';
import { ANSWER_FIELDS_TEXT, answerOfRow } from './answer-rows.js';

export type Answer = typeof answers.$inferSelect;
export type AttachmentInfo = Pick<typeof attachments.$inferSelect, 'id' | 'answerId' | 'questionId' | 'fileName' | 'mediaType' | 'byteSize' | 'sha256' | 'createdAt'>;

/** The respondent key of an organization or a person ('org:7', 'user:12'). */
export const respondentKey = (r: { organizationId: number } | { userId: number }) => ('organizationId' in r ? `org:${r.organizationId}` : `user:${r.userId}`);

/** A form typed while signed out, kept under a random token (respondent 'pending:<token>'). */
export const PENDING_PREFIX = 'pending:';

/**
 * The answer the user works on in this consultation: the one they last wrote (their own, or their
 * organization's, which its members share), or null.
 */
export const findOwnAnswer = async (db: DbOrTx, { consultationId, userId }: { consultationId: number; userId: number }): Promise<Answer | null> => {
  const [row] = await db
    .select()
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.userId, userId), not(like(answers.respondent, `${PENDING_PREFIX}%`))))
    .orderBy(desc(answers.updatedAt), desc(answers.id))
    .limit(1);
  return row ?? null;
};

/**
 * The caller's answers a save reads, as columns of its first statement (the consultation's, see
 * findConsultationAndQuestionnaire's `also`), each an answer as one JSON object or null (read it
 * with answerOfJson): `mine`, the respondent's answer, locked (the save writes it), when the
 * respondent is known; `own`, the caller's latest answer of the consultation (findOwnAnswer),
 * locked only when asked (a submission of the saved draft writes it; a save for a new respondent
 * carries it over without writing it).
 */
export const ownAnswerColumns = ({
  consultationId,
  userId,
  respondent,
  lockMine = true,
  lockOwn,
}: {
  consultationId: number;
  userId: number;
  respondent: string | null;
  /** Lock the respondent's answer (false: an optimistic save, whose write checks the row's version instead). */
  lockMine?: boolean;
  lockOwn: boolean;
}): { mine: Fragment; own: Fragment } => ({
  mine: (p) =>
    respondent === null
      ? 'null'
      : `(select row_to_json(a) from (select ${ANSWER_FIELDS_TEXT}, xmin::text as "rowVersion" from consultations_answers where consultation_id = ${p.param(consultationId)} and respondent = ${p.param(respondent)} ${lockMine ? 'for update' : ''}) a)`,
  own: (p) => `(select row_to_json(a) from (select ${ANSWER_FIELDS_TEXT}, xmin::text as "rowVersion" from consultations_answers
    where consultation_id = ${p.param(consultationId)} and user_id = ${p.param(userId)} and respondent not like ${p.param(`${PENDING_PREFIX}%`)}
    order by updated_at desc, id desc limit 1 ${lockOwn ? 'for update' : ''}) a)`,
});

/**
 * The version of an answer read by ownAnswerColumns (its row's `xmin`): an optimistic save writes
 * the row only if it is still this version (core/db/optimistic.ts). Null when there is no answer.
 */
export const rowVersionOf = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const row = (typeof value === 'string' ? JSON.parse(value) : value) as { rowVersion?: unknown };
  return typeof row.rowVersion === 'string' ? row.rowVersion : null;
};

/**
 * What ownAnswerColumns read, as a save uses it: the respondent's answer (`existing`), and when
 * there is none the caller's own latest answer (`own`, which a save carries over when it is a draft).
 */
export const respondentAnswersOf = (columns: { mine: unknown; own: unknown }): { existing: Answer | undefined; own: Answer | null } => {
  const existing = answerOfJson(columns.mine) ?? undefined;
  return { existing, own: existing ? null : answerOfJson(columns.own) };
};

/** The same as a statement of its own: what a save reads when its first statement could not (a saved draft submitted for another respondent). */
export const findRespondentAnswers = async (
  tx: DbOrTx,
  { consultationId, respondent, userId }: { consultationId: number; respondent: string; userId: number },
): Promise<{ existing: Answer | undefined; own: Answer | null }> => {
  const { mine, own } = ownAnswerColumns({ consultationId, userId, respondent, lockOwn: false });
  const [row] = await runStatement<{ mine: unknown; own: unknown }>(tx, (p) => `select ${mine(p)} as mine, ${own(p)} as own`);
  return respondentAnswersOf(row ?? { mine: null, own: null });
};

/** An answer read by ownAnswerColumns (JSON, or its text) as the query builder maps it; null stays null. */
export const answerOfJson = (value: unknown): Answer | null => {
  if (value === null || value === undefined) return null;
  return answerOfRow((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>);
};

/** The answer of one respondent in a consultation, or null. */
export const findAnswerOfRespondent = async (db: DbOrTx, { consultationId, respondent }: { consultationId: number; respondent: string }): Promise<Answer | null> => {
  const [row] = await db
    .select()
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.respondent, respondent)));
  return row ?? null;
};

/** The files attached to an answer (without their bytes), oldest first. */
export const findAttachmentsOfAnswer = async (db: DbOrTx, answerId: number): Promise<AttachmentInfo[]> =>
  db
    .select({
      id: attachments.id,
      answerId: attachments.answerId,
      questionId: attachments.questionId,
      fileName: attachments.fileName,
      mediaType: attachments.mediaType,
      byteSize: attachments.byteSize,
      sha256: attachments.sha256,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.answerId, answerId))
    .orderBy(attachments.id);

/** One attachment with its bytes, if it belongs to one of these answers. */
export const findAttachmentOf = async (db: DbOrTx, { id, answerIds }: { id: number; answerIds: number[] }) => {
  if (answerIds.length === 0) return null;
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), inArray(attachments.answerId, answerIds)));
  return row ?? null;
};

/** The codes each reference list accepts (action line codes, SDG numbers, target codes, country codes). */
export const findReferenceCodes = async (db: DbOrTx, lists: ReferenceList[]): Promise<Map<ReferenceList, Set<string>>> => {
  const codes = new Map<ReferenceList, Set<string>>();
  for (const list of new Set(lists)) {
    if (list === 'action-lines') codes.set(list, new Set((await findActionLines(db)).map((a) => a.code)));
    else if (list === 'sdgs') codes.set(list, new Set((await findSdgs(db)).map((s) => String(s.number))));
    else if (list === 'sdg-targets') codes.set(list, new Set((await findSdgTargets(db)).map((t) => t.code)));
    else codes.set(list, new Set((await findCountries(db)).map((c) => c.code)));
  }
  return codes;
};

/** Answers that people signed out of were writing, kept for a day. */
export const findPendingForm = async (db: DbOrTx, { consultationId, token }: { consultationId: number; token: string }) => {
  const [row] = await db
    .select({ values: answers.values, language: answers.language })
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.respondent, `${PENDING_PREFIX}${token}`), isNotNull(answers.createdAt)));
  return row ? { form: row.values as unknown as Record<string, string | string[]>, language: row.language } : null;
};
