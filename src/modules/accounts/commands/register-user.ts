import { issueEmailToken } from '../../../core/auth/email-tokens.js';
import { hashPassword, isCommonPassword } from '../../../core/auth/passwords.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { RegisterInput } from '../inputs.js';
import { findUserByEmail } from '../queries.js';
import { verificationMail } from './mails.js';

export type RegisterUserResult = { ok: true; userId: number } | { ok: false; error: 'email_taken' | 'common_password' };

/**
 * Creates an account (public action) and e-mails a verification link in the user's language.
 * A second registration with the same e-mail is refused without creating anything.
 */
export const registerUser = async (db: Db, { input, baseUrl }: { input: RegisterInput; baseUrl: string }): Promise<RegisterUserResult> => {
  if (isCommonPassword(input.password)) return { ok: false, error: 'common_password' };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) return { ok: false, error: 'email_taken' } as const;
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash, locale: input.locale }).onConflictDoNothing().returning({ id: users.id });
    if (!user) return { ok: false, error: 'email_taken' } as const;
    const token = await issueEmailToken(tx, { userId: user.id, purpose: 'verify-email' });
    await enqueueMail(tx, {
      to: input.email,
      locale: input.locale,
      compose: verificationMail({ name: input.name, url: `${baseUrl}/${input.locale}/verify-email?token=${token}` }),
    });
    await recordAction(tx, {
      actor: null,
      action: 'accounts.user.register',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: input.email, name: input.name, locale: input.locale },
    });
    return { ok: true, userId: user.id } as const;
  });
};
