import { and, count, eq } from 'drizzle-orm';
import { sessions, userRoles, users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor, Role } from '../../../core/permissions/index.js';

/**
 * Grants or revokes a role (assumes 'accounts.user.manage'). `contributor` is implicit for every
 * account. The last administrator cannot lose the role, so the platform always has one.
 */
export const setRole = async (db: DbOrTx, { actor, userId, role, grant }: { actor: Actor | null; userId: number; role: Role; grant: boolean }) =>
  db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, error: 'not_found' } as const;
    if (role === 'contributor') return { ok: false, error: 'implicit_role' } as const;
    const before = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role).sort();
    if (grant) {
      const inserted = await tx.insert(userRoles).values({ userId, role }).onConflictDoNothing().returning();
      if (inserted.length === 0) return { ok: true, changed: false } as const;
    } else {
      if (role === 'admin') {
        const [admins] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.role, 'admin'));
        if ((admins?.n ?? 0) <= 1) return { ok: false, error: 'last_admin' } as const;
      }
      const deleted = await tx
        .delete(userRoles)
        .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
        .returning();
      if (deleted.length === 0) return { ok: true, changed: false } as const;
    }
    const after = grant ? [...before, role].sort() : before.filter((r) => r !== role);
    await recordAction(tx, {
      actor,
      action: grant ? 'accounts.user.grant_role' : 'accounts.user.revoke_role',
      subjectType: 'user',
      subjectId: userId,
      before: { roles: before },
      after: { roles: after },
    });
    return { ok: true, changed: true } as const;
  });

/** Suspends or reactivates an account; a suspended account's sessions end at once (assumes 'accounts.user.manage'). */
export const setUserStatus = async (db: DbOrTx, { actor, userId, status }: { actor: Actor; userId: number; status: 'active' | 'suspended' }) =>
  db.transaction(async (tx) => {
    if (userId === actor.id) return { ok: false, error: 'self' } as const;
    const [before] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId));
    if (!before) return { ok: false, error: 'not_found' } as const;
    await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, userId));
    if (status === 'suspended') {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
    }
    await recordAction(tx, { actor, action: 'accounts.user.manage', subjectType: 'user', subjectId: userId, before, after: { status } });
    return { ok: true } as const;
  });
