import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { insertAnswer, insertConsultation } from './exports/test-helpers.js';

/** The links between the parts of a consultation, each shown only to whom it opens. */
let kit: TestKit;
let manager: TestClient;
let respondent: TestClient;
let draft: number;
let open: number;
let published: number;

const hrefs = (body: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
/** Follows each link of a page to a consultation's pages and returns the statuses (none may fail). */
const follow = async (client: TestClient, body: string, id: number) => {
  const links = [...new Set(hrefs(body).filter((h) => new RegExp(`/consultations/${id}(/|$)`).test(h) && !h.endsWith('.docx') && !h.endsWith('.zip')))];
  return Object.fromEntries(await Promise.all(links.map(async (h) => [h, (await client.get(h)).statusCode] as const)));
};

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  manager = await kit.as(await buildUser(db, { roles: ['consultation-manager'] }));
  respondent = await kit.as(await buildUser(db, {}));
  draft = (await insertConsultation(db, { status: 'draft' })).id;
  open = (await insertConsultation(db, { answersMayBePublished: true })).id;
  published = (await insertConsultation(db, { status: 'published', answersMayBePublished: true, closesAt: new Date(Date.now() - 86_400_000) })).id;
  await insertAnswer(db, { consultationId: published, values: { q1: { text: 'Fibre to every school' } }, publish: true });
  await insertAnswer(db, { consultationId: open, values: { q1: { text: 'Not for the public' } }, publish: false });
}, 180_000);
afterAll(async () => kit.close());

describe('the public page of a consultation', () => {
  it('links a published consultation to its results, synthesis, published answers and letter, for everyone; every link opens', async () => {
    const page = await kit.client().get(`/en/consultations/${published}`);
    expect(page.statusCode).toBe(200);
    for (const path of ['results', 'synthesis', 'answers', 'letter']) expect(page.body).toContain(`href="/en/consultations/${published}/${path}"`);
    expect(page.body).not.toContain(`/admin/consultations/${published}`);
    expect(Object.entries(await follow(kit.client(), page.body, published)).filter(([, s]) => s !== 200)).toEqual([]);
  });

  it('shows an open consultation without results, synthesis or answers to the public (none published), with its letter', async () => {
    for (const client of [kit.client(), respondent]) {
      const page = await client.get(`/fr/consultations/${open}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="/fr/consultations/${open}/letter"`);
      expect(page.body).toContain('Lettre circulaire');
      for (const path of ['results', 'synthesis', 'answers']) expect(page.body).not.toContain(`href="/fr/consultations/${open}/${path}"`);
      expect(page.body).not.toContain(`/admin/consultations/${open}`);
    }
  });

  it('gives the manager the results and synthesis before publication, and the way to manage', async () => {
    const page = await manager.get(`/ar/consultations/${open}`);
    // The outline's details are joined with the Arabic comma.
    expect(page.body).toContain('، إلزامي');
    expect(page.body).toContain(`href="/ar/consultations/${open}/results"`);
    expect(page.body).toContain(`href="/ar/consultations/${open}/synthesis"`);
    expect(page.body).toContain(`href="/ar/admin/consultations/${open}"`);
    expect(page.body).not.toContain(`href="/ar/consultations/${open}/answers"`);
    expect(Object.entries(await follow(manager, page.body, open)).filter(([, s]) => s !== 200)).toEqual([]);
  });
});

describe("the secretariat's pages", () => {
  it('the list links each consultation to its questionnaire, exports, analysis and synthesis; the admin nav has the entry', async () => {
    const list = await manager.get('/en/admin/consultations');
    expect(list.statusCode).toBe(200);
    for (const id of [draft, open, published])
      for (const path of ['questionnaire', 'exports', 'analysis', 'synthesis']) expect(list.body).toContain(`href="/en/admin/consultations/${id}/${path}"`);
    expect(list.body).toContain('href="/en/admin/consultations"');
  });

  it("a consultation's page links to every part, and each link opens for the manager; a draft has no public page nor results", async () => {
    const page = await manager.get(`/en/admin/consultations/${published}`);
    expect(page.statusCode).toBe(200);
    for (const path of ['questionnaire', 'exports', 'analysis', 'synthesis']) expect(page.body).toContain(`href="/en/admin/consultations/${published}/${path}"`);
    expect(page.body).toContain(`href="/en/consultations/${published}/results"`);
    expect(page.body).toContain(`href="/en/consultations/${published}"`);
    const statuses = await follow(manager, page.body, published);
    expect(Object.entries(statuses).filter(([, s]) => s !== 200)).toEqual([]);
    const draftPage = await manager.get(`/en/admin/consultations/${draft}`);
    expect(draftPage.body).not.toContain(`href="/en/consultations/${draft}"`);
    expect(draftPage.body).not.toContain(`href="/en/consultations/${draft}/results"`);
  });

  it('is closed to a respondent, who sees no link to it', async () => {
    expect((await respondent.get(`/en/admin/consultations/${open}`)).statusCode).toBe(403);
    expect((await respondent.get('/en/consultations')).body).not.toContain('href="/en/admin/consultations"');
  });
});
