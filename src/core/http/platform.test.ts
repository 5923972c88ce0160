import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { loadConfig } from '../config.js';
import { defineModule } from '../module.js';
import { warmingOf } from '../warming.js';

let kit: TestKit;

/** An app on a database of its own (the test may close it), dropped afterwards. */
const withOwnApp = async (run: (app: Awaited<ReturnType<typeof buildApp>>, database: TestDatabase) => Promise<void>) => {
  const database = await createTestDatabase({ seed: false });
  const config = loadConfig({ port: 0, baseUrl: 'http://platform.test', smtpUrl: undefined, dataDir: 'memory://' }, {});
  const app = await buildApp({ config, database, logger: false });
  try {
    await run(app, database);
  } finally {
    await app.close();
    await database.drop().catch(() => undefined);
  }
};

/** `url`'s answer once the app has seen its closed database (it pings at most once a second): within four seconds. */
const answerOnceDown = async (app: Awaited<ReturnType<typeof buildApp>>, url: string) => {
  let down = await app.inject({ url });
  for (let tries = 0; down.statusCode === 200 && tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 200));
    down = await app.inject({ url });
  }
  return down;
};
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

  it('is ready (/readyz 200) unless its caches are being filled (503 with Retry-After, then 200) or the database is down', async () => {
    const idle = await kit.app.inject({ url: '/readyz' });
    expect(idle.statusCode).toBe(200);
    expect(idle.json()).toMatchObject({ status: 'ready', databaseUp: true, caches: 'idle' });
    expect(idle.headers['cache-control']).toBe('no-store');
    await withOwnApp(async (app, database) => {
      // A module whose warm-up is still running holds readiness back.
      let finish: () => void = () => undefined;
      const slow = new Promise<void>((resolve) => {
        finish = resolve;
      });
      app.platform.warming = warmingOf([defineModule({ id: 'slow', warm: () => slow })], database.db, () => undefined);
      const warming = app.platform.warming.start();
      const waiting = await app.inject({ url: '/readyz' });
      expect(waiting.statusCode).toBe(503);
      expect(waiting.headers['retry-after']).toBe('1');
      expect(waiting.json()).toMatchObject({ status: 'warming', databaseUp: true, caches: 'warming' });
      // Liveness is not readiness: the process is healthy meanwhile.
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      finish();
      await warming;
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', caches: 'warm' });
      await database.close();
      const down = await answerOnceDown(app, '/readyz');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', databaseUp: false });
    });
  });

  it('reports a database that went down within a second or two (503), sharing one ping between requests meanwhile', async () => {
    await withOwnApp(async (app, database) => {
      const up = await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: '/healthz' })));
      expect(up.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      // One ping answered all twenty: they report the same latency.
      expect(new Set(up.map((r) => r.json().databaseLatencyMs)).size).toBe(1);
      await database.close();
      const down = await answerOnceDown(app, '/healthz');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', database: database.kind, databaseLatencyMs: null });
    });
  });

  it('serves the home page to anonymous readers with a strong ETag and 304, and their own page to a signed-in reader', async () => {
    const first = await kit.app.inject({ url: '/fr' });
    expect(first.headers.etag).toMatch(/^"[^"]+"$/);
    const again = await kit.app.inject({ url: '/fr', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const ar = await kit.app.inject({ url: '/ar', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
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

  it('shows a message written in one language, on a page of another, marked as written in its own', async () => {
    const reader = await kit.as(await buildUser(kit.database.db));
    // Signed in on an English page; the notice is shown on the next page read, here an Arabic one.
    const page = await reader.get('/ar/sdgs');
    expect(page.body).toMatch(/<div class="flash flash-notice" role="status" lang="en" dir="ltr">You are signed in\.<\/div>/);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    // On a page of its own language it carries no mark of its own.
    const other = await kit.as(await buildUser(kit.database.db));
    expect((await other.get('/en/sdgs')).body).toMatch(/<div class="flash flash-notice" role="status">You are signed in\.<\/div>/);
  });

  it('refuses to redirect the language switch to another site', async () => {
    const res = await kit.app.inject({ url: `/language/fr?next=${encodeURIComponent('//evil.example/')}` });
    expect(res.headers.location).toBe('/fr');
  });
});
