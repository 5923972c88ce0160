import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';
import { withdrawNomination } from '../commands/withdraw-nomination.js';
import { nominations } from '../tables.js';
import { DAY, phases } from '../test-helpers.js';
import { createApiToken } from '../../accounts/commands/create-api-token.js';
import { memberships, organizations } from '../../accounts/tables.js';

let kit: TestKit;
let contributor: TestClient;
let goodEntry: number;
let shortEntry: number;

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const managerUser = await buildUser(db, { roles: ['prize-manager'] });
  const manager = { ...managerUser, roles: ['prize-manager'], status: 'active', emailVerified: true } as unknown as Actor;
  await createEdition(db, { actor: manager, input: { year: 2042, phases: phases(0) } });
  await updateEdition(db, {
    actor: manager,
    year: 2042,
    patch: {
      summaryMinWords: 10,
      questions: [{ id: 'impact', label: { en: 'What changed for the people you serve?', fr: 'Qu’est-ce qui a changé ?' }, required: true, maxWords: 20 }],
    },
  });
  const user = await buildUser(db);
  goodEntry = (
    await insertPublishedEntry(db, { submitterId: user.id, title: { en: 'Solar-powered telecentres' }, summary: { en: Array.from({ length: 30 }, () => 'word').join(' ') } })
  ).id;
  shortEntry = (await insertPublishedEntry(db, { submitterId: user.id, title: { en: 'Tiny summary project' }, summary: { en: 'Too short.' } })).id;
  contributor = await kit.as(user);
});
afterAll(async () => kit.close());

