/**
 * Reads of the exports folder: submitted answers batch by batch (keyset on the id, so memory does
 * not grow with the number of answers), their attachments, the published answers, the audience
 * of a circular letter. Contact details (e-mail, user names) are never selected here.
 */
import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { findOrganizationsByIds } from '../../accounts/queries.js';
import { type AudienceAccount, findAudience } from '../audience.js';
import type { Consultation } from '../queries.js';
import type { Questionnaire } from '../questionnaire.js';
import { answers, attachments, consultations, unsubscribes, versions } from '../tables.js';

/** What an export shows of one answer: no user id, no e-mail, no name. */
export const exportAnswerColumns = {
  id: answers.id,
  version: answers.version,
  organizationId: answers.organizationId,
  language: answers.language,
  values: answers.values,
  publish: answers.publish,
  stakeholderType: answers.stakeholderType,
  country: answers.country,
  region: answers.region,
  gender: answers.gender,
  submittedAt: answers.submittedAt,
};
export type ExportAnswer = {
  id: number;
  version: number;
  organizationId: number | null;
  language: string;
  values: (typeof answers.$inferSelect)['values'];
  publish: boolean;
  stakeholderType: string | null;
  country: string | null;
  region: string | null;
  gender: string | null;
  submittedAt: Date | null;
};
export type AttachmentMeta = { id: number; answerId: number; questionId: string; fileName: string; mediaType: string; byteSize: number };

export const EXPORT_BATCH = 500;

/** Every version's questionnaire of a consultation, oldest first (the export's columns are their union). */
export const findQuestionnaires = async (db: DbOrTx, consultationId: number): Promise<{ version: number; questionnaire: Questionnaire }[]> =>
  db.select({ version: versions.version, questionnaire: versions.questionnaire }).from(versions).where(eq(versions.consultationId, consultationId)).orderBy(asc(versions.version));

/** The file names of the attachments of some answers (without their bytes). */
export const findAttachmentMeta = async (db: DbOrTx, answerIds: number[]): Promise<AttachmentMeta[]> =>
  answerIds.length === 0
    ? []
    : db
        .select({
          id: attachments.id,
          answerId: attachments.answerId,
          questionId: attachments.questionId,
          fileName: attachments.fileName,
          mediaType: attachments.mediaType,
          byteSize: attachments.byteSize,
        })
        .from(attachments)
        .where(inArray(attachments.answerId, answerIds))
        .orderBy(asc(attachments.id));

export type AnswerBatch = { answers: ExportAnswer[]; files: Map<number, AttachmentMeta> };

/**
 * The submitted answers of a consultation (or only the published ones), `size` at a time, in id
 * order, each batch with its attachments' names. Only one batch is in memory at a time.
 */
