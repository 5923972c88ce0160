/**
 * Signs a person in with e-mail and password. NOTE: security-critical — throttles failures per
 * account, answers unknown e-mails and wrong passwords alike (same message, same time), and
 * rotates the session (the previous session token stops working).
 */
import { eq } from 'drizzle-orm';
import { createSession, destroySession } from '../../../core/auth/sessions.js';
import { dummyPasswordHash, verifyPassword } from '../../../core/auth/passwords.js';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import { clearRateLimit, hitRateLimit, peekRateLimit } from '../../../core/http/rate-limit.js';
import type { SignInInput } from '../inputs.js';
import { findUserByEmail } from '../queries.js';

export const SIGN_IN_FAILURES_ALLOWED = 5;
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000;

export type SignInResult =
  | { ok: true; sessionToken: string; userId: number; locale: string }
  | { ok: false; error: 'invalid_credentials' | 'suspended' }
  | { ok: false; error: 'throttled'; retryAfterSeconds: number };

export const signIn = async (
  db: Db,
  { input, previousSessionToken, userAgent }: { input: SignInInput; previousSessionToken?: string | null; userAgent?: string },
): Promise<SignInResult> => {
  const throttleKey = `sign-in-failures:${input.email.toLowerCase()}`;
  const failures = await peekRateLimit(db, throttleKey);
  if (failures.count >= SIGN_IN_FAILURES_ALLOWED) {
    return { ok: false, error: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil((failures.resetAt.getTime() - Date.now()) / 1000)) };
  }
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    const hit = await hitRateLimit(db, { key: throttleKey, windowMs: SIGN_IN_FAILURE_WINDOW_MS });
    if (hit.count >= SIGN_IN_FAILURES_ALLOWED) {
      return { ok: false, error: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil((hit.resetAt.getTime() - Date.now()) / 1000)) };
    }
    return { ok: false, error: 'invalid_credentials' };
  }
  if (user.status === 'suspended') return { ok: false, error: 'suspended' };
  return db.transaction(async (tx) => {
    if (previousSessionToken) await destroySession(tx, previousSessionToken);
    const sessionToken = await createSession(tx, { userId: user.id, userAgent });
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await clearRateLimit(tx, throttleKey);
    return { ok: true, sessionToken, userId: user.id, locale: user.locale } as const;
  });
};
