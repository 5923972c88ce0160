import { and, count, eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findUserByEmail } from '../queries.js';
import { memberships } from '../tables.js';

/** Adds (or changes the role of) a member by e-mail (assumes 'accounts.organization.manage'). */
export const addMember = async (db: Db, { actor, organizationId, email, role }: { actor: Actor; organizationId: number; email: string; role: 'member' | 'manager' }) =>
  db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return { ok: false, error: 'unknown_user' } as const;
    await tx
      .insert(memberships)
      .values({ organizationId, userId: user.id, role })
      .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role } });
    await recordAction(tx, { actor, action: 'accounts.organization.manage', subjectType: 'organization', subjectId: organizationId, after: { member: user.id, role } });
    return { ok: true } as const;
  });

/** Removes a member; the last manager cannot be removed (assumes 'accounts.organization.manage'). */
export const removeMember = async (db: Db, { actor, organizationId, userId }: { actor: Actor; organizationId: number; userId: number }) =>
  db.transaction(async (tx) => {
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    if (!membership) return { ok: false, error: 'not_found' } as const;
    if (membership.role === 'manager') {
      const [managers] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'manager')));
      if ((managers?.n ?? 0) <= 1) return { ok: false, error: 'last_manager' } as const;
    }
    await tx.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await recordAction(tx, {
      actor,
      action: 'accounts.organization.manage',
      subjectType: 'organization',
      subjectId: organizationId,
      before: { member: userId, role: membership.role },
    });
    return { ok: true } as const;
  });
