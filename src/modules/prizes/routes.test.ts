import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '../../core/audit/record.js';
import type { Actor } from '../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { insertPublishedEntry } from '../stocktaking/test-helpers.js';
import { createEdition } from './commands/create-edition.js';
import { updateEdition } from './commands/update-edition.js';
import { actorOf, buildVoter, nominateAndAccept, phases } from './test-helpers.js';

let kit: TestKit;
let manager: Actor;
const nominees: number[] = [];

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  manager = actorOf(await buildUser(db, { roles: ['prize-manager'] }), ['prize-manager']);
  const ownerUser = await buildUser(db);
  const owner = actorOf(ownerUser);
  await createEdition(db, { actor: manager, input: { year: 2041, phases: phases(0) } });
  await updateEdition(db, { actor: manager, year: 2041, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 5, rules: { en: 'Projects must **run for a year**.' } } });
  for (const [title, category] of [
    ['Telemedicine for islands', 1],
    ['Open maps of slums', 1],
    ['<script>alert(1)</script> Coding clubs', 2],
  ] as const) {
    const entry = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: title } });
    const [made] = await nominateAndAccept(db, { owner, manager, year: 2041, category, entries: [entry] });
    nominees.push(made?.nomination as number);
  }
  await updateEdition(db, { actor: manager, year: 2041, patch: { phases: phases(2) } });
  void recordAction;
});
afterAll(async () => kit.close());

describe('the WSIS Prizes pages', () => {
  it('shows the edition, its phases in UTC for the script to localize, its rules and categories', async () => {
    const res = await kit.client().get('/en/prizes/2041');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>WSIS Prizes 2041</h1>');
    expect(res.body).toContain('The public vote is open.');
    expect(res.body).toMatch(/<tr aria-current="step" class="current"><th scope="row">Public voting \(now\)/);
    expect(res.body).toMatch(/<time datetime="[^"]+Z" data-local-time="true">[^<]*UTC<\/time>/);
    expect(res.body).toContain('<strong>run for a year</strong>');
    expect(res.body).toContain('Each project may be nominated in 1 category.');
    expect((await kit.client().get('/en/prizes')).headers.location).toBe('/en/prizes/2041');
    expect((await kit.client().get('/en/prizes/1850')).statusCode).toBe(404);
    expect((await kit.client().get('/en/prizes/abcd')).statusCode).toBe(404);
  });

  it('lets a verified voter vote once per category and shows which categories remain', async () => {
    const voter = await kit.as(await buildVoter(kit.database.db, { daysOld: 60 }));
    const page = await voter.get('/en/prizes/2041/vote');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You have not voted yet of 18.');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script> Coding clubs');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    const voted = await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[0]) });
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe('/en/prizes/2041/vote#category-1');
    const after = await voter.get('/en/prizes/2041/vote');
    expect(after.body).toContain('Your vote has been recorded.');
    expect(after.body).toContain('You have voted in 1 category of 18.');
    expect(after.body).toContain('You have voted in this category.');
    // No button left in category 1; a forged second vote is refused and changes nothing.
    const again = await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[1]) });
    expect(again.statusCode).toBe(303);
    expect((await voter.get('/en/prizes/2041/vote')).body).toContain('You have already voted in this category; a vote cannot be changed.');
    // A forged CSRF token changes nothing either.
    expect((await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[2]) }, { csrf: false })).statusCode).toBe(403);
    const bad = await voter.post('/en/prizes/2041/vote', { nominationId: 'abc' });
    expect(bad.statusCode).toBe(303);
  });

  it('invites anonymous visitors to sign in and hides the counts while voting is open', async () => {
    const page = await kit.client().get('/en/prizes/2041/vote');
    expect(page.body).toContain('Sign in to vote (one vote per category).');
    expect(page.body).not.toContain('Vote for “');
    const results = await kit.client().get('/en/prizes/2041/results');
    expect(results.body).toContain('Vote counts are published when voting closes.');
    const anonymousVote = await kit.client().post('/en/prizes/2041/vote', { nominationId: String(nominees[0]) }, { csrf: false });
    expect([303, 403]).toContain(anonymousVote.statusCode);
  });

  it('warns prize managers when votes run on the embedded database', async () => {
    const c = await kit.as(await buildUser(kit.database.db, { roles: ['prize-manager'] }));
    const page = await c.get('/en/prizes/2041');
    if (kit.database.kind === 'pglite') expect(page.body).toContain('This platform runs on the embedded database (PGlite)');
    else expect(page.body).not.toContain('This platform runs on the embedded database (PGlite)');
  });

  it('publishes counts and the shortlist when voting has closed', async () => {
    await updateEdition(kit.database.db, { actor: manager, year: 2041, patch: { phases: phases(3) } });
    const results = await kit.client().get('/en/prizes/2041/results');
    expect(results.body).toContain('Votes cast: 1. Valid votes: 1. Not counted: 0.');
    expect(results.body).toMatch(/Telemedicine for islands<\/bdi><\/a><\/th><td class="numeric">1<\/td><td class="numeric">1<\/td><td>Shortlisted<\/td>/);
  });
});
