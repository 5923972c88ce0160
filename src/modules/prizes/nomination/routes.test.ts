import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { createEdition } from '../commands/create-edition.js';
import { updateEdition } from '../commands/update-edition.js';

const DAY = 86_400_000;
let kit: TestKit;
let contributor: TestClient;
let goodEntry: number;
let shortEntry: number;

const phases = (current: number) =>
  Object.fromEntries(
    ['submission', 'validation', 'voting', 'selection', 'announcement'].map((p, i) => [
      p,
      { start: new Date(Date.now() + ((i - current) * 10 - 5) * DAY).toISOString(), end: new Date(Date.now() + ((i - current) * 10 + 5) * DAY).toISOString() },
    ]),
  ) as Parameters<typeof createEdition>[1]['input']['phases'];

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
