import { eq, sql } from 'drizzle-orm';
import { consumeEmailToken } from '../../../core/auth/email-tokens.js';
import { hashPassword, isCommonPassword } from '../../../core/auth/passwords.js';
import { destroyUserSessions } from '../../../core/auth/sessions.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';

/** Sets a new password from a reset link; signs the account out everywhere (public action, token is the proof). */
export const resetPassword = async (db: Db, { token, password }: { token: string; password: string }) => {
  if (isCommonPassword(password)) return { ok: false, error: 'common_password' } as const;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const row = await consumeEmailToken(tx, { token, purpose: 'reset-password' });
    if (!row) return { ok: false, error: 'invalid_token' } as const;
    // Receiving the link proves the address too.
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, row.userId));
    await destroyUserSessions(tx, row.userId);
    await recordAction(tx, { actor: null, action: 'accounts.user.reset_password', subjectType: 'user', subjectId: row.userId });
    return { ok: true } as const;
  });
};
