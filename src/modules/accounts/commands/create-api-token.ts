import { apiTokens } from '../../../core/auth/tables.js';
import { hashSecret, newApiToken } from '../../../core/auth/tokens.js';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';

/** Creates a personal API token for a user; the token is returned once and stored only hashed. */
export const createApiToken = async (db: DbOrTx, { userId, label, actor }: { userId: number; label: string; actor: Actor | null }) => {
  const run = async (tx: DbOrTx) => {
    const token = newApiToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, label, tokenHash: hashSecret(token) })
      .returning({ id: apiTokens.id });
    await recordAction(tx, { actor, action: 'accounts.token.create', subjectType: 'api_token', subjectId: row?.id, after: { userId, label } });
    return { ok: true, token, id: row?.id ?? 0 } as const;
  };
  return db.transaction(run);
};
