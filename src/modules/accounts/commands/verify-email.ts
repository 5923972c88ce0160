import { eq } from 'drizzle-orm';
import { consumeEmailToken } from '../../../core/auth/email-tokens.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';

/** Confirms an address from the link in the verification e-mail (public action, the token is the proof). */
export const verifyEmail = async (db: Db, { token }: { token: string }) =>
  db.transaction(async (tx) => {
    const row = await consumeEmailToken(tx, { token, purpose: 'verify-email' });
    if (!row) return { ok: false, error: 'invalid_token' } as const;
    await tx.update(users).set({ emailVerifiedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, row.userId));
    await recordAction(tx, { actor: null, action: 'accounts.user.verify_email', subjectType: 'user', subjectId: row.userId });
    return { ok: true, userId: row.userId } as const;
  });
