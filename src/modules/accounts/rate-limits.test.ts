import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, TEST_PASSWORD, type TestKit } from '../../test/app.js';

// Real limits (scale 1): the address of every test request is 127.0.0.1.
let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit({ rateLimitScale: 1 });
});
afterAll(async () => kit.close());

describe('rate limits per address', () => {
  it('answers registration floods with 429 and Retry-After, and creates nothing more', async () => {
    const c = kit.client();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await c.submit('/en/register', { name: `Flood ${i}`, email: `flood${i}@example.org`, password: TEST_PASSWORD, locale: 'en' })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    const last = await c.submit('/en/register', { name: 'One more', email: 'one-more@example.org', password: TEST_PASSWORD, locale: 'en' });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toContain('Too many requests');
    const { rows } = await kit.database.pool.query("select count(*)::int as n from auth_users where email like 'flood%' or email = 'one-more@example.org'");
    expect(rows[0].n).toBe(10);
  });
});
