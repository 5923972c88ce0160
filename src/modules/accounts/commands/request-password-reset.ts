import { issueEmailToken } from '../../../core/auth/email-tokens.js';
import type { Db } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import { findUserByEmail } from '../queries.js';
import { resetPasswordMail } from './mails.js';

/**
 * Mails a reset link when the address belongs to an account (public action). The answer is the
 * same either way, so the form does not reveal who has an account.
 */
export const requestPasswordReset = async (db: Db, { email, baseUrl }: { email: string; baseUrl: string }) =>
  db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (user?.status !== 'active') return { ok: true } as const;
    const token = await issueEmailToken(tx, { userId: user.id, purpose: 'reset-password' });
    await enqueueMail(tx, { to: user.email, locale: user.locale, compose: resetPasswordMail({ name: user.name, url: `${baseUrl}/${user.locale}/reset-password?token=${token}` }) });
    return { ok: true } as const;
  });
