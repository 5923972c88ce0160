/**
 * The HTTP-level findings of the outside security review (issue 11), one block each: what the
 * reviewer sent, and what the platform must answer now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from './app.js';
import { buildUser } from './factories.js';

let kit: TestKit;
let user: { email: string };
beforeAll(async () => {
  kit = await createTestKit();
  user = await buildUser(kit.database.db, { email: 'reviewer@example.org' });
});
afterAll(async () => kit.close());

// Each of these made a browser leave the platform, or made the server fail, before the fix.
const hostileNext = [
  '/%09/evil.example/',
  '/\t/evil.example/',
  '/%0a/evil.example/',
  '/%0d/x',
  '/%0a/x',
  '/%0d%0aSet-Cookie:%20x=1',
  '/\\evil.example/',
  '/%5cevil.example/',
  '/%2fevil.example/',
  '/%2F%2Fevil.example/',
  '//evil.example/',
  '/.//evil.example/',
  '/./%2e/%2fevil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  ' /en',
];

describe('where `next` may send the browser', () => {
  it.each(hostileNext)('the language switch falls back to the home page for next=%j', async (next) => {
    const res = await kit.app.inject({ url: `/language/fr?next=${encodeURIComponent(next).replace(/%25/g, '%')}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fr');
  });

  it('the language switch refuses the raw escapes the reviewer sent', async () => {
    for (const raw of ['/%09/evil.example/', '/%0a/x', '/%0d/x', '/%5C%5Cevil.example']) {
      const res = await kit.app.inject({ url: `/language/fr?next=${raw}` });
      expect(res.statusCode, raw).toBe(303);
      expect(res.headers.location, raw).toBe('/fr');
    }
  });

  it('the language switch still lands on the same page, with its query, in the chosen language', async () => {
    const res = await kit.app.inject({ url: `/language/ar?next=${encodeURIComponent('/en/stocktaking?q=numérique&sdg=4')}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ar/stocktaking?q=num%C3%A9rique&sdg=4');
  });

  it.each(hostileNext)('sign-in falls back to the account page for next=%j', async (next) => {
    const client = kit.client();
    const page = await client.get(`/en/sign-in?next=${encodeURIComponent(next)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="next"');
    const res = await client.post('/en/sign-in', { email: user.email, password: 'correct horse battery staple', next });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/account');
  });

  it('sign-in returns to the page that asked for it', async () => {
    const client = kit.client();
    await client.get('/en/sign-in?next=%2Fen%2Fstocktaking%2Fmine');
    const res = await client.post('/en/sign-in', { email: user.email, password: 'correct horse battery staple', next: '/en/stocktaking/mine' });
    expect(res.headers.location).toBe('/en/stocktaking/mine');
  });
});
