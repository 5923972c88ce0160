import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromApiToken } from '../../../core/auth/sessions.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { benchVoterTokens, countBenchVoters, measureVoting, seedBenchVoters } from './bench.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

describe('the vote benchmark', () => {
  it('makes verified voters with working API tokens, only as many as missing', async () => {
    const { db } = kit.database;
    expect(await seedBenchVoters(db, { voters: 40 })).toBe(40);
    expect(await seedBenchVoters(db, { voters: 50 })).toBe(10);
    expect(await seedBenchVoters(db, { voters: 50 })).toBe(0);
    expect(await countBenchVoters(db)).toBe(50);
    const tokenOf = await benchVoterTokens(db);
    const actor = await actorFromApiToken(db, tokenOf(49));
    expect(actor).toMatchObject({ email: 'voter49@voters.bench.invalid', emailVerified: true });
    expect(await actorFromApiToken(db, `${tokenOf(49)}x`)).toBeNull();
  });

  it('casts one vote per voter over HTTP while a public page answers, then measures the same INSERT through the driver', async () => {
    await kit.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(kit.app.server.address() as AddressInfo).port}`;
    const result = await measureVoting(kit.database, { baseUrl: base, voters: 50, connections: 2, seconds: 20, rounds: 2 });
    expect(result).toMatchObject({ voters: 50, accepted: 50, refused: 0 });
    // Each round starts from an empty edition: the same voters' votes all count again.
    expect(result.rounds.map((r) => [r.accepted, r.refused])).toEqual([
      [50, 0],
      [50, 0],
    ]);
    expect(result.rounds).toContainEqual(expect.objectContaining({ ratio: result.ratio }));
    // Of two rounds, the median of their votes a second is the upper one (the index rounds down past the middle).
    expect(result.medianPerSecond).toBe(Math.max(...result.rounds.map((r) => r.acceptedPerSecond)));
    expect(result.page.requests).toBeGreaterThan(0);
    expect(result.page.non2xx).toBe(0);
    expect(result.ceilingPerSecond).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    // Each vote's receipt went with its vote: the bench leaves no notification behind.
    const left = await kit.database.pool.query<{ n: string }>(
      `select count(*) as n from core_notifications n join auth_users u on u.id = n.recipient_id where u.email like '%@voters.bench.invalid'`,
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
    await expect(measureVoting(kit.database, { baseUrl: base, voters: 51 })).rejects.toThrow('wsis seed bench --voters 51');
  });
});
