import { and, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../../core/auth/tables.js';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';

/** Revokes one of the actor's own tokens; at once, for every process (assumes 'accounts.account.edit'). */
export const revokeApiToken = async (db: Db, { actor, tokenId }: { actor: Actor; tokenId: number }) =>
  db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, label: apiTokens.label });
    if (!row) return { ok: false, error: 'not_found' } as const;
    await recordAction(tx, { actor, action: 'accounts.token.revoke', subjectType: 'api_token', subjectId: row.id, before: { label: row.label } });
    return { ok: true } as const;
  });
