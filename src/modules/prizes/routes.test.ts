import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '../../core/audit/record.js';
import type { Actor } from '../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { insertPublishedEntry } from '../stocktaking/test-helpers.js';
import { createEdition } from './commands/create-edition.js';
import { updateEdition } from './commands/update-edition.js';
import { phasesOf } from './phases.js';
import { getEditionByYear } from './queries.js';
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
  await updateEdition(db, { actor: manager, year: 2041, patch: { phases: phases(2) }, confirmVoteChanges: true });
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
    // The button leads to a confirmation (a GET form): the nominee and its category, then one POST.
    expect(page.body).toContain(`action="/en/prizes/2041/vote/confirm" class="inline-form"><input type="hidden" name="nominationId" value="${nominees[0]}"/>`);
    const confirm = await voter.get(`/en/prizes/2041/vote/confirm?nominationId=${nominees[0]}`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Confirm your vote</h1>');
    expect(confirm.body).toContain('Telemedicine for islands');
    expect(confirm.body).toContain('A vote cannot be changed or withdrawn once it is cast.');
    expect(confirm.body).toMatch(/<dd>Category 1: [^<]+<\/dd>/);
    expect(confirm.body).toContain('name="confirm" value="yes"');
    // A POST without the confirmation stores nothing and goes to the confirmation.
    const unconfirmed = await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[0]) });
    expect(unconfirmed.headers.location).toBe(`/en/prizes/2041/vote/confirm?nominationId=${nominees[0]}`);
    expect((await voter.get('/en/prizes/2041/vote')).body).toContain('You have not voted yet of 18.');
    const voted = await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[0]), confirm: 'yes' });
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe('/en/prizes/2041/vote#category-1');
    const after = await voter.get('/en/prizes/2041/vote');
    expect(after.body).toContain('Your vote has been recorded.');
    expect(after.body).toContain('You have voted in 1 category of 18.');
    expect(after.body).toContain('You have voted in this category.');
    // No button left in category 1; a forged second vote is refused and changes nothing.
    const again = await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[1]), confirm: 'yes' });
    expect(again.statusCode).toBe(303);
    expect((await voter.get('/en/prizes/2041/vote')).body).toContain('You have already voted in this category; a vote cannot be changed.');
    // A forged CSRF token changes nothing either.
    expect((await voter.post('/en/prizes/2041/vote', { nominationId: String(nominees[2]), confirm: 'yes' }, { csrf: false })).statusCode).toBe(403);
    // The confirmation of a category already voted in, or of no nominee, goes back with the reason.
    const votedAlready = await voter.get(`/en/prizes/2041/vote/confirm?nominationId=${nominees[1]}`);
    expect(votedAlready.headers.location).toBe('/en/prizes/2041/vote');
    expect((await voter.get('/en/prizes/2041/vote/confirm?nominationId=abc')).headers.location).toBe('/en/prizes/2041/vote');
    const bad = await voter.post('/en/prizes/2041/vote', { nominationId: 'abc', confirm: 'yes' });
    expect(bad.statusCode).toBe(303);
  });

  it('tells an account created after voting opened, before it votes, that its votes would not be valid, and records none', async () => {
    const late = await kit.as(await buildUser(kit.database.db));
    const page = await late.get('/en/prizes/2041/vote');
    expect(page.body).toContain("Your account was created after voting opened, so under this edition's rules your votes would not be valid");
    expect(page.body).not.toContain('/vote/confirm');
    const confirm = await late.get(`/en/prizes/2041/vote/confirm?nominationId=${nominees[0]}`);
    expect(confirm.body).toContain('Your account was created after voting opened');
    expect(confirm.body).not.toContain('name="confirm"');
    const forced = await late.post('/en/prizes/2041/vote', { nominationId: String(nominees[0]), confirm: 'yes' });
    expect(forced.statusCode).toBe(303);
    const after = await late.get('/en/prizes/2041/vote');
    expect(after.body).toContain('no vote was recorded');
    expect(after.body).not.toContain('Your vote has been recorded.');
    expect(after.body).not.toContain('You have voted in');
  });

  it('refuses to move the voting window or change the rule once votes exist, unless confirmed with the number of votes that change status, audited both ways', async () => {
    const c = await kit.as(await buildUser(kit.database.db, { roles: ['prize-manager'] }));
    await c.get('/en/admin/prizes/2041');
    const edition = await getEditionByYear(kit.database.db, 2041);
    const minute = (d: Date) => d.toISOString().slice(0, 16);
    const values: Record<string, string | string[]> = {
      summaryMinWords: '1',
      summaryMaxWords: '200',
      categoriesPerProject: '1',
      projectsPerOrganizationPerCategory: '5',
      rulesLanguage: 'en',
      rules: 'Rules.',
      allowedLanguages: ['en', 'fr'],
    };
    for (const [phase, { start, end }] of Object.entries(phasesOf(edition))) Object.assign(values, { [`${phase}.start`]: minute(start), [`${phase}.end`]: minute(end) });
    // The account rule left unticked: the votes of accounts created after voting opened would become valid.
    const refused = await c.post('/en/admin/prizes/2041', values);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      '1 vote has already been cast: this change of the voting dates or of the rule of a valid vote would change the status (valid or not) of none of them.',
    );
    expect(refused.body).toContain('name="confirmVoteChanges" value="yes"');
    expect((await getEditionByYear(kit.database.db, 2041)).validVote.accountCreatedBeforeVoting).toBe(true);
    // The API says the same (409).
    const api = await c.api('PATCH', '/api/v1/prizes/editions/2041', { validVote: { accountCreatedBeforeVoting: true, allCategoriesRequired: true } });
    expect(api.statusCode).toBe(409);
    expect(api.json().detail).toContain('would change the status (valid or not) of 1 of them');
    const { auditLog } = await import('../../core/audit/tables.js');
    const { desc, eq } = await import('drizzle-orm');
    const [lastRefusal] = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.edition.manage')).orderBy(desc(auditLog.id)).limit(1);
    expect(lastRefusal?.after).toMatchObject({ refused: 'votes_exist', votes: 1, changed: 1 });
    const confirmed = await c.api('PATCH', '/api/v1/prizes/editions/2041', {
      validVote: { accountCreatedBeforeVoting: true, allCategoriesRequired: true },
      confirmVoteChanges: true,
    });
    expect(confirmed.statusCode).toBe(200);
    const [lastChange] = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.edition.manage')).orderBy(desc(auditLog.id)).limit(1);
    expect(lastChange?.after).toMatchObject({ confirmedVoteChanges: { votes: 1, changed: 1 } });
    // Back to the published rule (confirmed again).
    expect(
      (await c.api('PATCH', '/api/v1/prizes/editions/2041', { validVote: { accountCreatedBeforeVoting: true, allCategoriesRequired: false }, confirmVoteChanges: true }))
        .statusCode,
    ).toBe(200);
  });

  it('invites anonymous visitors to sign in and hides the counts while voting is open', async () => {
    const page = await kit.client().get('/en/prizes/2041/vote');
    expect(page.body).toContain('Sign in to vote (one vote per category).');
    expect(page.body).not.toContain('Vote for “');
    const results = await kit.client().get('/en/prizes/2041/results');
    expect(results.body).toContain('Vote counts are published when voting closes.');
    const anonymousVote = await kit.client().post('/en/prizes/2041/vote', { nominationId: String(nominees[0]), confirm: 'yes' }, { csrf: false });
    expect([303, 403]).toContain(anonymousVote.statusCode);
  });

  it('warns prize managers when votes run on the embedded database', async () => {
    const c = await kit.as(await buildUser(kit.database.db, { roles: ['prize-manager'] }));
    const page = await c.get('/en/prizes/2041');
    if (kit.database.kind === 'pglite') expect(page.body).toContain('This platform runs on the embedded database (PGlite)');
    else expect(page.body).not.toContain('This platform runs on the embedded database (PGlite)');
  });

  it('publishes counts and the shortlist when voting has closed', async () => {
    await updateEdition(kit.database.db, { actor: manager, year: 2041, patch: { phases: phases(3) }, confirmVoteChanges: true });
    const results = await kit.client().get('/en/prizes/2041/results');
    expect(results.body).toContain('Votes cast: 1. Valid votes: 1. Votes not valid: 0.');
    expect(results.body).toMatch(/Telemedicine for islands<\/bdi><\/a><\/th><td class="numeric">1<\/td><td class="numeric">1<\/td><td>Shortlisted<\/td>/);
  });
});
