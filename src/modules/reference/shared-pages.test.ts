import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../core/config.js';
import type { Actor } from '../../core/permissions/index.js';
import { LOCALES } from '../../core/i18n/locales.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { updateMatrixLink } from './commands/update-matrix-link.js';
import { getMatrixLink } from './queries.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

/** A second app on the same database: another process of the platform, with nothing in memory yet. */
const otherProcess = async () => {
  const config = loadConfig({ port: 0, baseUrl: 'http://platform.test', smtpUrl: undefined, dataDir: 'memory://', rateLimitScale: 1000 }, {});
  const app = await buildApp({ config, database: kit.database, logger: { level: 'error' } });
  await app.ready();
  return app;
};

/** Headers that differ between two answers for good reasons (caching, size, this request). */
const PER_ANSWER = new Set(['etag', 'cache-control', 'vary', 'content-length', 'content-encoding', 'date', 'x-request-id', 'set-cookie', 'connection', 'keep-alive']);
const securityHeaders = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.has(name)));
/** What helmet sent on every answer before pages were kept (recorded from the previous code; no HSTS over plain HTTP). */
const HELMET = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('reference pages and lists kept per data version', () => {
  it('answers a repeated request with 304 for its strong ETag, and the page again for an old one', async () => {
    for (const url of ['/fr/matrix', '/en/action-lines', '/api/v1/action-lines', '/api/v1/countries?lang=fr']) {
      const first = await kit.app.inject({ url });
      expect(first.statusCode).toBe(200);
      expect(first.headers.etag).toMatch(/^"[^"]+"$/); // strong: no W/
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const again = await kit.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
      const stale = await kit.app.inject({ url, headers: { 'if-none-match': '"1-somethingelse"' } });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(first.body);
    }
  });

  it('serves compressed copies of the same bytes, with their own ETag', async () => {
    const plain = await kit.app.inject({ url: '/fr/matrix' });
    const br = await kit.app.inject({ url: '/fr/matrix', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gzip = await kit.app.inject({ url: '/fr/matrix', headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
    const revalidated = await kit.app.inject({ url: '/fr/matrix', headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
  });

  it.each(LOCALES)('%s: the kept page is the same bytes as a fresh render in another process, with the same ETag', async (locale) => {
    await kit.app.inject({ url: `/${locale}/matrix` });
    const kept = await kit.app.inject({ url: `/${locale}/matrix` });
    const home = await kit.app.inject({ url: `/${locale}` });
    const other = await otherProcess();
    try {
      const fresh = await other.inject({ url: `/${locale}/matrix` });
      expect(kept.body).toBe(fresh.body);
      expect(kept.headers.etag).toBe(fresh.headers.etag);
      expect(kept.body).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
      const freshHome = await other.inject({ url: `/${locale}` });
      expect(home.body).toBe(freshHome.body);
    } finally {
      await other.close();
    }
  });

  it('shows a matrix change made through the command on the next request, in every process, under a new ETag', async () => {
    const other = await otherProcess();
    try {
      const before = await kit.app.inject({ url: '/en/matrix/C7.e-health/3' });
      const beforeApi = await other.inject({ url: '/api/v1/matrix' });
      expect(before.body).not.toContain('Rationale changed for the cache test.');
      const admin = await buildUser(kit.database.db, { roles: ['admin'] });
      const link = await getMatrixLink(kit.database.db, { actionLine: 'C7.e-health', sdg: 3 });
      const result = await updateMatrixLink(kit.database.db, {
        actor: { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' } satisfies Actor,
        actionLine: 'C7.e-health',
        sdg: 3,
        targets: [...link.targets.slice(0, 1)],
        rationale: 'Rationale changed for the cache test.',
      });
      expect(result.ok).toBe(true);

      const after = await kit.app.inject({ url: '/en/matrix/C7.e-health/3', headers: { 'if-none-match': String(before.headers.etag) } });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('Rationale changed for the cache test.');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      // The other process had its own copy of the API list: it sees the new targets too.
      const afterApi = await other.inject({ url: '/api/v1/matrix', headers: { 'if-none-match': String(beforeApi.headers.etag) } });
      expect(afterApi.statusCode).toBe(200);
      expect(afterApi.headers.etag).not.toBe(beforeApi.headers.etag);
      const row = (afterApi.json() as { items: { actionLine: string; targets: string[] }[] }).items.find((i) => i.actionLine === 'C7.e-health');
      expect(row?.targets).not.toEqual((beforeApi.json() as { items: { actionLine: string; targets: string[] }[] }).items.find((i) => i.actionLine === 'C7.e-health')?.targets);
    } finally {
      await other.close();
    }
  });

  it('shows an action line renamed by another writer (the seed, another process) on the next request', async () => {
    const page = await kit.app.inject({ url: '/fr/action-lines' });
    const api = await kit.app.inject({ url: '/api/v1/action-lines' });
    expect(page.body).not.toContain('Intitulé modifié pour le test');
    await kit.database.pool.query(`update reference_action_lines set title = jsonb_set(title, '{fr}', '"Intitulé modifié pour le test"') where code = 'C1'`);
    const pageAfter = await kit.app.inject({ url: '/fr/action-lines', headers: { 'if-none-match': String(page.headers.etag) } });
    expect(pageAfter.statusCode).toBe(200);
    expect(pageAfter.body).toContain('Intitulé modifié pour le test');
    const apiAfter = await kit.app.inject({ url: '/api/v1/action-lines', headers: { 'if-none-match': String(api.headers.etag) } });
    expect(apiAfter.statusCode).toBe(200);
    expect(apiAfter.body).toContain('Intitulé modifié pour le test');
  });

  it('sends the same security headers on a kept page as on a page rendered for its reader', async () => {
    await kit.app.inject({ url: '/en/sdgs' });
    const kept = await kit.app.inject({ url: '/en/sdgs' });
    const member = await kit.as(await buildUser(kit.database.db));
    const rendered = await member.get('/en/sdgs');
    const signIn = await kit.app.inject({ url: '/en/sign-in' });
    expect(securityHeaders(kept.headers)).toEqual({ ...HELMET, 'content-type': 'text/html; charset=utf-8' });
    expect(securityHeaders(rendered.headers)).toEqual(securityHeaders(kept.headers));
    for (const url of ['/en/nothing-here', '/api/v1/sdgs', '/api/v1/nothing-here']) {
      const other = await kit.app.inject({ url });
      expect(Object.fromEntries(Object.keys(HELMET).map((name) => [name, other.headers[name]]))).toEqual(HELMET);
    }
    expect(securityHeaders(kept.headers)).toEqual(securityHeaders(signIn.headers));
    // A page without a form sets no cookie (no CSRF secret); the sign-in form still gets its token.
    expect(kept.headers['set-cookie']).toBeUndefined();
    expect(signIn.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('never gives a signed-in reader or an administrator the anonymous copy', async () => {
    const anonymous = await kit.app.inject({ url: '/en/matrix' });
    await kit.app.inject({ url: '/en' });
    const admin = await kit.as(await buildUser(kit.database.db, { roles: ['admin'] }));
    for (const url of ['/en/matrix', '/en']) {
      const page = await admin.get(url, { 'if-none-match': String(anonymous.headers.etag) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/en/admin"');
      expect(page.body).toContain('action="/en/sign-out"');
      expect(page.body).not.toContain('href="/en/sign-in"');
      expect(page.headers['cache-control']).not.toContain('public');
    }
    const member = await kit.as(await buildUser(kit.database.db));
    const mine = await member.get('/en/matrix');
    expect(mine.body).toContain('href="/en/account"');
    expect(mine.body).not.toContain('href="/en/admin"');
    // And the anonymous copy did not learn anything from them.
    const again = await kit.app.inject({ url: '/en/matrix' });
    expect(again.body).toBe(anonymous.body);
  });
});
