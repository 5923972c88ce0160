/** Set-up shared by the reports' tests: actors with roles, as the commands take them. */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor, Role } from '../../../core/permissions/index.js';
import { buildUser } from '../../../test/factories.js';

/** A user with `roles` and the Actor the commands take. */
export const buildActor = async (db: DbOrTx, roles: Role[] = ['secretariat'], email?: string) => {
  const user = await buildUser(db, { email, roles });
  const actor = { id: user.id, email: user.email, name: user.name, roles, status: 'active', emailVerified: true, locale: 'en' } as unknown as Actor;
  return { user, actor };
};

/** The result of a command that must have succeeded. */
export const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};
