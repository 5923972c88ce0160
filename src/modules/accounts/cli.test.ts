import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { auditLog } from '../../core/audit/tables.js';
import { verifyPassword } from '../../core/auth/passwords.js';
import { actorFromApiToken } from '../../core/auth/sessions.js';
import { apiTokens, users } from '../../core/auth/tables.js';
import { addUser, changeUserRole, createApiTokenFor as createApiToken } from './cli.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => database.drop());

const PASSWORD = 'a quite long passphrase';

describe('wsis user add', () => {
  it('creates a verified account with roles, a hashed password and an audit row', async () => {
    const result = await addUser(database.db, { email: 'Focal.Point@Example.org', password: PASSWORD, name: 'Focal Point', roles: ['focal-point', 'moderator'], verified: true });
    expect(result).toMatchObject({ ok: true, user: { email: 'Focal.Point@Example.org', name: 'Focal Point', roles: ['focal-point', 'moderator'] } });
    if (!result.ok) return;
    const [user] = await database.db.select().from(users).where(eq(users.id, result.user.id));
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user?.passwordHash ?? '', PASSWORD)).toBe(true);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(result.user.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, action: 'accounts.user.create', subjectType: 'user' });
    expect(JSON.stringify(audit[0]?.after)).not.toContain('argon2');
  });

  it('refuses a duplicate whatever the letter case, without writing anything', async () => {
    const before = await database.db.$count(auditLog);
    const result = await addUser(database.db, { email: 'focal.point@EXAMPLE.org', password: PASSWORD });
    expect(result).toEqual({ ok: false, error: 'a user with the e-mail address focal.point@EXAMPLE.org already exists' });
    expect(await database.db.$count(auditLog)).toBe(before);
  });

  it.each([
    [{ email: 'not-an-address', password: PASSWORD }, /not a valid e-mail address/],
    [{ email: 'short@example.org', password: 'short' }, /at least 10 characters/],
    [{ email: 'common@example.org', password: 'password1234' }, /most common/],
    [{ email: 'role@example.org', password: PASSWORD, roles: ['superuser'] }, /unknown role superuser/],
  ])('refuses invalid input %#', async (input, message) => {
    const result = await addUser(database.db, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('defaults the name to the part of the address before @ and grants no role rows for contributor', async () => {
    const result = await addUser(database.db, { email: 'plain@example.org', password: PASSWORD, roles: ['contributor'] });
    expect(result).toMatchObject({ ok: true, user: { name: 'plain', roles: [] } });
  });
});

describe('wsis user role', () => {
  it('grants and revokes a role, auditing each change', async () => {
    const granted = await changeUserRole(database.db, { email: 'PLAIN@example.org', add: 'expert' });
    expect(granted).toEqual({ ok: true, changed: true, roles: ['expert'] });
    const again = await changeUserRole(database.db, { email: 'plain@example.org', add: 'expert' });
    expect(again).toEqual({ ok: true, changed: false, roles: ['expert'] });
    const revoked = await changeUserRole(database.db, { email: 'plain@example.org', remove: 'expert' });
    expect(revoked).toEqual({ ok: true, changed: true, roles: [] });

    const actions = await database.db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).orderBy(auditLog.id);
    expect(actions.slice(-2)).toEqual([
      { action: 'accounts.user.grant_role', before: { roles: [] }, after: { roles: ['expert'] } },
      { action: 'accounts.user.revoke_role', before: { roles: ['expert'] }, after: { roles: [] } },
    ]);
  });

  it('keeps the last administrator, as the admin pages do', async () => {
    const { rows } = await database.pool.query("select u.email from auth_users u join auth_user_roles r on r.user_id = u.id where r.role = 'admin'");
    for (const row of rows.slice(1)) await changeUserRole(database.db, { email: row.email, remove: 'admin' });
    let last = rows[0]?.email as string | undefined;
    if (!last) {
      await addUser(database.db, { email: 'only-admin@example.org', password: 'a long enough passphrase', roles: ['admin'] });
      last = 'only-admin@example.org';
    }
    const result = await changeUserRole(database.db, { email: last, remove: 'admin' });
    expect(result.ok).toBe(false);
  });

  it('refuses an unknown user, an unknown role and ambiguous options', async () => {
    expect(await changeUserRole(database.db, { email: 'nobody@example.org', add: 'admin' })).toEqual({ ok: false, error: 'no user with the e-mail address nobody@example.org' });
    expect((await changeUserRole(database.db, { email: 'plain@example.org', add: 'king' })).ok).toBe(false);
    expect((await changeUserRole(database.db, { email: 'plain@example.org', add: 'admin', remove: 'expert' })).ok).toBe(false);
    expect((await changeUserRole(database.db, { email: 'plain@example.org' })).ok).toBe(false);
  });
});

describe('wsis token create', () => {
  it('creates a token that authenticates as the user, storing only its hash', async () => {
    const result = await createApiToken(database.db, { email: 'focal.point@example.org', label: 'reports script' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token).toMatch(/^wsis_[A-Za-z0-9_-]{43}$/);
    const actor = await actorFromApiToken(database.db, result.token);
    expect(actor).toMatchObject({ email: 'Focal.Point@Example.org', roles: expect.arrayContaining(['focal-point', 'moderator']) });
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, result.id));
    expect(row?.label).toBe('reports script');
    expect(row?.tokenHash).not.toContain(result.token);
  });

  it('refuses an unknown user', async () => {
    expect(await createApiToken(database.db, { email: 'ghost@example.org' })).toEqual({ ok: false, error: 'no user with the e-mail address ghost@example.org' });
  });
});
