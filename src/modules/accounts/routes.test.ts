import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRoles, users } from '../../core/auth/tables.js';
import { auditLog } from '../../core/audit/tables.js';
import { mailOutbox } from '../../core/mail/tables.js';
import { createTestKit, TEST_PASSWORD, type TestKit } from '../../test/app.js';
import { buildUser, reloadUser } from '../../test/factories.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

const lastMailTo = async (to: string) => (await kit.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.id)).limit(1))[0];
const linkIn = (text: string | undefined) => /https?:\/\/\S+/.exec(text ?? '')?.[0] ?? '';
const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

describe('registration', () => {
  it('keeps typed values and shows an error beside each wrong field', async () => {
    const c = kit.client();
    const res = await c.submit('/en/register', { name: 'Amina Diallo', email: 'not-an-email', password: 'short', locale: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Amina Diallo"');
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain('Enter an e-mail address in the form name@example.org.');
    expect(res.body).toContain('Enter at least 10 characters.');
    expect(res.body).toContain('class="error-summary"');
    // The password is never echoed back.
    expect(res.body).not.toContain('value="short"');
  });

  it('refuses one of the most common passwords', async () => {
    const res = await kit.client().submit('/en/register', { name: 'A', email: 'common@example.org', password: 'password123', locale: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This password is too common');
  });

  it('creates the account and mails a verification link in the chosen language; the user then signs in', async () => {
    const c = kit.client();
    const res = await c.submit('/en/register', { name: 'Jeanne Martin', email: 'Jeanne@example.org', password: TEST_PASSWORD, locale: 'fr' }, '/fr/register');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fr/sign-in');
    expect((await c.get('/fr/sign-in')).body).toContain('A message has been sent to Jeanne@example.org.');
    // No session is opened by registering (the answer must not differ from an existing address's).
    expect((await c.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await c.submit('/fr/sign-in', { email: 'jeanne@example.org', password: TEST_PASSWORD })).statusCode).toBe(303);
    const me = await c.api('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ email: 'Jeanne@example.org', name: 'Jeanne Martin', roles: ['contributor'], emailVerified: false });

    const mail = await lastMailTo('Jeanne@example.org');
    expect(mail?.locale).toBe('fr');
    expect(mail?.subject).not.toBe('Verify your e-mail address');
    const link = linkIn(mail?.text);
    expect(link).toContain('/fr/verify-email?token=');

    const verified = await c.get(pathOf(link));
    expect(verified.statusCode).toBe(303);
    expect((await c.api('GET', '/api/v1/me')).json().emailVerified).toBe(true);
    // A link works once.
    await c.get(pathOf(link));
    const page = await c.get('/fr/account');
    expect(page.body).toContain('flash-error');
  });

  it('answers an address that already has an account exactly as a new one, and e-mails its owner instead of creating a second account', async () => {
    const { db } = kit.database;
    const owner = await buildUser(db, { email: 'taken@example.org', name: 'Olga Petrova', locale: 'ru' });
    const send = async (email: string) => {
      const c = kit.client();
      const answer = await c.submit('/en/register', { name: 'B', email, password: 'another long passphrase', locale: 'es' });
      const next = await c.get(answer.headers.location as string);
      return { c, answer, next, email };
    };
    const fresh = await send('fresh-address@example.org');
    const taken = await send('TAKEN@example.org');
    // Same status, same location, same headers (apart from the date, the request id, the rate-limit
    // counter both requests share and the seconds left in its window, and the values of cookies), same body.
    const headersOf = (res: typeof fresh.answer) => {
      const { date: _date, 'x-request-id': _id, 'x-ratelimit-remaining': _remaining, 'x-ratelimit-reset': _reset, 'set-cookie': cookies, ...rest } = res.headers;
      return {
        ...rest,
        cookies: [cookies ?? []]
          .flat()
          .map((c) => String(c).split('=')[0])
          .sort(),
      };
    };
    expect(taken.answer.statusCode).toBe(303);
    expect(taken.answer.headers.location).toBe('/es/sign-in');
    expect(headersOf(taken.answer)).toEqual(headersOf(fresh.answer));
    expect(taken.answer.body).toBe(fresh.answer.body);
    // The page that follows says the same thing; only the address typed and the form's CSRF token differ.
    const pageOf = ({ next, email }: typeof fresh) => next.body.replaceAll(email, 'EMAIL').replace(/(name="_csrf"[^>]*value="|content=")[^"]*"/g, '$1"');
    expect(taken.next.statusCode).toBe(fresh.next.statusCode);
    expect(pageOf(taken)).toEqual(pageOf(fresh));
    expect(taken.next.body).toContain('A message has been sent to TAKEN@example.org.');
    // Neither is signed in.
    expect((await taken.c.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await fresh.c.api('GET', '/api/v1/me')).statusCode).toBe(401);

    // One account for the address, unchanged: its owner still signs in with their own password.
    expect(await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'taken@example.org'`)).toEqual([{ id: owner.id }]);
    expect((await reloadUser(db, owner.id))?.name).toBe('Olga Petrova');
    expect((await kit.client().submit('/en/sign-in', { email: 'taken@example.org', password: 'another long passphrase' })).statusCode).toBe(422);
    expect((await kit.client().submit('/en/sign-in', { email: 'taken@example.org', password: TEST_PASSWORD })).statusCode).toBe(303);
    // The owner is told, in their language, with a link to sign in and one to choose a new password.
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, 'taken@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.locale).toBe('ru');
    expect(mails[0]?.subject).toBe('Попытка регистрации с вашим адресом электронной почты');
    expect(mails[0]?.text).toContain('Уважаемый(-ая) Olga Petrova!');
    expect(mails[0]?.text).toContain('http://platform.test/ru/sign-in');
    expect(mails[0]?.text).toContain('http://platform.test/ru/forgot-password');
    expect(mails[0]?.text).not.toContain('verify-email');
    // The new address got its verification link.
    expect(linkIn((await lastMailTo('fresh-address@example.org'))?.text)).toContain('/es/verify-email?token=');
  });
});

describe('sign in and out', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await buildUser(kit.database.db);
    const wrong = await kit.client().submit('/en/sign-in', { email: user.email, password: 'wrong password!' });
    const unknown = await kit.client().submit('/en/sign-in', { email: 'nobody@example.org', password: 'wrong password!' });
    expect(wrong.statusCode).toBe(422);
    expect(unknown.statusCode).toBe(422);
    expect(wrong.body).toContain('The e-mail address or the password is not correct.');
    expect(unknown.body).toContain('The e-mail address or the password is not correct.');
    expect(wrong.body).toContain(`value="${user.email}"`);
  });

  it('answers 429 with Retry-After after too many failures on one account', async () => {
    const user = await buildUser(kit.database.db);
    const c = kit.client();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.submit('/en/sign-in', { email: user.email, password: `wrong password ${i}` })).statusCode);
    expect(statuses.slice(0, 4)).toEqual([422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
    // Even the right password waits now.
    const res = await c.submit('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates the session at sign-in and ends it at sign-out', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const first = c.cookies.get('wsis_session');
    await c.submit('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const second = c.cookies.get('wsis_session');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    // The old session token no longer works.
    const old = await kit.app.inject({ url: '/api/v1/me', headers: { cookie: `wsis_session=${first}` } });
    expect(old.statusCode).toBe(401);

    await c.get('/en/account');
    const out = await c.post('/en/sign-out');
    expect(out.statusCode).toBe(303);
    const again = await kit.app.inject({ url: '/api/v1/me', headers: { cookie: `wsis_session=${second}` } });
    expect(again.statusCode).toBe(401);
  });

  it('sends a visitor who needs an account to sign in, then back', async () => {
    const res = await kit.client().get('/fr/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/fr/sign-in?next=${encodeURIComponent('/fr/account')}`);
  });

  it('refuses suspended accounts', async () => {
    const user = await buildUser(kit.database.db, { status: 'suspended' });
    const res = await kit.client().submit('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This account is suspended');
  });
});

describe('CSRF protection', () => {
  it('refuses a form without a token and changes nothing', async () => {
    const user = await buildUser(kit.database.db, { name: 'Before' });
    const c = await kit.as(user);
    const res = await c.post('/en/account/profile', { name: 'After', locale: 'en' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The form could not be accepted');
    expect((await reloadUser(kit.database.db, user.id))?.name).toBe('Before');
  });

  it('refuses a forged token', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    c.csrf = 'forged-token';
    const res = await c.post('/en/account/profile', { name: 'After', locale: 'en' });
    expect(res.statusCode).toBe(403);
  });
});

describe('my account', () => {
  it('changes the name and language, audited', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const res = await c.submit('/en/account/profile', { name: 'Новое Имя', locale: 'ru' }, '/en/account');
    expect(res.headers.location).toBe('/ru/account');
    expect(await reloadUser(kit.database.db, user.id)).toMatchObject({ name: 'Новое Имя', locale: 'ru' });
    const audit = await kit.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(user.id)));
    expect(audit.map((a) => a.action)).toContain('accounts.account.edit');
  });

  it('changes the password only with the current one, and signs out other sessions', async () => {
    const user = await buildUser(kit.database.db);
    const here = await kit.as(user);
    const elsewhere = await kit.as(user);
    const wrong = await here.submit('/en/account/password', { currentPassword: 'not the password', password: 'a brand new passphrase' }, '/en/account');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The current password is not correct.');
    const ok = await here.submit('/en/account/password', { currentPassword: TEST_PASSWORD, password: 'a brand new passphrase' }, '/en/account');
    expect(ok.statusCode).toBe(303);
    expect((await here.api('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.api('GET', '/api/v1/me')).statusCode).toBe(401);
    const signIn = await kit.client().submit('/en/sign-in', { email: user.email, password: 'a brand new passphrase' });
    expect(signIn.statusCode).toBe(303);
  });

  it('changes the e-mail address only after the new address confirms', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const res = await c.submit('/en/account/email', { email: 'moved@example.org', currentPassword: TEST_PASSWORD }, '/en/account');
    expect(res.statusCode).toBe(303);
    expect((await reloadUser(kit.database.db, user.id))?.email).toBe(user.email);
    const link = linkIn((await lastMailTo('moved@example.org'))?.text);
    await c.get(pathOf(link));
    expect((await reloadUser(kit.database.db, user.id))?.email).toBe('moved@example.org');
  });

  it('lets people download their data without secrets', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const res = await c.get('/en/account/export');
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.profile.email).toBe(user.email);
    expect(JSON.stringify(data)).not.toContain('argon2');
  });

  it('deletes the account after confirmation and password', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const missing = await c.submit('/en/account/delete', { currentPassword: TEST_PASSWORD }, '/en/account/delete');
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Tick the box to confirm.');
    const res = await c.submit('/en/account/delete', { currentPassword: TEST_PASSWORD, confirm: 'on' }, '/en/account/delete');
    expect(res.statusCode).toBe(303);
    expect(await reloadUser(kit.database.db, user.id)).toBeUndefined();
  });
});

describe('forgotten password', () => {
  it('resets the password through the mailed link, once', async () => {
    const user = await buildUser(kit.database.db, { locale: 'es' });
    const c = kit.client();
    const res = await c.submit('/en/forgot-password', { email: user.email });
    expect(res.statusCode).toBe(303);
    const mail = await lastMailTo(user.email);
    expect(mail?.locale).toBe('es');
    const link = pathOf(linkIn(mail?.text));
    expect((await c.get(link)).statusCode).toBe(200);
    const token = new URL(`http://x${link}`).searchParams.get('token') ?? '';
    const done = await c.post('/es/reset-password', { token, password: 'reset to this passphrase' });
    expect(done.statusCode).toBe(303);
    expect((await kit.client().submit('/en/sign-in', { email: user.email, password: 'reset to this passphrase' })).statusCode).toBe(303);
    const reuse = await c.get(link);
    expect(reuse.headers.location).toBe('/es/forgot-password');
  });

  it('does not reveal whether an address has an account', async () => {
    const res = await kit.client().submit('/en/forgot-password', { email: 'nobody-here@example.org' });
    expect(res.statusCode).toBe(303);
  });
});

describe('API tokens', () => {
  it('creates a token shown once that works as a Bearer token until revoked', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const res = await c.submit('/en/account/tokens', { label: 'script' }, '/en/account');
    expect(res.statusCode).toBe(201);
    const token = /value="(wsis_[A-Za-z0-9_-]+)"/.exec(res.body)?.[1] ?? '';
    expect(token).toMatch(/^wsis_/);
    const me = await kit.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().email).toBe(user.email);
    const page = await c.get('/en/account');
    const revoke = /action="(\/en\/account\/tokens\/\d+\/revoke)"/.exec(page.body)?.[1] ?? '';
    await c.post(revoke);
    const after = await kit.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('answers /api/v1/me with 401 problem for anonymous callers, in their language', async () => {
    const res = await kit.app.inject({ url: '/api/v1/me', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, title: 'Sign-in required' });
  });
});

describe('organizations', () => {
  it('lets a verified user register an organization and become its manager', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    const bad = await c.submit('/en/organizations', { name: 'Org', stakeholderType: 'nonsense', country: 'XX', website: 'ftp://x' }, '/en/organizations/new');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose one of the options offered.');
    expect(bad.body).toContain('Enter a web address starting with http:// or https://.');
    expect(bad.body).toContain('value="Org"');
    const res = await c.submit(
      '/en/organizations',
      { name: 'Digital Inclusion Trust', acronym: 'DIT', stakeholderType: 'civil-society', country: 'SN', website: 'https://dit.example.org' },
      '/en/organizations/new',
    );
    expect(res.statusCode).toBe(303);
    const page = await c.get(String(res.headers.location));
    expect(page.body).toContain('Digital Inclusion Trust (DIT)');
    expect(page.body).toContain('Senegal');
    expect(page.body).toContain('Manager');
  });

  it('refuses organizations from unverified accounts', async () => {
    const user = await buildUser(kit.database.db, { verified: false });
    const c = await kit.as(user);
    expect((await c.get('/en/organizations/new')).statusCode).toBe(403);
  });

  it('answers a malformed organization id with 404, not 500', async () => {
    expect((await kit.client().get('/en/organizations/abc')).statusCode).toBe(404);
    expect((await kit.client().get('/en/organizations/99999999999999999999')).statusCode).toBe(404);
  });
});

describe('administration', () => {
  it('keeps the user list from non-admins', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    expect((await c.get('/en/admin/users')).statusCode).toBe(403);
  });

  it('lets an admin grant a role, recorded in the audit log', async () => {
    const admin = await buildUser(kit.database.db, { roles: ['admin'] });
    const target = await buildUser(kit.database.db);
    const c = await kit.as(admin);
    const list = await c.get(`/en/admin/users?q=${encodeURIComponent(target.email)}`);
    expect(list.body).toContain(target.email);
    const res = await c.submit(`/en/admin/users/${target.id}/roles`, { role: 'moderator' }, `/en/admin/users/${target.id}`);
    expect(res.statusCode).toBe(303);
    const roles = await kit.database.db.select().from(userRoles).where(eq(userRoles.userId, target.id));
    expect(roles.map((r) => r.role)).toEqual(['moderator']);
    const audit = await c.get('/en/admin/audit?action=accounts.user.grant_role');
    expect(audit.body).toContain(admin.email);
    expect(audit.body).toContain(`user #${target.id}`);
  });

  it('shows queued e-mails in the mailbox', async () => {
    const admin = await buildUser(kit.database.db, { roles: ['admin'] });
    const c = await kit.as(admin);
    await kit.client().submit('/en/forgot-password', { email: admin.email });
    const box = await c.get('/en/admin/mailbox');
    expect(box.body).toContain(admin.email);
    expect(box.body).toContain('Reset your password');
  });
});

describe('bad input', () => {
  it('answers an oversized form with 413, never 500', async () => {
    const c = kit.client();
    await c.get('/en/register');
    const res = await c.post('/en/register', { name: 'x'.repeat(2 * 1024 * 1024), email: 'a@b.org', password: TEST_PASSWORD, locale: 'en' });
    expect(res.statusCode).toBe(413);
  });

  it('answers malformed percent-encoding with a 4xx', async () => {
    const c = kit.client();
    await c.get('/en/register');
    const res = await kit.app.inject({
      method: 'POST',
      url: '/en/register',
      payload: `_csrf=${c.csrf}&name=%E0%A4%A&email=%ZZ`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('refuses bytes that are not UTF-8 with a clear 400 in the reader language', async () => {
    const c = kit.client();
    await c.get('/fr/register');
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const payload = Buffer.concat([Buffer.from(`_csrf=${c.csrf}&name=`), Buffer.from([0xc3, 0x28]), Buffer.from('&email=a%40b.org')]);
    const res = await kit.app.inject({ method: 'POST', url: '/fr/register', payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('UTF-8');
    expect(res.body).toMatch(/<html lang="fr"/);
    const escaped = await kit.app.inject({
      method: 'POST',
      url: '/fr/register',
      payload: `_csrf=${c.csrf}&name=%C3%28`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
    expect(escaped.statusCode).toBe(400);
  });

  it('refuses a JSON body that is not UTF-8 with a problem document', async () => {
    const res = await kit.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('UTF-8');
  });

  it('answers an over-long name with the limit stated, in Arabic', async () => {
    const c = kit.client();
    const res = await c.submit('/ar/register', { name: 'ن'.repeat(201), email: 'arabic@example.org', password: TEST_PASSWORD, locale: 'ar' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(res.body).toContain('200');
  });
});

describe('language', () => {
  it('renders the sign-in page in French', async () => {
    const res = await kit.client().get('/fr/sign-in');
    expect(res.body).toMatch(/<html lang="fr" dir="ltr">/);
    expect(res.body).not.toContain('>Sign in</h1>');
  });
});