describe('nominating a project through the form', () => {
  it('offers the contributor’s published entries, the categories and the edition’s questions', async () => {
    const page = await contributor.get('/en/prizes/2042/nominate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${goodEntry}">Solar-powered telecentres</option>`);
    expect(page.body).toMatch(/<option value="1">1\. C1 — /);
    expect(page.body).toContain('What changed for the people you serve?');
    expect((await kit.client().get('/en/prizes/2042/nominate')).statusCode).toBe(303);
  });

  it('names the broken rule beside its field and keeps the answers', async () => {
    await contributor.get('/en/prizes/2042/nominate');
    const short = await contributor.post('/en/prizes/2042/nominate', { entryId: String(shortEntry), category: '2', 'answer-impact': 'Villages got power.' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain("The entry's summary must have at least 10 words (it has 2). Edit the entry first.");
    expect(short.body).toContain('Villages got power.');
    const noAnswer = await contributor.post('/en/prizes/2042/nominate', { entryId: String(goodEntry), category: '2' });
    expect(noAnswer.body).toMatch(/id="field-answer-impact-error">\s*Answer the question/);
    const empty = await contributor.post('/en/prizes/2042/nominate', { category: 'abc' });
    expect(empty.statusCode).toBe(422);
  });

  it('submits a nomination and lists it with its state', async () => {
    await contributor.get('/en/prizes/2042/nominate');
    const res = await contributor.post('/en/prizes/2042/nominate', { entryId: String(goodEntry), category: '2', 'answer-impact': 'Villages got power.' });
    expect(res.statusCode).toBe(303);
    const page = await contributor.get('/en/prizes/2042/nominate');
    expect(page.body).toContain('Your nomination has been submitted.');
    expect(page.body).toContain("Awaiting the prize managers' decision");
    const again = await contributor.post('/en/prizes/2042/nominate', { entryId: String(goodEntry), category: '2', 'answer-impact': 'Again.' });
    expect(again.body).toContain('This entry is already nominated in this category.');
  });
});

describe('withdrawing a nomination', () => {
  const nominationOf = async (entryId: number, category: number) =>
    (
      await kit.database.db
        .select()
        .from(nominations)
        .where(and(eq(nominations.entryId, entryId), eq(nominations.categoryNumber, category)))
    )[0];

  it('asks for confirmation, withdraws, records it, and lets the project be nominated again', async () => {
    const nomination = await nominationOf(goodEntry, 2);
    if (!nomination) throw new Error('no nomination');
    const list = await contributor.get('/en/prizes/2042/nominate');
    expect(list.body).toContain('Withdraw “Solar-powered telecentres” (category 2)');
    const confirm = await contributor.get(`/en/prizes/2042/nominations/${nomination.id}/withdraw`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Do you want to withdraw your nomination in category 2 of the WSIS Prizes 2042?');
    expect(confirm.body).toContain('Solar-powered telecentres');
    const forged = await contributor.post(`/en/prizes/2042/nominations/${nomination.id}/withdraw`, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await nominationOf(goodEntry, 2))?.state).toBe('submitted');
    const done = await contributor.post(`/en/prizes/2042/nominations/${nomination.id}/withdraw`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/en/prizes/2042/nominate');
    const after = await contributor.get('/en/prizes/2042/nominate');
    expect(after.body).toContain('Your nomination has been withdrawn.');
    expect(after.body).toContain('Withdrawn');
    expect(after.body).not.toContain('Withdraw “Solar-powered telecentres”');
    expect(list.body).toContain('<th scope="col">Actions</th>');
    expect(after.body).not.toContain('<th scope="col">Actions</th>');
    const audit = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.nomination.withdraw'));
    expect(audit.map((a) => a.subjectId)).toContain(String(nomination.id));
    await contributor.post(`/en/prizes/2042/nominations/${nomination.id}/withdraw`);
    expect((await contributor.get('/en/prizes/2042/nominate')).body).toContain('This nomination has already been withdrawn.');
    const again = await contributor.post('/en/prizes/2042/nominate', { entryId: String(goodEntry), category: '2', 'answer-impact': 'Villages got power.' });
    expect(again.statusCode).toBe(303);
    expect((await nominationOf(goodEntry, 2))?.state).toBe('submitted');
  });

  it('is refused for someone else’s nomination, and to visitors who are not signed in', async () => {
    const nomination = await nominationOf(goodEntry, 2);
    const stranger = await kit.as(await buildUser(kit.database.db));
    expect((await stranger.get(`/en/prizes/2042/nominations/${nomination?.id}/withdraw`)).statusCode).toBe(404);
    expect((await stranger.post(`/en/prizes/2042/nominations/${nomination?.id}/withdraw`)).statusCode).toBe(404);
    expect((await stranger.get('/en/prizes/2042/nominations/abc/withdraw')).statusCode).toBe(404);
    expect((await kit.client().get(`/en/prizes/2042/nominations/${nomination?.id}/withdraw`)).statusCode).toBe(303);
    expect((await nominationOf(goodEntry, 2))?.state).toBe('submitted');
  });

  it('frees the organization’s place in the category', async () => {
    const { db } = kit.database;
    const member = await buildUser(db);
    const [org] = await db.insert(organizations).values({ name: 'Digital Bridge', stakeholderType: 'civil-society', country: 'KE' }).returning();
    if (!org) throw new Error('no organization');
    await db.insert(memberships).values({ organizationId: org.id, userId: member.id, role: 'manager' });
    const summary = { en: Array.from({ length: 30 }, () => 'school').join(' ') };
    const first = await insertPublishedEntry(db, { submitterId: member.id, organizationId: org.id, title: { en: 'Schools online' }, summary });
    const second = await insertPublishedEntry(db, { submitterId: member.id, organizationId: org.id, title: { en: 'Libraries online' }, summary });
    const client = await kit.as(member);
    await client.get('/en/prizes/2042/nominate');
    expect((await client.post('/en/prizes/2042/nominate', { entryId: String(first.id), category: '4', 'answer-impact': 'Pupils learn.' })).statusCode).toBe(303);
    const refused = await client.post('/en/prizes/2042/nominate', { entryId: String(second.id), category: '4', 'answer-impact': 'Readers read.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('An organization may nominate only 1 project in each category.');
    const nomination = await nominationOf(first.id, 4);
    await client.post(`/en/prizes/2042/nominations/${nomination?.id}/withdraw`);
    const accepted = await client.post('/en/prizes/2042/nominate', { entryId: String(second.id), category: '4', 'answer-impact': 'Readers read.' });
    expect(accepted.statusCode).toBe(303);
  });

  it('is refused once the prize managers have decided, and once voting has opened', async () => {
    const { db } = kit.database;
    const nomination = await nominationOf(goodEntry, 2);
    if (!nomination) throw new Error('no nomination');
    const owner = { id: nomination.submitterId, roles: [], status: 'active', emailVerified: true } as unknown as Actor;
    const later = new Date(Date.now() + 20 * DAY);
    expect(await withdrawNomination(db, { actor: owner, id: nomination.id, now: later })).toEqual({ ok: false, error: 'voting_started' });
    await db.update(nominations).set({ state: 'accepted' }).where(eq(nominations.id, nomination.id));
    const page = await contributor.get('/en/prizes/2042/nominate');
    expect(page.body).not.toContain('Withdraw “Solar-powered telecentres”');
    const confirm = await contributor.get(`/en/prizes/2042/nominations/${nomination.id}/withdraw`);
    expect(confirm.statusCode).toBe(303);
    expect((await contributor.get('/en/prizes/2042/nominate')).body).toContain('The prize managers have already decided on this nomination');
    await contributor.post(`/en/prizes/2042/nominations/${nomination.id}/withdraw`);
    expect((await nominationOf(goodEntry, 2))?.state).toBe('accepted');
    await db.update(nominations).set({ state: 'submitted' }).where(eq(nominations.id, nomination.id));
  });

  it('through the API: the submitter withdraws (200), others get 404, bad ids 400, decided nominations 409', async () => {
    const { db } = kit.database;
    const nomination = await nominationOf(goodEntry, 2);
    if (!nomination?.submitterId) throw new Error('no nomination');
    const token = async (userId: number) => (await createApiToken(db, { userId, label: 'test', actor: null })).token;
    const call = async (id: string | number, userId?: number) =>
      kit.app.inject({ method: 'POST', url: `/api/v1/prizes/nominations/${id}/withdraw`, headers: userId ? { authorization: `Bearer ${await token(userId)}` } : {} });
    const other = await buildUser(db);
    expect((await call(nomination.id)).statusCode).toBe(401);
    const foreign = await call(nomination.id, other.id);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await call('abc', other.id)).statusCode).toBe(400);
    const ok = await call(nomination.id, nomination.submitterId);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: nomination.id, state: 'withdrawn' });
    const again = await call(nomination.id, nomination.submitterId);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('This nomination has already been withdrawn.');
    const openapi = (await kit.client().get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(openapi.paths).toHaveProperty(['/api/v1/prizes/nominations/{id}/withdraw']);
  });
});
