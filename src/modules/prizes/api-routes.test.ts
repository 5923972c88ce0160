import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../accounts/commands/create-api-token.js';
import { memberships, organizations } from '../accounts/tables.js';
import { mailOutbox } from '../../core/mail/tables.js';
import { users } from '../../core/auth/tables.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { insertPublishedEntry } from '../stocktaking/test-helpers.js';
import { nominations, votes } from './tables.js';
import { DAY, phases } from './test-helpers.js';

let kit: TestKit;
const tokens: Record<string, string> = {};
let ownerId: number;

const words = (n: number, word = 'digital') => Array.from({ length: n }, () => word).join(' ');

const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: unknown) =>
  kit.app.inject({
    method,
    url,
    payload: payload === undefined ? undefined : JSON.stringify(payload),
    headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
  });

/** A user with an API token; accounts are dated a month back (before any voting opened) unless `createdAt` says otherwise. */
const tokenFor = async (name: string, options: Parameters<typeof buildUser>[1] = {}) => {
  const user = await buildUser(kit.database.db, options);
  await kit.database.db
    .update(users)
    .set({ createdAt: new Date(Date.now() - 30 * DAY) })
    .where(eq(users.id, user.id));
  tokens[name] = (await createApiToken(kit.database.db, { userId: user.id, label: 'test', actor: null })).token;
  return user;
};

beforeAll(async () => {
  kit = await createTestKit();
  await tokenFor('manager', { roles: ['prize-manager'] });
  ownerId = (await tokenFor('owner', { locale: 'fr' })).id;
  await tokenFor('stranger');
  await tokenFor('unverified', { verified: false });
});
afterAll(async () => kit.close());

describe('editions', () => {
  it('a prize manager creates an edition with the 18 categories; the phase is computed from the clock', async () => {
    const res = await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2031, phases: phases('submission') });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.currentPhase).toBe('submission');
    expect(body.categories).toHaveLength(18);
    expect(body.categories[0]).toMatchObject({ number: 1, actionLine: 'C1' });
    expect(body.rules).toMatchObject({ categoriesPerProject: 1, projectsPerOrganizationPerCategory: 1, excludePastWinners: true, summaryMinWords: 150, summaryMaxWords: 200 });
    expect(body.rules.allowedLanguages).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const again = await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2031, phases: phases('submission') });
    expect(again.statusCode).toBe(409);
    const read = await call('GET', '/api/v1/prizes/editions/2031');
    expect(read.json().phases.voting.start).toBe(body.phases.voting.start);
  });

  it('refuses phases out of order, with a pointer, and non-managers', async () => {
    const dates = phases('submission');
    const bad = await call('POST', '/api/v1/prizes/editions', 'manager', {
      year: 2032,
      phases: { ...dates, voting: { start: dates.submission.start, end: dates.voting.end } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].pointer).toBe('/phases/voting/start');
    expect((await call('POST', '/api/v1/prizes/editions', 'stranger', { year: 2033, phases: dates })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/prizes/editions', undefined, { year: 2033, phases: dates })).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2033, phases: { submission: dates.submission } })).statusCode).toBe(400);
  });

  it('moves phases and changes settings with PATCH', async () => {
    await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2034, phases: phases('submission') });
    const res = await call('PATCH', '/api/v1/prizes/editions/2034', 'manager', { phases: phases('voting'), summaryMinWords: 5, categoriesPerProject: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json().currentPhase).toBe('voting');
    expect(res.json().rules).toMatchObject({ summaryMinWords: 5, categoriesPerProject: 2 });
    const wrong = await call('PATCH', '/api/v1/prizes/editions/2034', 'manager', { summaryMinWords: 500 });
    expect(wrong.statusCode).toBe(422);
    expect((await call('PATCH', '/api/v1/prizes/editions/1999', 'manager', { summaryMinWords: 5 })).statusCode).toBe(400);
    expect((await call('PATCH', '/api/v1/prizes/editions/2099', 'manager', { summaryMinWords: 5 })).statusCode).toBe(404);
  });
});

