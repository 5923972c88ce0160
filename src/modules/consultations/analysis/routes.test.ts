/**
 * The analysts' pages over HTTP: only analysts reach them; search in Arabic and French, campaigns,
 * the codebook, coding one text and coding from a search; bad input gets a localized 4xx and the
 * typed values back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { indexAnswerTexts } from './index-texts.js';
import { findThemes } from './queries.js';
import { insertAnswer, insertConsultation } from './test-helpers.js';

let kit: TestKit;
let analyst: TestClient;
let consultationId: number;
let first: number;
const base = () => `/fr/admin/consultations/${consultationId}/analysis`;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  ({ id: consultationId } = await insertConsultation(db));
  const template = 'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre.';
  const texts: [Parameters<typeof insertAnswer>[1]['language'], string][] = [
    ['fr', template],
    ['fr', `${template} Merci de votre attention.`],
    ['ar', 'نطالب بتحسين الخدمات الصحية للفتيات في المناطق الريفية.'],
  ];
  for (const [language, text] of texts) {
    const { id } = await insertAnswer(db, { consultationId, language, values: { q1: { text } } });
    first ??= id;
    await db.transaction((tx) => indexAnswerTexts(tx, id));
  }
  const user = await buildUser(db, { roles: ['consultation-manager'] });
  analyst = await kit.as(user);
}, 180_000);
afterAll(async () => kit?.close());

describe('analysis pages', () => {
  it('are for analysts only', async () => {
    const someone = await kit.as(await buildUser(kit.database.db));
    expect((await someone.get(base())).statusCode).toBe(403);
    expect((await analyst.get(`/fr/admin/consultations/999999/analysis`)).statusCode).toBe(404);
  });

  it('search finds Arabic by another form of a word and shows it in its language', async () => {
    const res = await analyst.get(`${base()}?q=${encodeURIComponent('الفتيات')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('lang="ar"');
    expect(res.body).toContain('1 texte trouvé');
    expect(res.body).toContain('للفتيات');
  });

  it('lists the campaign with its size and representative text, and its texts', async () => {
    const res = await analyst.get(`${base()}/campaigns`);
    expect(res.statusCode).toBe(200);
    const link = /href="(\/fr\/admin\/consultations\/\d+\/analysis\/campaigns\/(\d+))"/.exec(res.body);
    expect(link).not.toBeNull();
    expect(res.body).toContain('Nous demandons un fonds');
    const page = await analyst.get(link?.[1] as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Merci de votre attention.');
    expect((await analyst.get(`${base()}/campaigns/999999`)).statusCode).toBe(404);
    const regroup = await analyst.post(`${base()}/campaigns/regroup`);
    expect(regroup.statusCode).toBe(303);
  });

  it('codebook: a theme is added; a missing label is refused with the values kept', async () => {
    await analyst.get(`${base()}/themes`);
    const refused = await analyst.post(`${base()}/themes`, { language: 'fr', label: ' ', description: 'Fonds et licences' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Indiquez le libellé du thème.');
    expect(refused.body).toContain('Fonds et licences');
    const created = await analyst.post(`${base()}/themes`, { language: 'fr', label: 'Service universel', description: 'Fonds et licences' });
    expect(created.statusCode).toBe(303);
    const list = await analyst.get(`${base()}/themes`);
    expect(list.body).toContain('Service universel');
  });

  it('codes from a search and one text; counts follow', async () => {
    const [theme] = await findThemes(kit.database.db, consultationId);
    const page = await analyst.get(`${base()}?q=licences`);
    expect(page.body).toContain('2 textes trouvés');
    const refused = await analyst.post(`${base()}/bulk-tag`, { q: 'licences', question: '', theme: '12abc' });
    expect(refused.statusCode).toBe(422);
    const tagged = await analyst.post(`${base()}/bulk-tag`, { q: 'licences', question: '', theme: String(theme?.id) });
    expect(tagged.statusCode).toBe(303);
    expect((await findThemes(kit.database.db, consultationId))[0]).toMatchObject({ answers: 2, texts: 2 });

    const coding = await analyst.get(`${base()}/answers/${first}/q1`);
    expect(coding.statusCode).toBe(200);
    expect(coding.body).toContain('checked');
    const saved = await analyst.post(`${base()}/answers/${first}/q1`, {});
    expect(saved.statusCode).toBe(303);
    expect((await findThemes(kit.database.db, consultationId))[0]).toMatchObject({ answers: 1, texts: 1 });
    expect((await analyst.get(`${base()}/answers/${first}/nope`)).statusCode).toBe(404);
    expect((await analyst.get(`${base()}/answers/0x10/q1`)).statusCode).toBe(404);
  });
});
