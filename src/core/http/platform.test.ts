import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

describe('platform shell', () => {
  it('redirects / to the language the browser prefers', async () => {
    const res = await kit.app.inject({ url: '/', headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ru');
  });

  it('prefers a remembered language choice over Accept-Language', async () => {
    const res = await kit.app.inject({ url: '/', headers: { 'accept-language': 'fr', cookie: 'wsis_locale=zh' } });
    expect(res.headers.location).toBe('/zh');
  });

  it('falls back to English for languages the platform does not have', async () => {
    const res = await kit.app.inject({ url: '/', headers: { 'accept-language': 'de-CH, xx;q=0.1' } });
    expect(res.headers.location).toBe('/en');
  });

  it('answers an unknown locale prefix with a 404 page, not a 500', async () => {
    const res = await kit.app.inject({ url: '/xx' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<h1>Page not found</h1>');
  });

  it('serves Arabic pages right to left with lang and dir on <html>', async () => {
    const res = await kit.app.inject({ url: '/ar' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('sends security headers and a strict CSP without inline script', async () => {
    const res = await kit.app.inject({ url: '/en' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('reports health with the database kind and the migration', async () => {
    const res = await kit.app.inject({ url: '/healthz' });
    expect(res.json()).toMatchObject({ status: 'ok', database: kit.database.kind, migration: expect.stringMatching(/^\d{4}_/) });
  });

  it('answers unknown API paths with a problem document', async () => {
    const res = await kit.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: expect.any(String) });
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const page = await kit.app.inject({ url: '/en' });
    const href = /href="(\/assets\/styles\.[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    expect(href).toBeTruthy();
    const css = await kit.app.inject({ url: String(href) });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('switches language on the same page and remembers the choice', async () => {
    const res = await kit.app.inject({ url: `/language/fr?next=${encodeURIComponent('/en/sdgs?x=1')}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fr/sdgs?x=1');
    expect(String(res.headers['set-cookie'])).toContain('wsis_locale=fr');
  });

  it('refuses to redirect the language switch to another site', async () => {
    const res = await kit.app.inject({ url: `/language/fr?next=${encodeURIComponent('//evil.example/')}` });
    expect(res.headers.location).toBe('/fr');
  });
});
