/**
 * Attaches a file to a file question of the caller's answer: the type is taken from the bytes
 * (file-type.ts), the size is limited, the sha256 kept; the file replaces an earlier one of the
 * same question, and the answer's value points to it. The original bytes are stored (what is
 * published is the exports' business).
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { currentQuestionnaire, findConsultation } from '../../queries.js';
import { DEFAULT_MAX_FILE_BYTES, questionsOf } from '../../questionnaire.js';
import { answers, attachments } from '../../tables.js';
import { checkAttachment } from '../file-type.js';
import { findOwnAnswer } from '../queries.js';
import { submissionMoment } from '../rules.js';

export type AttachFileResult =
  | { ok: true; attachmentId: number }
  | {
      ok: false;
      error: 'not_found' | 'no_answer' | 'closed' | 'file_type' | 'file_mismatch' | 'file_kind_not_allowed' | 'file_zip_bomb' | 'file_macros' | 'file_too_large' | 'file_missing';
      maxBytes?: number;
    };

export const attachFile = async (
  db: Db,
  {
    actor,
    consultationId,
    questionId,
    file,
    now = new Date(),
    ip,
  }: {
    actor: Actor;
    consultationId: number;
    questionId: string;
    file: { bytes: Buffer; fileName: string; declaredType: string; truncated?: boolean } | null;
    now?: Date;
    ip?: string;
  },
): Promise<AttachFileResult> =>
  db.transaction(async (tx) => {
    const consultation = await findConsultation(tx, consultationId);
    if (!consultation || consultation.status === 'draft') return { ok: false, error: 'not_found' };
    const question = questionsOf(await currentQuestionnaire(tx, consultation)).find((q) => q.id === questionId);
    if (question?.type !== 'file') return { ok: false, error: 'not_found' };
    const answer = await findOwnAnswer(tx, { consultationId, userId: actor.id });
    if (!answer) return { ok: false, error: 'no_answer' };
    if (consultation.status !== 'open' || (answer.status === 'submitted' && submissionMoment(consultation, now) !== 'open')) return { ok: false, error: 'closed' };
    const maxBytes = Math.min(question.maxBytes ?? DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES);
    if (!file || (file.bytes.length === 0 && !file.truncated)) return { ok: false, error: 'file_missing' };
    if (file.truncated || file.bytes.length > maxBytes) return { ok: false, error: 'file_too_large', maxBytes };
    const checked = checkAttachment({ bytes: file.bytes, fileName: file.fileName, declaredType: file.declaredType, allowed: question.kinds });
    if (!checked.ok) return { ok: false, error: checked.error };
    await tx.delete(attachments).where(and(eq(attachments.answerId, answer.id), eq(attachments.questionId, questionId)));
    const [row] = await tx
      .insert(attachments)
      .values({
        answerId: answer.id,
        questionId,
        fileName: file.fileName.replace(/[\\/]/g, '_').slice(-200),
        mediaType: checked.mediaType,
        byteSize: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        data: file.bytes,
        uploaderId: actor.id,
      })
      .returning({ id: attachments.id });
    if (!row) throw new Error('attachment not written');
    await tx
      .update(answers)
      .set({ values: sql`${answers.values} || ${JSON.stringify({ [questionId]: { attachmentId: row.id } })}::jsonb`, updatedAt: now })
      .where(eq(answers.id, answer.id));
    await recordAction(tx, {
      actor,
      action: 'consultations.answer.write',
      subjectType: 'consultations.attachment',
      subjectId: row.id,
      after: { answerId: answer.id, questionId },
      ip,
    });
    return { ok: true, attachmentId: row.id };
  });
