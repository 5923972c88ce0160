import { and, eq } from 'drizzle-orm';
import { apiTokens } from '../../../core/auth/tables.js';
import { hashSecret, newApiToken } from '../../../core/auth/tokens.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { phaseColumns, phaseDatesAround } from '../phases.js';
import { categories, editions, nominations, votes } from '../tables.js';
import { castVote, castVotes, type VoteRequest } from './cast-vote.js';

let kit: TestKit;
/** Nominees of 2061 (voting): two in category 1, one in category 2; one of 2062 (voting too). */
let n: { c1a: number; c1b: number; c2: number; other: number };

/** A verified, active voter (an account dated before the vote). */
const voter = async (): Promise<Actor> => {
  const user = await buildUser(kit.database.db);
  return { id: user.id, email: user.email, name: user.name, roles: ['contributor'], status: 'active', emailVerified: true, locale: 'en' } as unknown as Actor;
};
const stored = async (voterId: number) => kit.database.db.select().from(votes).where(eq(votes.voterId, voterId));
const settledValues = (results: PromiseSettledResult<unknown>[]) => results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'));

const DAY = 86_400_000;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  // Two editions in their voting phase, with accepted nominations (the nomination rules are not
  // what this file tests).
  const ids: number[] = [];
  for (const year of [2061, 2062]) {
    const [edition] = await db
      .insert(editions)
      .values({ year, ...phaseColumns(phaseDatesAround('voting')) })
      .returning({ id: editions.id });
    const editionId = edition?.id as number;
    await db.insert(categories).values([1, 2].map((number) => ({ editionId, number, actionLine: `C${number}`, title: { en: `Category ${number}` } })));
    const made = await db
      .insert(nominations)
      .values((year === 2061 ? [1, 1, 2] : [1]).map((categoryNumber, i) => ({ editionId, categoryNumber, entryId: year * 10 + i, state: 'accepted' as const })))
      .returning({ id: nominations.id });
    ids.push(...made.map((m) => m.id));
  }
  const [c1a, c1b, c2, other] = ids as [number, number, number, number];
  n = { c1a, c1b, c2, other };
});
afterAll(async () => kit.close());

