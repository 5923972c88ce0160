import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/tables.js';
import { createTestKit, type TestClient, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { getMatrixLink } from './queries.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

const PAGES = ['/action-lines', '/action-lines/C7', '/action-lines/C7.e-health', '/sdgs', '/sdgs/4', '/matrix', '/matrix/C7.e-health/3'];
const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('public reference pages', () => {
  it.each(PAGES)('%s answers in English with one h1', async (path) => {
    const res = await kit.app.inject({ url: `/en${path}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(count(res.body, /<h1[ >]/g)).toBe(1);
  });

  it.each(PAGES)('%s answers in Arabic, right to left', async (path) => {
    const res = await kit.app.inject({ url: `/ar${path}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('lists C1–C11 with the C7 sub-lines nested, facilitators and ITU role', async () => {
    const { body } = await kit.app.inject({ url: '/en/action-lines' });
    for (let i = 1; i <= 11; i++) expect(body).toContain(`href="/en/action-lines/C${i}"`);
    expect(body).toMatch(/<ul class="sub-lines"[^>]*>[\s\S]*href="\/en\/action-lines\/C7\.e-health"/);
    expect(body).toContain('UNESCO');
    expect(body).toContain('sole facilitator');
  });

  it('shows titles in the reader language and notes unofficial translations', async () => {
    const { body } = await kit.app.inject({ url: '/fr/action-lines/C7.e-health' });
    expect(body).toContain('Cybersanté');
    const ru = await kit.app.inject({ url: '/ru/action-lines/C1' });
    expect(ru.body).toContain('class="translation-note"');
    const en = await kit.app.inject({ url: '/en/action-lines/C1' });
    expect(en.body).not.toContain('class="translation-note"');
  });

  it('shows the SDGs an action line serves with targets, rationale and a link to the explanation', async () => {
    const { body } = await kit.app.inject({ url: '/en/action-lines/C7.e-health' });
    expect(body).toContain('href="/en/sdgs/3"');
    expect(body).toMatch(/Target 3\.\d/);
    expect(body).toContain('href="/en/matrix/C7.e-health/3"');
  });

  it('shows an SDG with the action lines linked to it', async () => {
    const { body } = await kit.app.inject({ url: '/en/sdgs/3' });
    expect(body).toContain('href="/en/action-lines/C7.e-health"');
    expect(body).toContain('Good health');
  });

  it('renders the matrix as an accessible table: caption, 17 SDG columns, row headers, linked cells', async () => {
    const { body } = await kit.app.inject({ url: '/en/matrix' });
    expect(body).toMatch(/<section class="table-wrap[^"]*" aria-label="[^"]+" tabindex="0">/);
    expect(body).toMatch(/<caption>[^<]+<\/caption>/);
    expect(count(body, /<th scope="col" class="sdg-col"/g)).toBe(17);
    expect(count(body, /<th scope="row">/g)).toBe(19);
    expect(count(body, /<td class="linked">/g)).toBe(124);
    expect(body).toContain('href="/en/matrix/C7.e-health/3"');
    expect(body).toContain('<span class="visually-hidden">Linked: C7.e-health and SDG 3</span>');
    expect(body).toContain('<span class="visually-hidden">Not linked</span>');
  });

  it('explains one link: targets with their text, rationale, confidence and source', async () => {
    const { body } = await kit.app.inject({ url: '/en/matrix/C7.e-health/3' });
    expect(body).toMatch(/Target 3\.8<\/strong> Achieve universal health coverage/);
    expect(body).toContain('Rationale');
    expect(body).toMatch(/Medium/);
    expect(body).toContain('github.com/uwidcit/WSIS-SDG-Matrix');
  });

  it('marks English-only text on pages in other languages', async () => {
    const { body } = await kit.app.inject({ url: '/zh/matrix/C7.e-health/3' });
    expect(body).toMatch(/<span lang="en" dir="auto">Achieve universal health coverage/);
  });

  it.each(['/action-lines/C12', '/sdgs/18', '/sdgs/x', '/matrix/C7/3', '/matrix/C1/99', '/matrix/nope/1'])('%s is a 404 page', async (path) => {
    const res = await kit.app.inject({ url: `/en${path}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('offers the three pages in the main navigation', async () => {
    const { body } = await kit.app.inject({ url: '/en/sdgs' });
    expect(body).toMatch(/<nav class="main-nav"[\s\S]*href="\/en\/matrix" *>WSIS–SDG Matrix/);
    expect(body).toMatch(/href="\/en\/sdgs" aria-current="page"/);
  });
});

describe('reference API', () => {
  it('lists the action lines with titles in six languages', async () => {
    const res = await kit.app.inject({ url: '/api/v1/action-lines' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(19);
    expect(body.items[0]).toEqual({
      code: 'C1',
      parent: null,
      title: { ar: expect.any(String), en: expect.any(String), es: expect.any(String), fr: expect.any(String), ru: expect.any(String), zh: expect.any(String) },
      short: expect.objectContaining({ en: expect.any(String) }),
      leadFacilitators: ['UNDESA'],
      ituRole: expect.any(String),
    });
    expect(body.items.find((l: { code: string }) => l.code === 'C7.e-health')).toMatchObject({ parent: 'C7', ituRole: null });
  });

  it('lists the SDGs', async () => {
    const body = (await kit.app.inject({ url: '/api/v1/sdgs' })).json();
    expect(body.total).toBe(17);
    expect(body.items[16]).toMatchObject({ number: 17, title: { en: expect.stringContaining('Global Partnership') }, short: { fr: expect.any(String) } });
  });

  it('gives the matrix as one item per action line', async () => {
    const body = (await kit.app.inject({ url: '/api/v1/matrix' })).json();
    expect(body.total).toBe(19);
    const health = body.items.find((i: { actionLine: string }) => i.actionLine === 'C7.e-health');
    expect(health.sdgs).toContain(3);
    expect(health.targets).toContain('3.8');
    expect(body.items.find((i: { actionLine: string }) => i.actionLine === 'C7')).toEqual({ actionLine: 'C7', sdgs: [], targets: [] });
  });

  it('names countries in the language asked for', async () => {
    const fr = (await kit.app.inject({ url: '/api/v1/countries?lang=fr' })).json();
    expect(fr.total).toBe(249);
    expect(fr.items).toContainEqual({ code: 'DE', region: 'EUR', name: 'Allemagne', ituMember: true });
    const ar = (await kit.app.inject({ url: '/api/v1/countries?region=AFR&ituMember=true', headers: { 'accept-language': 'ar' } })).json();
    expect(ar.total).toBe(44);
    expect(ar.items.find((c: { code: string }) => c.code === 'EG')).toBeUndefined(); // Egypt is in the Arab States region
    expect(ar.items.find((c: { code: string }) => c.code === 'SN').name).toBe('السنغال');
    const en = (await kit.app.inject({ url: '/api/v1/countries' })).json();
    expect(en.items.find((c: { code: string }) => c.code === 'DE').name).toBe('Germany');
  });

  it('rejects a bad filter with a problem document, not a 500', async () => {
    const res = await kit.app.inject({ url: '/api/v1/countries?region=MARS' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lists regions, prize categories and Connect 2030 goals', async () => {
    const regions = (await kit.app.inject({ url: '/api/v1/regions' })).json();
    expect(regions.items.map((r: { code: string }) => r.code)).toEqual(['AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR']);
    expect(regions.items[0].name.fr).toBe('Afrique');
    const categories = (await kit.app.inject({ url: '/api/v1/prize-categories' })).json();
    expect(categories.total).toBe(18);
    expect(categories.items[17]).toMatchObject({ number: 18, actionLine: 'C11', title: { en: expect.any(String) } });
    const connect = (await kit.app.inject({ url: '/api/v1/connect2030' })).json();
    expect(connect.total).toBe(5);
    expect(connect.items[0]).toMatchObject({ code: '1', key: 'growth', targets: expect.arrayContaining([expect.objectContaining({ code: '1.1' })]) });
  });

  it('documents the endpoints under the reference tag', async () => {
    const doc = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/action-lines', '/api/v1/sdgs', '/api/v1/matrix', '/api/v1/countries', '/api/v1/regions', '/api/v1/prize-categories', '/api/v1/connect2030']) {
      expect(doc.paths[path]?.get?.tags).toEqual(['reference']);
    }
  });
});

describe('matrix administration', () => {
  let admin: TestClient;
  let member: TestClient;
  beforeAll(async () => {
    admin = await kit.as(await buildUser(kit.database.db, { roles: ['admin'] }));
    member = await kit.as(await buildUser(kit.database.db, { roles: ['moderator'] }));
  });

  it('is forbidden to anyone but an administrator', async () => {
    expect((await member.get('/en/admin/reference/matrix')).statusCode).toBe(403);
    expect((await member.post('/en/admin/reference/matrix/C1/1', { targets: '1.4', rationale: 'x' })).statusCode).toBe(403);
    expect((await member.post('/en/admin/reference/matrix/C1/1/delete')).statusCode).toBe(403);
    // Signed-out visitors are asked to sign in (401, or a redirect to the sign-in page).
    const anonymous = await kit.client().get('/en/admin/reference/matrix');
    expect([401, 303]).toContain(anonymous.statusCode);
    if (anonymous.statusCode === 303) expect(anonymous.headers.location).toMatch(/sign-in/);
    expect((await getMatrixLink(kit.database.db, { actionLine: 'C1', sdg: 1 })).targets).toEqual([]);
  });

  it('lists the links with an edit form each, and is in the admin navigation', async () => {
    const res = await admin.get('/en/admin/reference/matrix');
    expect(res.statusCode).toBe(200);
    expect(count(res.body, /<form method="post" action="\/en\/admin\/reference\/matrix\/[^"/]+\/\d+"/g)).toBe(124);
    expect(res.body).toContain('id="link-C7.e-health-3-targets"');
    const filtered = await admin.get('/en/admin/reference/matrix?actionLine=C4');
    expect(count(filtered.body, /<form method="post" action="\/en\/admin\/reference\/matrix\/C4\/\d+"/g)).toBeGreaterThan(0);
    expect(filtered.body).not.toContain('action="/en/admin/reference/matrix/C1/');
  });

  it('saves new targets and rationale, records the change in the audit log, and shows the new targets', async () => {
    await admin.get('/en/admin/reference/matrix?actionLine=C4');
    const res = await admin.post('/en/admin/reference/matrix/C4/4', { targets: '4.4, 4.3 ,4', rationale: 'Skills for the digital economy.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/admin/reference/matrix?actionLine=C4#link-C4-4');
    const page = await admin.get('/en/admin/reference/matrix?actionLine=C4');
    expect(page.body).toContain('The link C4 – SDG 4 was saved.');
    expect(page.body).toContain('<span class="current-targets">4.3, 4.4</span>');
    const link = await getMatrixLink(kit.database.db, { actionLine: 'C4', sdg: 4 });
    expect(link.targets).toEqual(['4.3', '4.4']);
    expect(link.rationale.en).toBe('Skills for the digital economy.');
    const [row] = await kit.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reference.matrix.edit'), eq(auditLog.subjectId, 'C4/4')));
    expect(row?.before).toMatchObject({ targets: expect.any(Array) });
    expect(row?.after).toEqual({ targets: ['4.3', '4.4'], rationale: { en: 'Skills for the digital economy.' } });
    const publicPage = await kit.app.inject({ url: '/en/matrix/C4/4' });
    expect(publicPage.body).toContain('Skills for the digital economy.');
  });

  it('refuses a target of another goal with 422, the error next to the field and the typed values kept', async () => {
    await admin.get('/en/admin/reference/matrix');
    const res = await admin.post('/en/admin/reference/matrix/C4/4', { targets: '4.4, 9.c', rationale: 'Kept text' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toMatch(
      /<p class="error-message" id="field-targets-error">Not a target of this goal: 9\.c<\/p>\s*<input id="field-targets" name="targets"[^>]* value="4.4, 9.c"/,
    );
    expect(res.body).toContain('>Kept text</textarea>');
    const malformed = await admin.post('/en/admin/reference/matrix/C4/4', { targets: 'four', rationale: '' });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.body).toContain('Not a target of this goal: four');
    expect((await getMatrixLink(kit.database.db, { actionLine: 'C4', sdg: 4 })).targets).toEqual(['4.3', '4.4']);
  });

  it('shows the form errors in French', async () => {
    await admin.get('/fr/admin/reference/matrix');
    const res = await admin.post('/fr/admin/reference/matrix/C4/4', { targets: '1.1' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<html lang="fr" dir="ltr">/);
  });

  it('adds a link, refuses a duplicate, and removes a link for good', async () => {
    await admin.get('/en/admin/reference/matrix');
    const added = await admin.post('/en/admin/reference/matrix', { actionLine: 'C7.e-learning', sdg: '10', targets: '10.2', rationale: 'Inclusion.' });
    expect(added.statusCode).toBe(303);
    expect((await getMatrixLink(kit.database.db, { actionLine: 'C7.e-learning', sdg: 10 })).targets).toEqual(['10.2']);

    await admin.get('/en/admin/reference/matrix');
    const duplicate = await admin.post('/en/admin/reference/matrix', { actionLine: 'C7.e-learning', sdg: '10', targets: '', rationale: '' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('This action line is already linked to this goal.');
    const missing = await admin.post('/en/admin/reference/matrix', { actionLine: '', sdg: '', targets: 'x.y', rationale: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('id="field-actionLine-error"');
    expect(missing.body).toContain('id="field-sdg-error"');

    await admin.get('/en/admin/reference/matrix');
    const removed = await admin.post('/en/admin/reference/matrix/C7.e-learning/10/delete');
    expect(removed.statusCode).toBe(303);
    await expect(getMatrixLink(kit.database.db, { actionLine: 'C7.e-learning', sdg: 10 })).rejects.toMatchObject({ statusCode: 404 });
    expect((await kit.app.inject({ url: '/en/matrix/C7.e-learning/10' })).statusCode).toBe(404);
    const audits = await kit.database.db.select().from(auditLog).where(eq(auditLog.subjectId, 'C7.e-learning/10'));
    expect(audits.map((a) => [a.before === null, a.after === null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('answers 404 for a link that does not exist', async () => {
    await admin.get('/en/admin/reference/matrix');
    expect((await admin.post('/en/admin/reference/matrix/C7/3', { targets: '' })).statusCode).toBe(404);
    expect((await admin.post('/en/admin/reference/matrix/C1/abc/delete')).statusCode).toBe(404);
  });
});
