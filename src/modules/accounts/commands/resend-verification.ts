import { issueEmailToken } from '../../../core/auth/email-tokens.js';
import type { Db } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { Actor } from '../../../core/permissions/index.js';
import { verificationMail } from './mails.js';

/** Sends a new verification link to the signed-in actor (assumes 'accounts.account.edit'). */
export const resendVerification = async (db: Db, { actor, baseUrl }: { actor: Actor; baseUrl: string }) =>
  db.transaction(async (tx) => {
    if (actor.emailVerified) return { ok: false, error: 'already_verified' } as const;
    const token = await issueEmailToken(tx, { userId: actor.id, purpose: 'verify-email' });
    await enqueueMail(tx, {
      to: actor.email,
      locale: actor.locale,
      compose: verificationMail({ name: actor.name, url: `${baseUrl}/${actor.locale}/verify-email?token=${token}` }),
    });
    return { ok: true } as const;
  });
