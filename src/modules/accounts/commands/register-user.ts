import { issueEmailToken } from '../../../core/auth/email-tokens.js';
import { hashPassword, isCommonPassword } from '../../../core/auth/passwords.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db, DbOrTx } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { RegisterInput } from '../inputs.js';
import { findUserByEmail } from '../queries.js';
import { registrationAttemptMail, verificationMail } from './mails.js';

/**
 * `created` is for the caller's own records (tests, the CLI); the answer a visitor sees must not
 * depend on it.
 */
export type RegisterUserResult = { ok: true; created: boolean } | { ok: false; error: 'common_password' };

/** Tells the owner of an existing active account that someone tried to register with its address. */
const warnOwner = async (tx: DbOrTx, { email, baseUrl }: { email: string; baseUrl: string }) => {
  const owner = await findUserByEmail(tx, email);
  if (owner?.status !== 'active') return;
  await enqueueMail(tx, {
    to: owner.email,
    locale: owner.locale,
    compose: registrationAttemptMail({ name: owner.name, signInUrl: `${baseUrl}/${owner.locale}/sign-in`, resetUrl: `${baseUrl}/${owner.locale}/forgot-password` }),
  });
};

/**
 * Registers an address (public action), answering the same way whether or not it already has an
 * account, so the form does not reveal who has one (as sign-in and password reset do). A new
 * address gets an account and a verification link in the chosen language; the owner of an
 * existing one gets, in their own language, a message saying someone tried to register with it
 * (sign in, or reset the password), and nothing else changes. The password is hashed in both
 * cases, so the time taken does not tell either.
 */
export const registerUser = async (db: Db, { input, baseUrl }: { input: RegisterInput; baseUrl: string }): Promise<RegisterUserResult> => {
  if (isCommonPassword(input.password)) return { ok: false, error: 'common_password' };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // The unique index on lower(email) decides, also between two registrations at the same moment.
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash, locale: input.locale }).onConflictDoNothing().returning({ id: users.id });
    if (!user) {
      await warnOwner(tx, { email: input.email, baseUrl });
      return { ok: true, created: false } as const;
    }
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
    return { ok: true, created: true } as const;
  });
};
