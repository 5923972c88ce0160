/** One-time links sent by e-mail (verify an address, reset a password, confirm a new address). */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { emailTokens } from './tables.js';
import { hashSecret, newSecret } from './tokens.js';

export type EmailTokenPurpose = 'verify-email' | 'reset-password' | 'change-email';

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  'verify-email': 48 * 3600_000,
  'reset-password': 3600_000,
  'change-email': 24 * 3600_000,
};

/** Creates a token (replacing earlier unused ones of the same purpose); returns the secret for the link. */
export const issueEmailToken = async (tx: DbOrTx, { userId, purpose, newEmail }: { userId: number; purpose: EmailTokenPurpose; newEmail?: string }) => {
  await tx.delete(emailTokens).where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  const token = newSecret();
  await tx.insert(emailTokens).values({ tokenHash: hashSecret(token), userId, purpose, newEmail, expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]) });
  return token;
};

/**
 * Marks a token used and returns its row, or undefined when it is unknown, used or expired.
 * NOTE: security-critical — the update is conditional, so a token works exactly once.
 */
export const consumeEmailToken = async (tx: DbOrTx, { token, purpose }: { token: string; purpose: EmailTokenPurpose }) => {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.tokenHash, hashSecret(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())))
    .returning();
  return row;
};

/** Whether a token is currently usable (for showing the reset form), without using it. */
export const peekEmailToken = async (tx: DbOrTx, { token, purpose }: { token: string; purpose: EmailTokenPurpose }) => {
  const [row] = await tx
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashSecret(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())));
  return row;
};