describe('votes cast together in one statement (group commit)', () => {
  it('stores one vote per category for a voter whose votes share a batch, and says why the others are not stored', async () => {
    const [alice, bob] = [await voter(), await voter()];
    const results = await castVotes(kit.database, [
      { actor: alice, year: 2061, nominationId: n.c1a },
      { actor: alice, year: 2061, nominationId: n.c1b },
      { actor: alice, year: 2061, nominationId: n.c1a },
      { actor: alice, year: 2061, nominationId: n.c2 },
      { actor: bob, year: 2061, nominationId: n.c1b },
      { actor: bob, year: 2061, nominationId: n.other },
      { actor: bob, year: 2030, nominationId: n.c2 },
      { actor: bob, year: 2061, nominationId: 987_654 },
      { actor: bob, year: 2061, nominationId: n.c2, now: new Date(Date.now() + 40 * DAY) },
    ]);
    const values = settledValues(results);
    expect(values[0]).toMatchObject({ ok: true, categoryNumber: 1 });
    expect(values.slice(1, 3)).toEqual([
      { ok: false, error: 'already_voted' },
      { ok: false, error: 'already_voted' },
    ]);
    expect(values[3]).toMatchObject({ ok: true, categoryNumber: 2 });
    expect(values[4]).toMatchObject({ ok: true, categoryNumber: 1 });
    expect(values.slice(5)).toEqual([
      { ok: false, error: 'nominee_not_found' },
      { ok: false, error: 'edition_not_found' },
      { ok: false, error: 'nominee_not_found' },
      { ok: false, error: 'not_voting_phase' },
    ]);
    expect((await stored(alice.id)).map((v) => [v.categoryNumber, v.nominationId]).sort()).toEqual([
      [1, n.c1a],
      [2, n.c2],
    ]);
    expect((await stored(bob.id)).map((v) => v.nominationId)).toEqual([n.c1b]);
  });

  it('keeps the good votes of a batch when one of them cannot be stored', async () => {
    const [carol, dave] = [await voter(), await voter()];
    // An account deleted after it was authenticated: its vote breaks the statement of the batch.
    const ghost = { ...carol, id: 2_000_000_000 } as Actor;
    const results = await castVotes(kit.database, [
      { actor: carol, year: 2061, nominationId: n.c1a },
      { actor: ghost, year: 2061, nominationId: n.c1a },
      { actor: dave, year: 2061, nominationId: n.c2 },
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settledValues(results)[0]).toMatchObject({ ok: true });
    expect(settledValues(results)[2]).toMatchObject({ ok: true });
    expect(await stored(carol.id)).toHaveLength(1);
    expect(await stored(dave.id)).toHaveLength(1);
    // Through the queue, the bad vote fails alone too.
    const [erin, frank] = [await voter(), await voter()];
    const answers = await Promise.allSettled([
      castVote(kit.database, { actor: erin, year: 2061, nominationId: n.c1a }),
      castVote(kit.database, { actor: { ...erin, id: 2_000_000_001 } as Actor, year: 2061, nominationId: n.c1a }),
      castVote(kit.database, { actor: frank, year: 2061, nominationId: n.c1b }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored(frank.id)).toHaveLength(1);
  });

  it('counts the rate limits of a batch exactly, as if its votes had come one by one', async () => {
    const grace = await voter();
    const key = `test:vote:account:${grace.id}`;
    const limits = [{ key, max: 2, windowSeconds: 60 }];
    const vote = (nominationId: number): VoteRequest => ({ actor: grace, year: 2061, nominationId, limits });
    const first = settledValues(await castVotes(kit.database, [vote(n.c1a), vote(n.c1b), vote(n.c2)]));
    expect(first[0]).toMatchObject({ ok: true });
    // The second request is counted (2 of 2) and refused as a second vote in category 1.
    expect(first[1]).toEqual({ ok: false, error: 'already_voted' });
    // The third is past the limit: nothing stored, whatever it was for.
    expect(first[2]).toMatchObject({ ok: false, error: 'rate_limited' });
    const next = settledValues(await castVotes(kit.database, [vote(n.c2)]));
    expect(next[0]).toMatchObject({ ok: false, error: 'rate_limited' });
    expect((await stored(grace.id)).map((v) => v.categoryNumber)).toEqual([1]);
    const counter = await kit.database.pool.query('select count from core_rate_limits where key = $1', [key]);
    expect(counter.rows[0].count).toBe(4);
  });

  it('answers many concurrent voters, each once, and a voter racing with itself once', async () => {
    const voters: Actor[] = [];
    for (let i = 0; i < 12; i++) voters.push(await voter());
    const racer = await voter();
    const answers = await Promise.all([
      ...voters.map((v) => castVote(kit.database, { actor: v, year: 2061, nominationId: n.c2 })),
      ...Array.from({ length: 6 }, (_, i) => castVote(kit.database, { actor: racer, year: 2061, nominationId: i % 2 ? n.c1a : n.c1b })),
    ]);
    expect(answers.slice(0, 12).every((a) => a.ok)).toBe(true);
    expect(answers.slice(12).filter((a) => a.ok)).toHaveLength(1);
    expect(answers.slice(12).filter((a) => !a.ok && a.error === 'already_voted')).toHaveLength(5);
    const racerVotes = await kit.database.db
      .select()
      .from(votes)
      .where(and(eq(votes.voterId, racer.id), eq(votes.categoryNumber, 1)));
    expect(racerVotes).toHaveLength(1);
  });
});

describe('votes by API token, authenticated inside the vote statement', () => {
  const tokenOf = async (options: Parameters<typeof buildUser>[1] = {}, { revoked = false } = {}) => {
    const user = await buildUser(kit.database.db, options);
    const token = newApiToken();
    await kit.database.db.insert(apiTokens).values({ userId: user.id, label: 'test', tokenHash: hashSecret(token), revokedAt: revoked ? new Date() : null });
    return { user, token };
  };
  const countOf = async (key: string) => Number((await kit.database.pool.query('select count from core_rate_limits where key = $1', [key])).rows[0]?.count ?? 0);

  it('stores the vote of an active, verified account and counts its limits under its own id', async () => {
    const { user, token } = await tokenOf();
    const limits = [
      { key: 'test:token:address:10.1.1.1', max: 10, windowSeconds: 60 },
      { key: 'test:token:account:', perVoter: true, max: 10, windowSeconds: 60 },
    ];
    const [result] = settledValues(await castVotes(kit.database, [{ token, year: 2061, nominationId: n.c1a, limits }]));
    expect(result).toMatchObject({ ok: true, categoryNumber: 1 });
    expect((await stored(user.id)).map((v) => v.nominationId)).toEqual([n.c1a]);
    expect(await countOf(`test:token:account:${user.id}`)).toBe(1);
    expect(await countOf('test:token:address:10.1.1.1')).toBe(1);
    // The token's last use is written by the same statement.
    const [row] = await kit.database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it('refuses unknown and revoked tokens (nothing counted) and accounts that may not vote (counted, nothing stored)', async () => {
    const revoked = await tokenOf({}, { revoked: true });
    const unverified = await tokenOf({ verified: false });
    const suspended = await tokenOf({ status: 'suspended' });
    const limits = [{ key: 'test:refused:address', max: 100, windowSeconds: 60 }];
    const results = settledValues(
      await castVotes(
        kit.database,
        [`${unverified.token}x`, revoked.token, 'x'.repeat(300), unverified.token, suspended.token].map((token) => ({ token, year: 2061, nominationId: n.c1a, limits })),
      ),
    );
    expect(results).toEqual([
      { ok: false, error: 'invalid_token' },
      { ok: false, error: 'invalid_token' },
      { ok: false, error: 'invalid_token' },
      // The rule of 'prizes.vote.cast' (isVerified): an unverified account is signed in, a suspended one is not.
      { ok: false, error: 'not_allowed', signedIn: true },
      { ok: false, error: 'not_allowed', signedIn: false },
    ]);
    expect(await countOf('test:refused:address')).toBe(2);
    for (const who of [revoked, unverified, suspended]) expect(await stored(who.user.id)).toEqual([]);
  });

  it('answers over HTTP as the token lookup of any other route would: 201, then 409, 401 for a bad token, 403 unverified', async () => {
    const voterToken = await tokenOf();
    const unverified = await tokenOf({ verified: false });
    const vote = (token: string, nominationId: number) =>
      kit.app.inject({
        method: 'POST',
        url: '/api/v1/prizes/editions/2061/votes',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'fr' },
        payload: JSON.stringify({ nominationId }),
      });
    const first = await vote(voterToken.token, n.c2);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ category: 2 });
    expect((await vote(voterToken.token, n.c2)).statusCode).toBe(409);
    const bad = await vote(`${voterToken.token}x`, n.c2);
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().detail).toBeTruthy();
    expect((await vote(unverified.token, n.c2)).statusCode).toBe(403);
    expect(await stored(unverified.user.id)).toEqual([]);
  });
});
