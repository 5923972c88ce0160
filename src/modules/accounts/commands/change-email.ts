import { eq } from 'drizzle-orm';
import { consumeEmailToken, issueEmailToken } from '../../../core/auth/email-tokens.js';
import { verifyPassword } from '../../../core/auth/passwords.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findUserByEmail } from '../queries.js';
import { changeEmailMail } from './mails.js';

/**
 * Asks to move the account to a new address: needs the current password, and takes effect only
 * when the link mailed to the new address is opened (assumes 'accounts.account.edit').
 */
export const requestEmailChange = async (db: Db, { actor, email, currentPassword, baseUrl }: { actor: Actor; email: string; currentPassword: string; baseUrl: string }) => {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, error: 'wrong_password' } as const;
  if (email.toLowerCase() === user.email.toLowerCase()) return { ok: false, error: 'same_email' } as const;
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) return { ok: false, error: 'email_taken' } as const;
    const token = await issueEmailToken(tx, { userId: user.id, purpose: 'change-email', newEmail: email });
    await enqueueMail(tx, { to: email, locale: user.locale, compose: changeEmailMail({ name: user.name, url: `${baseUrl}/${user.locale}/confirm-email?token=${token}` }) });
    return { ok: true } as const;
  });
};

/** Applies an e-mail change from the confirmation link (the token is the proof). */
export const confirmEmailChange = async (db: Db, { token }: { token: string }) =>
  db.transaction(async (tx) => {
    const row = await consumeEmailToken(tx, { token, purpose: 'change-email' });
    if (!row?.newEmail) return { ok: false, error: 'invalid_token' } as const;
    if (await findUserByEmail(tx, row.newEmail)) return { ok: false, error: 'email_taken' } as const;
    const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
    await tx.update(users).set({ email: row.newEmail, emailVerifiedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, row.userId));
    await recordAction(tx, { actor: null, action: 'accounts.user.change_email', subjectType: 'user', subjectId: row.userId, before, after: { email: row.newEmail } });
    return { ok: true } as const;
  });
