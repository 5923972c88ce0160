import { eq } from 'drizzle-orm';
import { verifyPassword } from '../../../core/auth/passwords.js';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';

/**
 * Deletes the actor's own account with its sessions, tokens, roles and memberships (cascade).
 * The audit trail keeps the fact, not the person: the row names the id only.
 */
export const deleteAccount = async (db: Db, { actor, currentPassword }: { actor: Actor; currentPassword: string }) => {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, error: 'wrong_password' } as const;
  return db.transaction(async (tx) => {
    await tx.delete(users).where(eq(users.id, actor.id));
    await recordAction(tx, { actor: null, action: 'accounts.account.delete', subjectType: 'user', subjectId: actor.id });
    return { ok: true } as const;
  });
};
