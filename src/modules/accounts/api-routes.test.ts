import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiTokens } from '../../core/auth/tables.js';
import { createApiToken } from './commands/create-api-token.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';

let kit: TestKit;
let token: string;
let userEmail: string;
let userId: number;
beforeAll(async () => {
  kit = await createTestKit();
  const user = await buildUser(kit.database.db, { name: 'API User' });
  userEmail = user.email;
  userId = user.id;
  token = (await createApiToken(kit.database.db, { userId: user.id, label: 'test', actor: null })).token;
});
afterAll(async () => kit.close());

const call = (method: 'GET' | 'PATCH', payload?: unknown, headers: Record<string, string> = {}) =>
  kit.app.inject({ method, url: '/api/v1/me', payload: payload === undefined ? undefined : (payload as object), headers: { authorization: `Bearer ${token}`, ...headers } });

describe('GET/PATCH /api/v1/me', () => {
  it('returns the caller', async () => {
    const res = await call('GET');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ email: userEmail, name: 'API User', roles: ['contributor'], emailVerified: true }));
  });

  it("writes the token's last use alongside requests that come together, and not again within five minutes", async () => {
    const lastUse = async () => (await kit.database.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.userId, userId)))[0]?.at ?? null;
    await kit.database.db.update(apiTokens).set({ lastUsedAt: null }).where(eq(apiTokens.userId, userId));
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('GET')));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    await vi.waitFor(async () => expect(await lastUse()).not.toBeNull());
    const first = (await lastUse()) as Date;
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(60_000);
    // Within five minutes, a request does not write it again.
    expect((await call('GET')).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUse()).toEqual(first);
  });

  it('changes the name with a token and no CSRF token', async () => {
    const res = await call('PATCH', { name: 'Renamed' });
    expect(res.statusCode).toBe(200);
    expect((await call('GET')).json().name).toBe('Renamed');
  });

  it('answers invalid input with an RFC 9457 problem listing each field, in the caller language', async () => {
    const res = await call('PATCH', { name: 'x'.repeat(201), locale: 'de' }, { 'accept-language': 'fr' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.status).toBe(400);
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/name' }), expect.objectContaining({ pointer: '/locale' })]));
    expect(body.errors.find((e: { pointer: string }) => e.pointer === '/name').detail).toContain('200');
    expect((await call('GET')).json().name).toBe('Renamed');
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await kit.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: '{"name": ',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a session-authenticated write without the CSRF header', async () => {
    const user = await buildUser(kit.database.db);
    const c = await kit.as(user);
    c.csrf = '';
    const res = await c.api('PATCH', '/api/v1/me', { name: 'Nope' });
    expect(res.statusCode).toBe(403);
  });

  it('describes the endpoint in the OpenAPI document', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/me'].patch.requestBody).toBeTruthy();
    // Only the JSON API is documented, not the HTML pages.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
  });
});