export async function* streamAnswers(
  db: DbOrTx,
  { consultationId, publishedOnly = false, size = EXPORT_BATCH }: { consultationId: number; publishedOnly?: boolean; size?: number },
): AsyncGenerator<AnswerBatch> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select(exportAnswerColumns)
      .from(answers)
      .where(and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted'), gt(answers.id, after), ...(publishedOnly ? [eq(answers.publish, true)] : [])))
      .orderBy(asc(answers.id))
      .limit(size);
    if (rows.length === 0) return;
    const files = new Map(
      (
        await findAttachmentMeta(
          db,
          rows.map((r) => r.id),
        )
      ).map((f) => [f.id, f]),
    );
    yield { answers: rows, files };
    if (rows.length < size) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/** Whether a consultation's answers may be shown to the public at all (the respondent must consent too). */
export const publishesAnswers = (c: Pick<Consultation, 'status' | 'answersMayBePublished'>) => c.answersMayBePublished && c.status !== 'draft';

/** One page of published answers (submitted, consented), with the attachments' names. */
export const findPublishedAnswers = async (db: DbOrTx, { consultationId, page, pageSize }: { consultationId: number; page: number; pageSize: number }) => {
  const where = and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted'), eq(answers.publish, true));
  const [rows, [count]] = await Promise.all([
    db
      .select(exportAnswerColumns)
      .from(answers)
      .where(where)
      .orderBy(asc(answers.submittedAt), asc(answers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(answers).where(where),
  ]);
  const files = new Map(
    (
      await findAttachmentMeta(
        db,
        rows.map((r) => r.id),
      )
    ).map((f) => [f.id, f]),
  );
  return { rows, files, total: count?.n ?? 0 };
};

/** How many answers of a consultation the public may read (submitted, consented). */
export const countPublishedAnswers = async (db: DbOrTx, consultationId: number): Promise<number> => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(answers)
    .where(and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted'), eq(answers.publish, true)));
  return row?.n ?? 0;
};

/** The names of organizations (published answers name the organization, never a person). */
export const findOrganizationNames = async (db: DbOrTx, ids: number[]): Promise<Map<number, string>> =>
  // An organization deleted since is left out: the answer is shown without a name.
  new Map((await findOrganizationsByIds(db, ids)).map((o) => [o.id, o.name]));

/**
 * An attachment of a published answer with its bytes: only when the consultation publishes, the
 * answer is submitted and its respondent consented. Null otherwise (a 404 for the reader).
 */
export const findPublishedAttachment = async (db: DbOrTx, { consultationId, attachmentId }: { consultationId: number; attachmentId: number }) => {
  const [row] = await db
    .select({ fileName: attachments.fileName, mediaType: attachments.mediaType, data: attachments.data })
    .from(attachments)
    .innerJoin(answers, eq(answers.id, attachments.answerId))
    .where(and(eq(attachments.id, attachmentId), eq(answers.consultationId, consultationId), eq(answers.status, 'submitted'), eq(answers.publish, true)));
  return row ?? null;
};

/** Attachments of the submitted answers with their bytes, a few at a time (files are up to 10 MB each). */
export async function* streamAttachments(db: DbOrTx, { consultationId, size = 8 }: { consultationId: number; size?: number }) {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: attachments.id, answerId: attachments.answerId, questionId: attachments.questionId, fileName: attachments.fileName, data: attachments.data })
      .from(attachments)
      .innerJoin(answers, eq(answers.id, attachments.answerId))
      .where(and(eq(answers.consultationId, consultationId), eq(answers.status, 'submitted'), gt(attachments.id, after)))
      .orderBy(asc(attachments.id))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export type Recipient = AudienceAccount;

/**
 * The people a circular letter goes to: the active, verified accounts of the consultation's
 * audience (the rule of audience.ts, the same as for answering), less the addresses that
 * unsubscribed.
 */
export const findLetterRecipients = async (db: DbOrTx, consultation: Pick<Consultation, 'audience'>): Promise<Recipient[]> => {
  const audience = await findAudience(db, consultation);
  const unsubscribed = new Set((await db.select({ email: unsubscribes.email }).from(unsubscribes)).map((u) => u.email));
  return audience.filter((r) => !unsubscribed.has(r.email.toLowerCase()));
};

/** Drafts (never submitted) of consultations that are open and close within `withinMs` of `now`. */
export const findDraftsClosingSoon = async (db: DbOrTx, { now, withinMs }: { now: Date; withinMs: number }) => {
  return db
    .select({ userId: answers.userId, consultationId: consultations.id, title: consultations.title, closesAt: consultations.closesAt })
    .from(answers)
    .innerJoin(consultations, eq(consultations.id, answers.consultationId))
    .where(
      and(
        eq(answers.status, 'draft'),
        isNotNull(answers.userId),
        eq(consultations.status, 'open'),
        sql`${consultations.closesAt} > ${now.toISOString()}::timestamptz`,
        sql`${consultations.closesAt} <= ${new Date(now.getTime() + withinMs).toISOString()}::timestamptz`,
      ),
    );
};
