/**
 * Cookie sessions stored in PostgreSQL (so any app process can serve any request) and personal
 * API tokens. NOTE: security-critical — this file decides who the actor of a request is.
 */
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { preparedPerHandle } from '../db/prepared.js';
import { type Actor, isRole } from '../permissions/index.js';
import { hashSecret, newSecret } from './tokens.js';
import { apiTokens, sessions, userRoles, users } from './tables.js';

export const SESSION_COOKIE = 'wsis_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** The columns an actor is made of: the user and their roles (a subquery, so one round trip). */
const actorColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  locale: users.locale,
  emailVerifiedAt: users.emailVerifiedAt,
  status: users.status,
  roleList: sql<string>`coalesce((select string_agg(${userRoles.role}, ',') from ${userRoles} where ${userRoles.userId} = ${users.id}), '')`,
};

type ActorRow = { [K in keyof typeof actorColumns]: K extends 'roleList' ? string : (typeof users.$inferSelect)[K & keyof typeof users.$inferSelect] };

/**
 * For a browser session: the unread notifications too, counted up to 100 on their partial index
 * (core_notifications_unread_idx) in the same round trip, for the header of every page.
 */
const sessionActorColumns = {
  ...actorColumns,
  unread: sql<number>`(select count(*)::int from (select 1 from core_notifications n where n.recipient_id = auth_users.id and n.read_at is null limit 100) unread)`,
};

const toActor = (user: ActorRow): Actor => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: ['contributor', ...(user.roleList ? user.roleList.split(',') : []).filter(isRole).filter((r) => r !== 'contributor')],
  locale: user.locale,
  emailVerified: user.emailVerifiedAt !== null,
  status: user.status,
});

/** Loads the actor (user + roles) for a user id; null when the account no longer exists. */
export const getActorById = async (db: DbOrTx, userId: number): Promise<Actor | null> => {
  // One round trip: the user and the roles (every request with a session or a token pays it).
  const [user] = await db.select(actorColumns).from(users).where(eq(users.id, userId));
  return user ? toActor(user) : null;
};

/** Starts a session for a user; returns the cookie value. Call after deleting the previous one (rotation). */
export const createSession = async (db: DbOrTx, { userId, userAgent }: { userId: number; userAgent?: string }) => {
  const token = newSecret();
  await db.insert(sessions).values({
    idHash: hashSecret(token),
    userId,
    userAgent: userAgent?.slice(0, 300),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  return token;
};

export const destroySession = async (db: DbOrTx, token: string) => {
  await db.delete(sessions).where(eq(sessions.idHash, hashSecret(token)));
};

export const destroyUserSessions = async (db: DbOrTx, userId: number, { except }: { except?: string } = {}) => {
  const keep = except ? hashSecret(except) : undefined;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep ? sql`${sessions.idHash} <> ${keep}` : undefined));
};

/** The actor behind a session cookie, or null when it is unknown or expired. */
export const actorFromSession = async (db: DbOrTx, token: string): Promise<Actor | null> => {
  if (!token || token.length > 100) return null;
  const idHash = hashSecret(token);
  const [session] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, new Date())));
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .where(eq(sessions.idHash, idHash));
  }
  const [user] = await db.select(sessionActorColumns).from(users).where(eq(users.id, session.userId));
  return user ? { ...toActor(user), unreadNotifications: Number(user.unread) } : null;
};

/** The actor behind a personal API token, or null when unknown or revoked. */
export const actorFromApiToken = async (db: DbOrTx, token: string): Promise<Actor | null> => {
  if (!token || token.length > 200) return null;
  // The token, its user and their roles in one round trip.
  const [row] = await db
    .select({ ...actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return toActor(row);
};

/**
 * The actors behind several personal API tokens (null where unknown or revoked), in one query,
 * and one update for the tokens whose last use is to be touched: what actorFromApiToken does for
 * one, for the requests that arrive together (see the token loader in core/http/platform.ts).
 */
export const actorsFromApiTokens = async (db: DbOrTx, tokens: string[]): Promise<(Actor | null)[]> => {
  const hashes = tokens.map((token) => (token && token.length <= 200 ? hashSecret(token) : null));
  const wanted = [...new Set(hashes.filter((h): h is string => h !== null))];
  if (wanted.length === 0) return tokens.map(() => null);
  const rows = await tokenActorsQuery(db).execute({ hashes: wanted });
  const stale = rows.filter((row) => !row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS).map((row) => row.tokenId);
  // The last use is bookkeeping (shown in the account's token list, to the nearest five minutes):
  // written alongside, without holding back the requests.
  if (stale.length > 0)
    void db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(inArray(apiTokens.id, stale))
      .catch(() => undefined);
  const byHash = new Map(rows.map((row) => [row.tokenHash, toActor(row)]));
  return hashes.map((hash) => (hash === null ? null : (byHash.get(hash) ?? null)));
};

/** The token lookup as a prepared statement (planned once per connection). */
const tokenActorsQuery = preparedPerHandle('auth_token_actors', (db, name) =>
  db
    .select({ ...actorColumns, tokenId: apiTokens.id, tokenHash: apiTokens.tokenHash, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(sql`${apiTokens.tokenHash} = any(${sql.placeholder('hashes')}::text[])`, isNull(apiTokens.revokedAt)))
    .prepare(name),
);

/** Removes expired sessions (run now and then by the housekeeping job). */
export const purgeExpiredSessions = async (db: DbOrTx) => {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
};
