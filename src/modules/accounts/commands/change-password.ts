import { eq } from 'drizzle-orm';
import { hashPassword, isCommonPassword, verifyPassword } from '../../../core/auth/passwords.js';
import { destroyUserSessions } from '../../../core/auth/sessions.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { enqueueMail } from '../../../core/mail/outbox.js';
import type { Actor } from '../../../core/permissions/index.js';
import { passwordChangedMail } from './mails.js';

/** Changes the actor's password; other sessions are signed out, this one stays (assumes 'accounts.account.edit'). */
export const changePassword = async (
  db: Db,
  { actor, currentPassword, password, keepSession }: { actor: Actor; currentPassword: string; password: string; keepSession?: string | null },
) => {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, error: 'wrong_password' } as const;
  if (isCommonPassword(password)) return { ok: false, error: 'common_password' } as const;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await destroyUserSessions(tx, actor.id, { except: keepSession ?? undefined });
    await enqueueMail(tx, { to: user.email, locale: user.locale, compose: passwordChangedMail({ name: user.name }) });
    await recordAction(tx, { actor, action: 'accounts.account.change_password', subjectType: 'user', subjectId: actor.id });
    return { ok: true } as const;
  });
};