describe('nominations', () => {
  it('checks every rule of the edition and says which one a nomination breaks', async () => {
    const { db } = kit.database;
    await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2035, phases: phases('submission') });
    const short = await insertPublishedEntry(db, { submitterId: ownerId, summary: { en: words(20) } });
    const good = await insertPublishedEntry(db, { submitterId: ownerId, summary: { en: words(160) } });
    const other = await insertPublishedEntry(db, { summary: { en: words(160) } });

    const tooShort = await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: short.id, category: 2 });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().detail).toBe("The entry's summary must have at least 150 words (it has 20). Edit the entry first.");
    expect(tooShort.json().errors[0].pointer).toBe('/entryId');

    const notMine = await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: other.id, category: 2 });
    expect(notMine.json().detail).toBe('You can nominate only your own entries or those of your organization.');
    const noCategory = await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: good.id, category: 42 });
    expect(noCategory.json().detail).toBe('Category 42 does not exist in this edition.');

    const ok = await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: good.id, category: 2 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().state).toBe('submitted');
    expect((await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: good.id, category: 2 })).statusCode).toBe(409);
    const second = await call('POST', '/api/v1/prizes/editions/2035/nominations', 'owner', { entryId: good.id, category: 3 });
    expect(second.statusCode).toBe(422);
    expect(second.json().detail).toBe('A project may be nominated in only 1 category.');
    // In French for a French reader.
    const fr = await kit.app.inject({
      method: 'POST',
      url: '/api/v1/prizes/editions/2035/nominations',
      payload: JSON.stringify({ entryId: good.id, category: 3 }),
      headers: { authorization: `Bearer ${tokens.owner}`, 'content-type': 'application/json', 'accept-language': 'fr' },
    });
    expect(fr.json().detail).not.toBe(second.json().detail);
    expect((await call('POST', '/api/v1/prizes/editions/2035/nominations', 'unverified', { entryId: good.id, category: 4 })).statusCode).toBe(403);
  });

  it('limits projects per organization per category and asks the edition questions', async () => {
    const { db } = kit.database;
    await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2036, phases: phases('submission') });
    await call('PATCH', '/api/v1/prizes/editions/2036', 'manager', {
      summaryMinWords: 1,
      questions: [{ id: 'impact', label: { en: 'What changed for the people you serve?' }, required: true, maxWords: 50 }],
    });
    const [org] = await db.insert(organizations).values({ name: 'Digital Bridge', stakeholderType: 'civil-society', country: 'KE' }).returning();
    await db.insert(memberships).values({ organizationId: org?.id ?? 0, userId: ownerId, role: 'manager' });
    const a = await insertPublishedEntry(db, { submitterId: ownerId, organizationId: org?.id });
    const b = await insertPublishedEntry(db, { submitterId: ownerId, organizationId: org?.id });
    const missing = await call('POST', '/api/v1/prizes/editions/2036/nominations', 'owner', { entryId: a.id, category: 5 });
    expect(missing.json()).toMatchObject({ detail: 'Answer the question “impact”.', errors: [{ pointer: '/answers/impact' }] });
    const unknown = await call('POST', '/api/v1/prizes/editions/2036/nominations', 'owner', {
      entryId: a.id,
      category: 5,
      answers: { impact: 'Farmers sell online.', color: 'blue' },
    });
    expect(unknown.json().detail).toBe('This edition has no question “color”.');
    expect((await call('POST', '/api/v1/prizes/editions/2036/nominations', 'owner', { entryId: a.id, category: 5, answers: { impact: 'Farmers sell online.' } })).statusCode).toBe(
      201,
    );
    const sameOrg = await call('POST', '/api/v1/prizes/editions/2036/nominations', 'owner', { entryId: b.id, category: 5, answers: { impact: 'More schools online.' } });
    expect(sameOrg.json().detail).toBe('An organization may nominate only 1 project in each category.');
  });

  it('refuses nominations outside the submission phase', async () => {
    await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2037, phases: phases('validation') });
    const entry = await insertPublishedEntry(kit.database.db, { submitterId: ownerId, summary: { en: words(160) } });
    const res = await call('POST', '/api/v1/prizes/editions/2037/nominations', 'owner', { entryId: entry.id, category: 1 });
    expect(res.json().detail).toBe('Nominations are accepted only during the submission phase.');
  });
});

