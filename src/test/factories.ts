import { eq } from 'drizzle-orm';
import { hashPassword } from '../core/auth/passwords.js';
import { userRoles, users } from '../core/auth/tables.js';
import type { DbOrTx } from '../core/db/client.js';
import { LOCALES, type Localized } from '../core/i18n/locales.js';
import type { Actor, Role } from '../core/permissions/index.js';

let sequence = 0;
export const TEST_PASSWORD = 'correct horse battery staple';

// One hash for every factory user: argon2 is slow on purpose.
let cachedHash: Promise<string> | undefined;

export type BuildUserOptions = { email?: string; name?: string; roles?: Role[]; verified?: boolean; locale?: string; status?: 'active' | 'suspended'; password?: string };

/** Creates a user (verified unless told otherwise) whose password is TEST_PASSWORD. */
export const buildUser = async (db: DbOrTx, overrides: BuildUserOptions = {}) => {
  sequence++;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = overrides.password ? await hashPassword(overrides.password) : await cachedHash;
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `user${sequence}-${Date.now()}@example.org`,
      name: overrides.name ?? `Test User ${sequence}`,
      passwordHash,
      locale: overrides.locale ?? 'en',
      status: overrides.status ?? 'active',
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
    })
    .returning();
  if (!user) throw new Error('user not created');
  for (const role of overrides.roles ?? []) await db.insert(userRoles).values({ userId: user.id, role });
  return user;
};

/** A user's Actor as the commands take it: active, verified, in `locale` (English unless told). */
export const actorOf = (user: { id: number; email: string; name: string }, roles: Role[] = [], { locale = 'en' }: { locale?: string } = {}): Actor =>
  ({ id: user.id, email: user.email, name: user.name, roles, status: 'active', emailVerified: true, locale }) as unknown as Actor;

/** A new user with `roles` (buildUser) and their Actor. */
export const buildActor = async (db: DbOrTx, roles: Role[] = [], { email, locale = 'en' }: { email?: string; locale?: string } = {}) => {
  const user = await buildUser(db, { email, roles, locale });
  return { user, actor: actorOf(user, roles, { locale }) };
};

/** The result of a command that must have succeeded; a refusal fails the test with what it said. */
export const succeeded = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
};

export const reloadUser = async (db: DbOrTx, id: number) => (await db.select().from(users).where(eq(users.id, id)))[0];

/** The same text in all six languages, tagged with the language code. */
export const localized = (text: string): Localized => Object.fromEntries(LOCALES.map((l) => [l, `${text} (${l})`]));
