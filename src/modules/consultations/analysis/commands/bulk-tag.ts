/**
 * Coding from a search: every free text of the consultation matching the query (optionally of one
 * question) is given a theme, in one statement (texts already tagged with it stay as they are).
 * Returns how many texts were newly tagged. Audited with the query.
 */
import { and, eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { answerThemes, texts } from '../../tables.js';
import { findThemeIds, textMatch } from '../queries.js';

export type BulkTagInput = { consultationId: number; q: string; questionId?: string; themeId: number };
export type BulkTagResult = { ok: true; tagged: number } | { ok: false; error: 'theme_not_found' | 'query_empty' };

export const bulkTag = async (db: Db, { actor, input, ip }: { actor: Actor; input: BulkTagInput; ip?: string }): Promise<BulkTagResult> => {
  const match = textMatch(input.q);
  if (!match) return { ok: false, error: 'query_empty' };
  return db.transaction(async (tx) => {
    const [themeId] = await findThemeIds(tx, { consultationId: input.consultationId, ids: [input.themeId] });
    if (themeId === undefined) return { ok: false, error: 'theme_not_found' } as const;
    const inserted = await tx
      .insert(answerThemes)
      .select(
        tx
          .select({
            answerId: texts.answerId,
            questionId: texts.questionId,
            themeId: sql<number>`${themeId}::bigint`.as('theme_id'),
            codedBy: sql<number>`${actor.id}::bigint`.as('coded_by'),
            createdAt: sql<Date>`now()`.as('created_at'),
          })
          .from(texts)
          .where(and(eq(texts.consultationId, input.consultationId), input.questionId ? eq(texts.questionId, input.questionId) : undefined, match)),
      )
      .onConflictDoNothing()
      .returning({ answerId: answerThemes.answerId });
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.analyse',
      subjectType: 'consultation_theme',
      subjectId: themeId,
      after: { q: input.q, questionId: input.questionId ?? null, tagged: inserted.length },
      ip,
    });
    return { ok: true, tagged: inserted.length } as const;
  });
};