describe('the public vote', () => {
  let nominees: number[];
  beforeAll(async () => {
    const { db } = kit.database;
    await call('POST', '/api/v1/prizes/editions', 'manager', { year: 2040, phases: phases('submission') });
    await call('PATCH', '/api/v1/prizes/editions/2040', 'manager', { summaryMinWords: 1, projectsPerOrganizationPerCategory: 5 });
    nominees = [];
    for (const [i, category] of [1, 1, 2].entries()) {
      const entry = await insertPublishedEntry(db, { submitterId: ownerId, title: { en: `Nominee ${i}` } });
      const res = await call('POST', '/api/v1/prizes/editions/2040/nominations', 'owner', { entryId: entry.id, category });
      nominees.push(res.json().id);
    }
    // The managers decide while submissions are open; the owner is told by e-mail in French.
    for (const id of nominees) expect((await call('POST', `/api/v1/prizes/nominations/${id}/decision`, 'manager', { decision: 'accept' })).statusCode).toBe(200);
    const returned = await call('POST', `/api/v1/prizes/nominations/${nominees[2]}/decision`, 'manager', { decision: 'return', reason: '' });
    expect(returned.statusCode).toBe(422);
    // Returned for changes, then submitted again by its owner (same nomination), then accepted.
    expect((await call('POST', `/api/v1/prizes/nominations/${nominees[2]}/decision`, 'manager', { decision: 'return', reason: 'Add the partners.' })).json().state).toBe(
      'returned',
    );
    const resubmitted = await call('POST', '/api/v1/prizes/editions/2040/nominations', 'owner', {
      entryId: (
        await db
          .select()
          .from(nominations)
          .where(eq(nominations.id, nominees[2] ?? 0))
      )[0]?.entryId,
      category: 2,
    });
    expect(resubmitted.statusCode).toBe(201);
    expect(resubmitted.json().id).toBe(nominees[2]);
    expect((await call('POST', `/api/v1/prizes/nominations/${nominees[2]}/decision`, 'manager', { decision: 'accept' })).statusCode).toBe(200);
    const [owner] = await db.select().from(users).where(eq(users.id, ownerId));
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, owner?.email ?? ''));
    expect(mails.some((m) => m.locale === 'fr' && m.subject.includes('2040'))).toBe(true);
    // Voting opens (the voters' accounts were created before).
    await call('PATCH', '/api/v1/prizes/editions/2040', 'manager', { phases: phases('voting') });
  });

  it('counts one vote per category per account: a second one is a 409 and changes nothing', async () => {
    await tokenFor('voter');
    const first = await call('POST', '/api/v1/prizes/editions/2040/votes', 'voter', { nominationId: nominees[0] });
    expect(first.statusCode).toBe(201);
    expect(first.json().category).toBe(1);
    const second = await call('POST', '/api/v1/prizes/editions/2040/votes', 'voter', { nominationId: nominees[1] });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe('You have already voted in this category; a vote cannot be changed.');
    const mine = await call('GET', '/api/v1/prizes/editions/2040/my-votes', 'voter');
    expect(mine.json().votes).toEqual([expect.objectContaining({ category: 1, nominationId: nominees[0] })]);
    expect(mine.json().remaining).toContain(2);
    expect(mine.json().remaining).not.toContain(1);
  });

  it('keeps one vote under concurrent requests from the same account', async () => {
    const voter = await tokenFor('racer');
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/api/v1/prizes/editions/2040/votes', 'racer', { nominationId: nominees[0] })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(7);
    const stored = await kit.database.db
      .select()
      .from(votes)
      .where(and(eq(votes.voterId, voter.id), eq(votes.categoryNumber, 1)));
    expect(stored).toHaveLength(1);
  });

  it('refuses unverified accounts, anonymous callers, unknown nominees and nominees of another edition', async () => {
    expect((await call('POST', '/api/v1/prizes/editions/2040/votes', 'unverified', { nominationId: nominees[0] })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/prizes/editions/2040/votes', undefined, { nominationId: nominees[0] })).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/prizes/editions/2040/votes', 'stranger', { nominationId: 999999 })).statusCode).toBe(422);
    expect((await call('POST', '/api/v1/prizes/editions/2031/votes', 'stranger', { nominationId: nominees[0] })).statusCode).toBe(409);
    expect((await call('POST', '/api/v1/prizes/editions/2040/votes', 'stranger', { nominationId: 'abc' })).statusCode).toBe(400);
  });

  it('lists the nominees publicly once voting is open, in an order stable for each voter', async () => {
    const a = await call('GET', '/api/v1/prizes/editions/2040/nominees', 'voter');
    const b = await call('GET', '/api/v1/prizes/editions/2040/nominees', 'voter');
    expect(a.json().items.map((i: { id: number }) => i.id)).toEqual(b.json().items.map((i: { id: number }) => i.id));
    expect(a.json().items).toHaveLength(3);
    const hidden = await call('GET', '/api/v1/prizes/editions/2035/nominees');
    expect(hidden.statusCode).toBe(404);
  });

  it('hides the counts during voting and applies the published rule of a valid vote afterwards', async () => {
    const during = await call('GET', '/api/v1/prizes/editions/2040/results');
    expect(during.json().countsPublic).toBe(false);
    expect(during.json().categories[0].nominees).toEqual([]);
    // An account created after voting opened votes; it is cast but not valid.
    const late = await tokenFor('late');
    await kit.database.db.update(users).set({ createdAt: new Date() }).where(eq(users.id, late.id));
    await call('POST', '/api/v1/prizes/editions/2040/votes', 'late', { nominationId: nominees[1] });
    // Votes exist: closing the vote early needs a confirmation that says how many votes change status.
    const refused = await call('PATCH', '/api/v1/prizes/editions/2040', 'manager', { phases: phases('selection') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/^\d+ votes have already been cast/);
    expect((await call('PATCH', '/api/v1/prizes/editions/2040', 'manager', { phases: phases('selection'), confirmVoteChanges: true })).statusCode).toBe(200);
    const after = await call('GET', '/api/v1/prizes/editions/2040/results');
    expect(after.json().countsPublic).toBe(true);
    const category1 = after.json().categories.find((c: { category: number }) => c.category === 1);
    const byId = new Map(category1.nominees.map((n: { nominationId: number }) => [n.nominationId, n]));
    expect(byId.get(nominees[1])).toMatchObject({ votesCast: 1, validVotes: 0 });
    expect(byId.get(nominees[0])).toMatchObject({ validVotes: 2, shortlisted: true });
    const closed = await call('POST', '/api/v1/prizes/editions/2040/votes', 'stranger', { nominationId: nominees[2] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toBe('Voting is not open.');
  });
});
