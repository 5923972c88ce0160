/**
 * Coding: the themes of one free-text answer (an answer's text for one question) become exactly
 * `themeIds` (themes of the same consultation only; others are ignored). Audited.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { answerThemes } from '../../tables.js';
import { findText, findThemeIds } from '../queries.js';

export type TagTextInput = { consultationId: number; answerId: number; questionId: string; themeIds: number[] };
export type TagTextResult = { ok: true; themeIds: number[] } | { ok: false; error: 'text_not_found' };

export const tagText = async (db: Db, { actor, input, ip }: { actor: Actor; input: TagTextInput; ip?: string }): Promise<TagTextResult> =>
  db.transaction(async (tx) => {
    const text = await findText(tx, input);
    if (!text) return { ok: false, error: 'text_not_found' };
    const themeIds = await findThemeIds(tx, { consultationId: input.consultationId, ids: [...new Set(input.themeIds)] });
    const same = and(eq(answerThemes.answerId, input.answerId), eq(answerThemes.questionId, input.questionId));
    await tx.delete(answerThemes).where(themeIds.length > 0 ? and(same, notInArray(answerThemes.themeId, themeIds)) : same);
    if (themeIds.length > 0) {
      await tx
        .insert(answerThemes)
        .values(themeIds.map((themeId) => ({ answerId: input.answerId, questionId: input.questionId, themeId, codedBy: actor.id })))
        .onConflictDoNothing();
    }
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.analyse',
      subjectType: 'consultation_answer',
      subjectId: input.answerId,
      after: { questionId: input.questionId, themeIds },
      ip,
    });
    return { ok: true, themeIds };
  });
