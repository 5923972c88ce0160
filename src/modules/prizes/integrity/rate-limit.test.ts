import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { createEdition, type toPhaseDates } from '../commands/create-edition.js';
import { VOTES_PER_ACCOUNT_PER_MINUTE } from './rate-limit.js';

const DAY = 86_400_000;
let kit: TestKit;

const phases = (current: number) =>
  Object.fromEntries(
    ['submission', 'validation', 'voting', 'selection', 'announcement'].map((p, i) => [
      p,
      { start: new Date(Date.now() + ((i - current) * 10 - 5) * DAY).toISOString(), end: new Date(Date.now() + ((i - current) * 10 + 5) * DAY).toISOString() },
    ]),
  ) as Parameters<typeof toPhaseDates>[0];

beforeAll(async () => {
  // Real limits: 60 vote requests a minute per address, 30 per account.
  kit = await createTestKit({ rateLimitScale: 1 });
  const manager = await buildUser(kit.database.db, { roles: ['prize-manager'] });
  await createEdition(kit.database.db, {
    actor: { id: manager.id, email: manager.email, name: manager.name, roles: ['prize-manager'], status: 'active', emailVerified: true, locale: 'en' } as unknown as Actor,
    input: { year: 2043, phases: phases(2) },
  });
});
afterAll(async () => kit.close());

describe('vote rate limits', () => {
  it('limits the vote requests of one account, whatever its address, before the address limit', async () => {
    const first = await kit.as(await buildUser(kit.database.db));
    await first.get('/en/prizes/2043');
    const statuses: number[] = [];
    for (let i = 0; i <= VOTES_PER_ACCOUNT_PER_MINUTE; i++) statuses.push((await first.api('POST', '/api/v1/prizes/editions/2043/votes', { nominationId: 999_999 })).statusCode);
    // Not a nominee (422) until the account's limit, then 429 in the reader's language.
    expect(statuses.slice(0, VOTES_PER_ACCOUNT_PER_MINUTE)).toEqual(Array(VOTES_PER_ACCOUNT_PER_MINUTE).fill(422));
    const limited = await first.api('POST', '/api/v1/prizes/editions/2043/votes', { nominationId: 999_999 }, { 'accept-language': 'fr' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().title).toBe('Trop de requêtes');
    // The form is limited too, with a page.
    const form = await first.post('/en/prizes/2043/vote', { nominationId: '999999', confirm: 'yes' });
    expect(form.statusCode).toBe(429);
    // Another account from the same address signs in (each route counts apart) and still votes
    // (the address has sent 33 of its 60 vote requests).
    const secondUser = await buildUser(kit.database.db);
    const second = await kit.as(secondUser);
    await second.get('/en/prizes/2043');
    expect((await second.api('POST', '/api/v1/prizes/editions/2043/votes', { nominationId: 999_999 })).statusCode).toBe(422);
    // The address's limit: 26 more requests reach 60; the 61st, from a third account, is refused.
    for (let i = 0; i < 26; i++) expect((await second.api('POST', '/api/v1/prizes/editions/2043/votes', { nominationId: 999_999 })).statusCode).toBe(422);
    const third = await kit.as(await buildUser(kit.database.db));
    await third.get('/en/prizes/2043');
    const refused = await third.api('POST', '/api/v1/prizes/editions/2043/votes', { nominationId: 999_999 });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
