import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { apiTokens, sessions, userRoles, users } from '../../core/auth/tables.js';
import { auditLog } from '../../core/audit/tables.js';
import type { DbOrTx } from '../../core/db/client.js';
import { preparedPerHandle } from '../../core/db/prepared.js';
import { mailOutbox } from '../../core/mail/tables.js';
import { notFound } from '../../core/http/problems.js';
import type { Role } from '../../core/permissions/index.js';
import { memberships, organizations } from './tables.js';

export const PAGE_SIZE = 25;

/** The user with this e-mail (any letter case), or undefined. */
export const findUserByEmail = async (db: DbOrTx, email: string) => (await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`))[0];

/** One user or NotFound. Assumes 'accounts.user.manage' was checked, or that it is the actor. */
export const getUser = async (db: DbOrTx, id: number) => {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw notFound();
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id));
  return { ...user, roles: roles.map((r) => r.role) };
};

/** Users for the admin list, newest first, searched by name or e-mail. Assumes 'accounts.user.manage'. */
export const findUsers = async (db: DbOrTx, { q, role, page }: { q: string; role?: Role; page: number }) => {
  const where = and(
    q ? or(ilike(users.email, `%${q}%`), ilike(users.name, `%${q}%`)) : undefined,
    role ? inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, role))) : undefined,
  );
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(users).where(where);
  const roles = rows.length
    ? await db
        .select()
        .from(userRoles)
        .where(
          inArray(
            userRoles.userId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    items: rows.map((r) => ({ ...r, roles: roles.filter((x) => x.userId === r.id).map((x) => x.role) })),
    total: total?.n ?? 0,
  };
};

/** Organizations, alphabetically; public information only. */
export const findOrganizations = async (db: DbOrTx, { page = 1, q = '' }: { page?: number; q?: string } = {}) => {
  const where = q ? or(ilike(organizations.name, `%${q}%`), ilike(organizations.acronym, `%${q}%`)) : undefined;
  const items = await db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(organizations).where(where);
  return { items, total: total?.n ?? 0 };
};

export const getOrganization = async (db: DbOrTx, id: number) => {
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!organization) throw notFound();
  return organization;
};

/** An organization's public name with its acronym, "Name (ACR)", as pages and exports show it. */
export const organizationLabel = (o: { name: string; acronym: string | null }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);

/** The organizations of `ids` in one read (null and repeated ids ignored); a deleted one is left out. */
export const findOrganizationsByIds = async (db: DbOrTx, ids: Iterable<number | null>) => {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  // One array parameter: the same statement whatever the number of ids.
  return wanted.length === 0 ? [] : organizationsById(db).execute({ ids: wanted });
};
const organizationsById = preparedPerHandle('accounts_organizations_by_id', (db, name) =>
  db
    .select()
    .from(organizations)
    .where(sql`${organizations.id} = any(${sql.placeholder('ids')}::bigint[])`)
    .prepare(name),
);

/**
 * The public name (organizationLabel) of each organization of `ids`, by id, in one read; a deleted
 * organization has none (what names it is shown without it). A page of twenty entries read them
 * one query each.
 */
export const findOrganizationLabels = async (db: DbOrTx, ids: Iterable<number | null>) => new Map((await findOrganizationsByIds(db, ids)).map((o) => [o.id, organizationLabel(o)]));

/**
 * Every organization's id and organizationLabel as the database writes it (`id`, `label`), a table
 * to join where many rows name their organization (an export): one hash join, where a lookup
 * per row cost PostgreSQL 3.3 µs a row (100,000 entries).
 */
export const organizationLabels = (): SQL =>
  sql`(select ${organizations.id} as id, case when ${organizations.acronym} is not null and ${organizations.acronym} <> '' then ${organizations.name} || ' (' || ${organizations.acronym} || ')' else ${organizations.name} end as label from ${organizations})`;

/** Members of an organization with their role there. Assumes the caller may see members. */
export const findMembers = async (db: DbOrTx, organizationId: number) =>
  db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(users.name));

/** The organizations a user belongs to. */
export const findOrganizationsOfUser = async (db: DbOrTx, userId: number) =>
  db
    .select({
      id: organizations.id,
      name: organizations.name,
      acronym: organizations.acronym,
      stakeholderType: organizations.stakeholderType,
      country: organizations.country,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));

/**
 * The active accounts with a verified address, with their roles and the organizations they belong
 * to (id, stakeholder type, country), in id order: who an audience is chosen from (a consultation's
 * circular letter). Addresses and languages only, no names.
 */
export const findVerifiedUsersWithOrganizations = async (db: DbOrTx) => {
  const reachable = and(eq(users.status, 'active'), isNotNull(users.emailVerifiedAt));
  const [rows, roles, orgs] = await Promise.all([
    db.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(reachable).orderBy(asc(users.id)),
    db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(reachable),
    db
      .select({ userId: memberships.userId, id: organizations.id, stakeholderType: organizations.stakeholderType, country: organizations.country })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(reachable),
  ]);
  const rolesOf = new Map<number, Role[]>();
  for (const r of roles) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role as Role]);
  const orgsOf = new Map<number, { id: number; stakeholderType: string; country: string }[]>();
  for (const { userId, ...o } of orgs) orgsOf.set(userId, [...(orgsOf.get(userId) ?? []), o]);
  return rows.map((u) => ({ ...u, roles: rolesOf.get(u.id) ?? [], organizations: orgsOf.get(u.id) ?? [] }));
};

export const getMembership = async (db: DbOrTx, { organizationId, userId }: { organizationId: number; userId: number }) =>
  (
    await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
  )[0];

/** A user's personal API tokens that are still valid (never the token itself). */
export const findApiTokens = async (db: DbOrTx, userId: number) =>
  db
    .select({ id: apiTokens.id, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));

/**
 * Everything the platform holds about a person, for "download my data" (GDPR-style access).
 * Never includes password hashes or token hashes.
 */
export const exportUserData = async (db: DbOrTx, userId: number) => {
  const user = await getUser(db, userId);
  const { passwordHash: _omit, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    organizations: await findOrganizationsOfUser(db, userId),
    apiTokens: await findApiTokens(db, userId),
    sessions: await db.select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, userId)),
    emails: await db.select({ subject: mailOutbox.subject, createdAt: mailOutbox.createdAt, status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.to, user.email)),
    activity: await db
      .select({ at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId))
      .orderBy(desc(auditLog.at)),
  };
};
