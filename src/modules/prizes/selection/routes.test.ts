import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { mailOutbox } from '../../../core/mail/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { getEditionByYear } from '../queries.js';
import { experts, results, scores, votes } from '../tables.js';
import { actorOf, insertVotes, nominateAndAccept, phases } from '../test-helpers.js';
import { weightedTotal } from './commands/score-nominee.js';

const YEAR = 2043;
let kit: TestKit;
let manager: Actor;
let managerClient: TestClient;
let expertUser: { id: number; email: string };
let expertClient: TestClient;
let ownerEmail: string;
/** Category 1: six nominees, valid votes 2, 2, 1, 1, 1, 0 (the last is not shortlisted). Category 2: one nominee. */
const cat1: { nomination: number; entry: number; title: string }[] = [];
let cat2Nomination = 0;

/** The flash messages of the next page (what the user reads after a form). */
const flashOf = async (client: TestClient, url: string) =>
  [...(await client.get(url)).body.matchAll(/<div class="flash flash-\w+" role="(?:alert|status)">([^<]*)<\/div>/g)].map((m) => m[1]).join(' | ');

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const managerUser = await buildUser(db, { roles: ['prize-manager'] });
  manager = actorOf(managerUser, ['prize-manager']);
  const ownerUser = await buildUser(db, { locale: 'fr' });
  ownerEmail = ownerUser.email;
  const owner = actorOf(ownerUser);
  await createEdition(db, { actor: manager, input: { year: YEAR, phases: phases(0) } });
  await updateEdition(db, { actor: manager, year: YEAR, patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10 } });
  const titles = ['Rural broadband cooperative', 'Digital literacy buses', 'Open court records', 'Telehealth for nomads', 'School coding kits', 'Village data hubs'];
  const made = await nominateAndAccept(db, {
    owner,
    manager,
    year: YEAR,
    category: 1,
    entries: await Promise.all(
      titles.map((title, i) =>
        insertPublishedEntry(db, {
          submitterId: ownerUser.id,
          title: i === 0 ? { en: title, ar: 'تعاونية النطاق العريض الريفية', zh: '农村宽带合作社' } : { en: title },
          summary: { en: `${title}: a summary.` },
          leadCountry: 'KE',
        }),
      ),
    ),
  });
  for (const [i, n] of made.entries()) cat1.push({ ...n, title: titles[i] as string });
  cat2Nomination = ((
    await nominateAndAccept(db, {
      owner,
      manager,
      year: YEAR,
      category: 2,
      entries: [await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Cyber-safety hotline' } })],
    })
  )[0]?.nomination ?? 0) as number;
  const editionId = (await getEditionByYear(db, YEAR)).id;
  // Votes of accounts older than the vote: 2, 2, 1, 1, 1, 0 in category 1; the first voter also votes in category 2.
  const counts = [2, 2, 1, 1, 1, 0];
  for (const [i, n] of counts.entries()) {
    const voters = await insertVotes(db, { editionId, category: 1, nominationId: cat1[i]?.nomination as number, count: n });
    if (i === 0 && voters[0]) await db.insert(votes).values({ editionId, categoryNumber: 2, nominationId: cat2Nomination, voterId: voters[0].id });
  }
  // The clock is now in the selection phase.
  await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
  managerClient = await kit.as(managerUser);
  const expert = await buildUser(db, { roles: ['expert'] });
  expertUser = expert;
  expertClient = await kit.as(expert);
});
afterAll(async () => kit.close());

describe('the weighted total', () => {
  it('is the mean of the marks weighted by the criteria weights, a plain mean when every weight is zero', () => {
    expect(
      weightedTotal(
        [
          { id: 'a', weight: 2 },
          { id: 'b', weight: 1 },
        ],
        { a: 8, b: 5 },
      ),
    ).toBe(7);
    expect(
      weightedTotal(
        [
          { id: 'a', weight: 0 },
          { id: 'b', weight: 0 },
        ],
        { a: 8, b: 5 },
      ),
    ).toBe(6.5);
    expect(
      weightedTotal(
        [
          { id: 'a', weight: 1 },
          { id: 'b', weight: 2 },
        ],
        { a: 10, b: 0 },
      ),
    ).toBe(3.333);
  });
});

