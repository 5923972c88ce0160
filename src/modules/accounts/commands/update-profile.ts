import { eq } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';

/** Changes the actor's own name and preferred language (assumes 'accounts.account.edit'). */
export const updateProfile = async (db: Db, { actor, name, locale }: { actor: Actor; name: string; locale: string }) =>
  db.transaction(async (tx) => {
    await tx.update(users).set({ name, locale, updatedAt: new Date() }).where(eq(users.id, actor.id));
    await recordAction(tx, {
      actor,
      action: 'accounts.account.edit',
      subjectType: 'user',
      subjectId: actor.id,
      before: { name: actor.name, locale: actor.locale },
      after: { name, locale },
    });
    return { ok: true } as const;
  });
