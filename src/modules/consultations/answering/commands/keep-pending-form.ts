/**
 * A form posted after the session expired is not lost: it is kept under a random token (a row of
 * consultations_answers whose respondent is 'pending:<token>', a draft with no user), the token
 * goes into a signed cookie, and after sign-in the form comes back filled. Kept a day at most.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, like, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../../core/db/client.js';
import type { Locale } from '../../../../core/i18n/locales.js';
import type { AnswerValues } from '../../questionnaire.js';
import { answers } from '../../tables.js';
import { PENDING_PREFIX } from '../queries.js';

export const PENDING_TTL_MS = 24 * 3600_000;

/** Keeps what was typed; returns the token to put in the cookie. */
export const keepPendingForm = async (
  db: Db,
  {
    consultationId,
    version,
    form,
    language,
    now = new Date(),
  }: { consultationId: number; version: number; form: Record<string, string | string[] | undefined>; language: Locale; now?: Date },
): Promise<string> => {
  const token = randomBytes(18).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.delete(answers).where(and(like(answers.respondent, `${PENDING_PREFIX}%`), lt(answers.createdAt, new Date(now.getTime() - PENDING_TTL_MS))));
    await tx.insert(answers).values({
      consultationId,
      version,
      respondent: `${PENDING_PREFIX}${token}`,
      language,
      values: form as unknown as AnswerValues,
      status: 'draft',
    });
  });
  return token;
};

/** Forgets a kept form (once its values are saved in the person's own answer). */
export const dropPendingForm = async (db: DbOrTx, { consultationId, token }: { consultationId: number; token: string }) =>
  db.delete(answers).where(and(eq(answers.consultationId, consultationId), eq(answers.respondent, `${PENDING_PREFIX}${token}`)));