describe('the expert selection', () => {
  it('is the prize managers’ page: anonymous visitors are sent to sign in, other accounts get a 404', async () => {
    const anonymous = await kit.client().get(`/en/prizes/${YEAR}/selection`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/en/sign-in?next=');
    const stranger = await kit.as(await buildUser(kit.database.db));
    expect((await stranger.get(`/en/prizes/${YEAR}/selection`)).statusCode).toBe(404);
    expect((await stranger.get(`/en/prizes/${YEAR}/review`)).statusCode).toBe(404);
    const page = await managerClient.get(`/en/prizes/${YEAR}/selection`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Expert selection, WSIS Prizes ${YEAR}</h1>`);
    expect(page.body).toContain('The expert selection is open.');
    // The shortlist of category 1 is the five nominees with valid votes, not the one without.
    expect(page.body).toContain('Rural broadband cooperative');
    expect(page.body).toContain('School coding kits');
    expect(page.body).not.toContain('Village data hubs');
    // Reached from the navigation, which leads to the current edition.
    expect((await managerClient.get('/en/admin')).body).toContain('href="/en/prizes/selection"');
    expect((await managerClient.get('/en/prizes/selection')).headers.location).toBe(`/en/prizes/${YEAR}/selection`);
    expect((await expertClient.get('/en/prizes/2043')).body).toContain('<a href="/en/prizes/review">Expert scoring</a>');
    expect((await stranger.get('/en/prizes/2043')).body).not.toContain('Expert scoring');
  });

  it('lets managers set the weighted criteria through the form, and refuses bad rows', async () => {
    const bad = await managerClient.post(`/en/prizes/${YEAR}/selection/criteria`, { 'criteria.0.id': 'Bad Id!', 'criteria.0.label': 'Impact', 'criteria.0.weight': '2' });
    expect(bad.statusCode).toBe(303);
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The criteria were not saved');
    const ok = await managerClient.post(`/en/prizes/${YEAR}/selection/criteria`, {
      'criteria.0.id': 'impact',
      'criteria.0.label': 'Impact',
      'criteria.0.weight': '2',
      'criteria.1.id': 'innovation',
      'criteria.1.label': 'Innovation',
      'criteria.1.weight': '1',
    });
    expect(ok.statusCode).toBe(303);
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The criteria are saved.');
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection`)).body).toContain('value="innovation"');
    // A label given on the French page is stored in French, the English kept.
    await managerClient.post(`/fr/prizes/${YEAR}/selection/criteria`, {
      'criteria.0.id': 'impact',
      'criteria.0.label': 'Incidence',
      'criteria.0.weight': '2',
      'criteria.1.id': 'innovation',
      'criteria.1.label': 'Innovation',
      'criteria.1.weight': '1',
    });
    const fr = await managerClient.get(`/fr/prizes/${YEAR}/selection`);
    expect(fr.body).toContain('value="Incidence"');
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection`)).body).toContain('value="Impact"');
  });

  it('assigns experts by e-mail address: the account must exist and hold the expert role', async () => {
    const plain = await buildUser(kit.database.db);
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: 'nobody@example.org', category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('No account has this e-mail address.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: plain.email, category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This account does not have the expert role; an administrator must grant it first.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: 'not an address', category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('Enter a valid e-mail address and choose a category.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: expertUser.email.toUpperCase(), category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain(`${expertUser.email} is now an expert of category 1.`);
    const page = (await managerClient.get(`/en/prizes/${YEAR}/selection`)).body;
    expect(page).toMatch(new RegExp(`<td>1</td><td><bdi>[^<]+</bdi></td><td><bdi dir="ltr">${expertUser.email}</bdi></td>`));
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: expertUser.email, category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This expert is already assigned to this category.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: expertUser.email, category: '77' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This edition has no such category.');
    const [audit] = await kit.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'prizes.selection.assign'), eq(auditLog.subjectId, String(expertUser.id))));
    expect(audit).toBeDefined();
  });

  it('shows experts the shortlist of their categories and stores the weighted total of their marks', async () => {
    const page = await expertClient.get(`/en/prizes/${YEAR}/review`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Expert scoring, WSIS Prizes ${YEAR}</h1>`);
    expect(page.body).toContain('Rural broadband cooperative');
    expect(page.body).not.toContain('Village data hubs');
    expect(page.body).not.toContain('Cyber-safety hotline');
    expect(page.body).toContain('<label for="score-');
    expect(page.body).toContain('Impact (weight 2)');
    const [first, second] = cat1;
    const scored = await expertClient.post(`/en/prizes/${YEAR}/review/${first?.nomination}/score`, {
      'criteria.impact': '8',
      'criteria.innovation': '5',
      comment: 'Strong results in three districts.',
    });
    expect(scored.statusCode).toBe(303);
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('Your score is saved (weighted total 7).');
    const after = (await expertClient.get(`/en/prizes/${YEAR}/review`)).body;
    expect(after).toContain('Your weighted total: 7 out of 10.');
    expect(after).toContain('Strong results in three districts.');
    // Marks out of range or missing are refused and change nothing.
    await expertClient.post(`/en/prizes/${YEAR}/review/${first?.nomination}/score`, { 'criteria.impact': '11', 'criteria.innovation': '5' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('each mark must be a whole number from 0 to 10');
    await expertClient.post(`/en/prizes/${YEAR}/review/${first?.nomination}/score`, { 'criteria.impact': '3' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('Give a mark for every criterion.');
    const [row] = await kit.database.db
      .select()
      .from(scores)
      .where(eq(scores.nominationId, first?.nomination as number));
    expect(row?.total).toBe(7);
    expect(row?.criteria).toEqual({ impact: 8, innovation: 5 });
    // Not their category; not shortlisted; unknown nominee.
    await expertClient.post(`/en/prizes/${YEAR}/review/${cat2Nomination}/score`, { 'criteria.impact': '5', 'criteria.innovation': '5' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain("You are not an expert of this nominee's category.");
    await expertClient.post(`/en/prizes/${YEAR}/review/${cat1[5]?.nomination}/score`, { 'criteria.impact': '5', 'criteria.innovation': '5' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain("This nominee is not on the category's shortlist.");
    expect((await expertClient.post(`/en/prizes/${YEAR}/review/99999999/score`, { 'criteria.impact': '5' })).statusCode).toBe(404);
    expect((await expertClient.post(`/en/prizes/${YEAR}/review/abc/score`, { 'criteria.impact': '5' })).statusCode).toBe(404);
    // A second nominee is scored lower.
    await expertClient.post(`/en/prizes/${YEAR}/review/${second?.nomination}/score`, { 'criteria.impact': '4', 'criteria.innovation': '4' });
  });

  it('after a declared conflict of interest, the expert cannot score that nominee (the earlier score is withdrawn)', async () => {
    const third = cat1[2];
    await expertClient.post(`/en/prizes/${YEAR}/review/${third?.nomination}/score`, { 'criteria.impact': '9', 'criteria.innovation': '9' });
    await expertClient.post(`/en/prizes/${YEAR}/review/${third?.nomination}/conflict`, { note: 'I advised this project in 2023.' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('Your conflict of interest is recorded; you will not score this nominee.');
    const page = (await expertClient.get(`/en/prizes/${YEAR}/review`)).body;
    expect(page).toContain('You have declared a conflict of interest with this nominee: you cannot score it.');
    expect(page).not.toContain(`action="/en/prizes/${YEAR}/review/${third?.nomination}/score"`);
    const forged = await expertClient.post(`/en/prizes/${YEAR}/review/${third?.nomination}/score`, { 'criteria.impact': '10', 'criteria.innovation': '10' });
    expect(forged.statusCode).toBe(303);
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('You have declared a conflict of interest with this nominee: you cannot score it.');
    expect(
      await kit.database.db
        .select()
        .from(scores)
        .where(eq(scores.nominationId, third?.nomination as number)),
    ).toEqual([]);
  });

  it('freezes the criteria once experts have scored', async () => {
    const page = await managerClient.get(`/en/prizes/${YEAR}/selection`);
    expect(page.body).toContain('Experts have started scoring: the criteria can no longer change.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/criteria`, { 'criteria.0.id': 'impact', 'criteria.0.label': 'Impact', 'criteria.0.weight': '9' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('Experts have started scoring');
  });

  it('ranks the shortlist by average weighted score for managers, who confirm one winner; the others become champions', async () => {
    const page = await managerClient.get(`/en/prizes/${YEAR}/selection`);
    // Nominee, valid votes, average, scores, conflicts.
    expect(page.body).toMatch(
      /Rural broadband cooperative<\/bdi><\/a><\/th><td class="numeric">2<\/td><td class="numeric">7<\/td><td class="numeric">1<\/td><td class="numeric">0<\/td>/,
    );
    expect(page.body).toMatch(/Open court records<\/bdi><\/a><\/th><td class="numeric">1<\/td><td class="numeric">—<\/td><td class="numeric">0<\/td><td class="numeric">1<\/td>/);
    const [first, second] = cat1;
    const refused = await managerClient.post(`/en/prizes/${YEAR}/selection/categories/1/winner`, { nominationId: String(cat1[5]?.nomination) });
    expect(refused.statusCode).toBe(303);
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain("This nominee is not on the category's shortlist.");
    await managerClient.post(`/en/prizes/${YEAR}/selection/categories/1/winner`, { nominationId: String(second?.nomination) });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The winner of category 1 is confirmed, with 4 champions.');
    // Changing one's mind replaces the category's results: still one winner.
    await managerClient.post(`/en/prizes/${YEAR}/selection/categories/1/winner`, { nominationId: String(first?.nomination) });
    const rows = await kit.database.db.select().from(results).where(eq(results.categoryNumber, 1));
    expect(rows.filter((r) => r.rank === 'winner').map((r) => Number(r.nominationId))).toEqual([first?.nomination]);
    expect(rows.filter((r) => r.rank === 'champion')).toHaveLength(4);
    expect(rows.some((r) => Number(r.nominationId) === cat1[5]?.nomination)).toBe(false);
    await managerClient.post(`/en/prizes/${YEAR}/selection/categories/2/winner`, { nominationId: String(cat2Nomination) });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The winner of category 2 is confirmed, with no champions.');
    // Audited; the submitter is told in French.
    expect(await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.result.confirm'))).toHaveLength(3);
    const mails = await kit.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, ownerEmail));
    expect(mails.map((m) => m.subject)).toContain(`Prix du SMSI ${YEAR}\u00a0: votre projet est lauréat`);
    expect(mails.map((m) => m.subject)).toContain(`Prix du SMSI ${YEAR}\u00a0: votre projet est champion`);
  });

  it('keeps the results private until the announcement, then publishes them on the results API and the entries', async () => {
    const before = (await kit.app.inject({ method: 'GET', url: `/api/v1/prizes/editions/${YEAR}/results` })).json();
    expect(before.announced).toBe(false);
    expect(before.categories[0].winner).toBeNull();
    expect((await kit.client().get(`/en/prizes/${YEAR}/results`)).body).not.toContain('<strong>Winner</strong>');
    expect((await kit.app.inject({ method: 'GET', url: `/api/v1/entries/${cat1[0]?.entry}` })).json().badges).toEqual([]);
    expect((await kit.client().get(`/en/stocktaking/${cat1[0]?.entry}`)).body).not.toContain(`WSIS Prizes winner ${YEAR}`);
    await updateEdition(kit.database.db, { actor: manager, year: YEAR, patch: { phases: phases(4) }, confirmVoteChanges: true });
    const after = (await kit.app.inject({ method: 'GET', url: `/api/v1/prizes/editions/${YEAR}/results` })).json();
    expect(after.announced).toBe(true);
    expect(after.countsPublic).toBe(true);
    const category1 = after.categories.find((c: { category: number }) => c.category === 1);
    expect(category1.winner).toBe(cat1[0]?.nomination);
    expect(category1.champions).toHaveLength(4);
    expect(category1.nominees[0]).toHaveProperty('validVotes');
    // The public results page says who won.
    const resultsPage = (await kit.client().get(`/en/prizes/${YEAR}/results`)).body;
    expect(resultsPage).toMatch(/Rural broadband cooperative<\/bdi><\/a><\/th><td class="numeric">2<\/td><td class="numeric">2<\/td><td><strong>Winner<\/strong><\/td>/);
    expect(resultsPage).toMatch(/Digital literacy buses<\/bdi><\/a><\/th><td class="numeric">2<\/td><td class="numeric">2<\/td><td><strong>Champion<\/strong><\/td>/);
    // Badges on the stocktaking entry page and in the search results.
    expect((await kit.client().get(`/en/stocktaking/${cat1[0]?.entry}`)).body).toContain(`WSIS Prizes winner ${YEAR}`);
    expect((await kit.client().get(`/en/stocktaking/${cat1[1]?.entry}`)).body).toContain(`WSIS Prizes champion ${YEAR}`);
    expect((await kit.client().get('/en/stocktaking?q=Rural+broadband')).body).toContain(`WSIS Prizes winner ${YEAR}`);
    const entryApi = (await kit.app.inject({ method: 'GET', url: `/api/v1/entries/${cat1[0]?.entry}` })).json();
    expect(entryApi.badges).toEqual([{ kind: 'winner', year: YEAR, category: 1 }]);
    const listApi = (await kit.app.inject({ method: 'GET', url: '/api/v1/entries?q=Digital+literacy' })).json();
    expect(listApi.items.find((i: { id: number }) => i.id === cat1[1]?.entry)?.badges).toEqual([{ kind: 'champion', year: YEAR, category: 1 }]);
    // Scoring and confirming are over.
    await expertClient.post(`/en/prizes/${YEAR}/review/${cat1[3]?.nomination}/score`, { 'criteria.impact': '5', 'criteria.innovation': '5' });
    expect(await flashOf(expertClient, `/en/prizes/${YEAR}/review`)).toContain('This can only be done during the expert selection, before the announcement.');
    expect((await expertClient.get(`/en/prizes/${YEAR}/review`)).body).toContain('Scoring is open during the selection phase only.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/categories/1/winner`, { nominationId: String(cat1[1]?.nomination) });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This can only be done during the expert selection, before the announcement.');
  });

  it('answers odd input with a 4xx or a page, never a server error', async () => {
    const gets = [
      `/en/prizes/abcd/selection`,
      `/en/prizes/99999/review`,
      `/en/prizes/1999/stories`,
      `/en/prizes/${YEAR}/stories.docx?x=%00`,
      `/en/prizes/${YEAR}/stories.pdf/extra`,
      `/en/prizes/${YEAR}/selection?x[]=1`,
    ];
    for (const url of gets) for (const c of [managerClient, expertClient, kit.client()]) expect((await c.get(url)).statusCode, url).toBeLessThan(500);
    const posts: [string, Record<string, string | string[]>][] = [
      [`/en/prizes/${YEAR}/selection/categories/abc/winner`, { nominationId: '1' }],
      [`/en/prizes/${YEAR}/selection/categories/1/winner`, { nominationId: ['1', '2'] }],
      [`/en/prizes/${YEAR}/selection/categories/99999999999999999999/winner`, { nominationId: 'x' }],
      [`/en/prizes/${YEAR}/selection/experts`, { email: ['a@example.org', 'b@example.org'], category: '1' }],
      [`/en/prizes/${YEAR}/selection/experts`, { email: 'a@example.org', category: '-1' }],
      [`/en/prizes/${YEAR}/selection/criteria`, { 'criteria.0.id': ['a', 'b'], 'criteria.0.weight': '1e9' }],
      [`/en/prizes/${YEAR}/review/0/score`, { 'criteria.impact': '5' }],
      [`/en/prizes/${YEAR}/review/${cat1[3]?.nomination}/score`, { 'criteria.impact': ['5', '6'], 'criteria.__proto__': '1', comment: 'x'.repeat(6000) }],
      [`/en/prizes/${YEAR}/review/${cat1[3]?.nomination}/conflict`, { note: ['a', 'b'] }],
    ];
    for (const [url, form] of posts) for (const c of [managerClient, expertClient]) expect((await c.post(url, form)).statusCode, url).toBeLessThan(500);
  });
});

describe('removing an expert', () => {
  it('asks for confirmation, deletes their scores where no winner is confirmed, keeps them where one is, and is audited', async () => {
    const { db } = kit.database;
    await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true });
    const second = await buildUser(db, { roles: ['expert'], name: 'Amina Expert' });
    for (const category of ['1', '2']) await managerClient.post(`/en/prizes/${YEAR}/selection/experts`, { email: second.email, category });
    // Category 2's winner is not confirmed (any more); category 1's is.
    await db.delete(results).where(eq(results.categoryNumber, 2));
    await db.insert(scores).values([
      { nominationId: cat2Nomination, expertId: second.id, criteria: { impact: 6, innovation: 6 }, total: 6 },
      { nominationId: cat1[0]?.nomination as number, expertId: second.id, criteria: { impact: 9, innovation: 9 }, total: 9 },
    ]);
    const page = (await managerClient.get(`/en/prizes/${YEAR}/selection`)).body;
    expect(page).toContain(`href="/en/prizes/${YEAR}/selection/experts/remove?user=${second.id}&amp;category=2">Remove Amina Expert from category 2</a>`);
    const confirm2 = await managerClient.get(`/en/prizes/${YEAR}/selection/experts/remove?user=${second.id}&category=2`);
    expect(confirm2.statusCode).toBe(200);
    expect(confirm2.body).toContain("The winner of this category is not confirmed yet: the expert's 1 score of its nominees will be deleted");
    const forged = await managerClient.post(`/en/prizes/${YEAR}/selection/experts/remove`, { user: String(second.id), category: '2' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts/remove`, { user: String(second.id), category: '2' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The expert has been removed from category 2; 1 score deleted.');
    expect(
      await db
        .select()
        .from(scores)
        .where(and(eq(scores.expertId, second.id), eq(scores.nominationId, cat2Nomination))),
    ).toEqual([]);
    const confirm1 = await managerClient.get(`/en/prizes/${YEAR}/selection/experts/remove?user=${second.id}&category=1`);
    expect(confirm1.body).toContain("The winner of this category is confirmed: the expert's 1 score is kept as the record of the decision.");
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts/remove`, { user: String(second.id), category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain(
      'The expert has been removed from category 1; its winner being confirmed, their 1 score is kept.',
    );
    expect(await db.select().from(scores).where(eq(scores.expertId, second.id))).toHaveLength(1);
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection`)).body).not.toContain('Remove Amina Expert');
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'prizes.selection.remove'), eq(auditLog.subjectId, String(second.id))))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.after)).toEqual([
      { removed: true, scoresRemoved: 1, scoresKept: 0 },
      { removed: true, scoresRemoved: 0, scoresKept: 1 },
    ]);
    // Removing again, or someone who is not assigned: a clear message, nothing changes.
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts/remove`, { user: String(second.id), category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This expert is not assigned to this category.');
    await managerClient.post(`/en/prizes/${YEAR}/selection/experts/remove`, { user: 'abc', category: '1' });
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('This expert is not assigned to this category.');
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection/experts/remove?user=${second.id}&category=1`)).statusCode).toBe(404);
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection/experts/remove?user=abc`)).statusCode).toBe(404);
  });

  it('is for prize managers only, and closed once the winners are announced', async () => {
    const { db } = kit.database;
    const url = `/en/prizes/${YEAR}/selection/experts/remove`;
    const form = { user: String(expertUser.id), category: '1' };
    expect((await kit.client().get(`${url}?user=${expertUser.id}&category=1`)).statusCode).toBe(303);
    expect((await expertClient.get(`${url}?user=${expertUser.id}&category=1`)).statusCode).toBe(404);
    expect((await expertClient.post(url, form)).statusCode).toBe(404);
    await updateEdition(db, { actor: manager, year: YEAR, patch: { phases: phases(4) }, confirmVoteChanges: true });
    expect((await managerClient.get(`/en/prizes/${YEAR}/selection`)).body).not.toContain(`${url}?user=`);
    await managerClient.post(url, form);
    expect(await flashOf(managerClient, `/en/prizes/${YEAR}/selection`)).toContain('The winners have been announced: experts can no longer be removed.');
    const [still] = await db
      .select()
      .from(experts)
      .where(and(eq(experts.userId, expertUser.id), eq(experts.categoryNumber, 1)));
    expect(still).toBeDefined();
  });
});
