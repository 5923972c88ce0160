import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { submitNomination } from '../commands/submit-nomination.js';
import { getEditionByYear } from '../queries.js';
import { experts } from '../tables.js';

const DAY = 86_400_000;
let kit: TestKit;
let manager: TestClient;

const utc = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 16);
const phaseForm = (offset = 0) => ({
  'submission.start': utc(offset - 5),
  'submission.end': utc(offset + 5),
  'validation.start': utc(offset + 5),
  'validation.end': utc(offset + 15),
  'voting.start': utc(offset + 15),
  'voting.end': utc(offset + 25),
  'selection.start': utc(offset + 25),
  'selection.end': utc(offset + 35),
  'announcement.start': utc(offset + 35),
  'announcement.end': utc(offset + 45),
});

beforeAll(async () => {
  kit = await createTestKit();
  manager = await kit.as(await buildUser(kit.database.db, { roles: ['prize-manager'] }));
});
afterAll(async () => kit.close());

describe('prize managers’ pages', () => {
  it('creates an edition from UTC date-times, refusing a wrong year or phases out of order', async () => {
    expect((await (await kit.as(await buildUser(kit.database.db))).get('/en/admin/prizes')).statusCode).toBe(403);
    await manager.get('/en/admin/prizes');
    const wrong = await manager.post('/en/admin/prizes', { year: '19', ...phaseForm(), 'voting.start': utc(-30) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Enter a year between 2000 and 2100.');
    expect(wrong.body).toContain('2000');
    const order = await manager.post('/en/admin/prizes', { year: '2044', ...phaseForm(), 'voting.start': utc(-30) });
    expect(order.body).toContain('The phases must follow each other');
    const bad = await manager.post('/en/admin/prizes', { year: '2044', ...phaseForm(), 'selection.end': 'soon' });
    expect(bad.body).toMatch(/id="field-selection-end-error">/);
    const ok = await manager.post('/en/admin/prizes', { year: '2044', ...phaseForm() });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/en/admin/prizes/2044');
    const edition = await getEditionByYear(kit.database.db, 2044);
    expect(edition.votingStart.toISOString().slice(0, 16)).toBe(phaseForm()['voting.start']);
  });

  it('suggests the next edition: the year after the latest, with its calendar moved to that year', async () => {
    const page = (await manager.get('/en/admin/prizes')).body;
    // The latest edition is 2044 (the test above); its voting opened on day +15.
    expect(page).toMatch(/name="year"[^>]*value="2045"/);
    const moved = new Date(`${phaseForm()['voting.start']}:00Z`);
    moved.setUTCFullYear(moved.getUTCFullYear() + 1);
    expect(page).toMatch(new RegExp(`name="voting.start"[^>]*value="${moved.toISOString().slice(0, 16)}"`));
    // A suggestion only: created as sent.
    const ok = await manager.post('/en/admin/prizes', { year: '2045', ...phaseForm(365) });
    expect(ok.statusCode).toBe(303);
  });

  it('saves settings and the rules of one language, audited', async () => {
    const page = await manager.get('/en/admin/prizes/2044?language=fr');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rules and guidelines in French');
    const form = {
      ...phaseForm(),
      summaryMinWords: '120',
      summaryMaxWords: '220',
      categoriesPerProject: '2',
      projectsPerOrganizationPerCategory: '1',
      allowedLanguages: ['en', 'fr', 'ar'],
      accountCreatedBeforeVoting: 'yes',
      excludePastWinners: 'yes',
      rulesLanguage: 'fr',
      rules: 'Les projets doivent **être en cours**.',
    };
    const saved = await manager.post('/en/admin/prizes/2044', form);
    expect(saved.statusCode).toBe(303);
    const edition = await getEditionByYear(kit.database.db, 2044);
    expect(edition).toMatchObject({ summaryMinWords: 120, summaryMaxWords: 220, categoriesPerProject: 2, allowedLanguages: ['en', 'fr', 'ar'], countsPublicDuringVoting: false });
    expect(edition.rules.fr).toBe('Les projets doivent **être en cours**.');
    const fr = await kit.client().get('/fr/prizes/2044');
    expect(fr.body).toContain('<strong>être en cours</strong>');
    const audit = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.edition.manage'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    // A question added in English, then its French label: both kept.
    await manager.post('/en/admin/prizes/2044', {
      ...form,
      rulesLanguage: 'en',
      rules: 'Projects must be running.',
      'question.new.label': 'What changed for the people you serve?',
      'question.new.required': 'yes',
      'question.new.maxWords': '150',
    });
    await manager.post('/en/admin/prizes/2044', {
      ...form,
      'question.0.label': 'Qu’est-ce qui a changé pour les personnes servies ?',
      'question.0.required': 'yes',
      'question.0.maxWords': '150',
    });
    const withQuestion = await getEditionByYear(kit.database.db, 2044);
    expect(withQuestion.questions).toEqual([
      { id: 'q1', label: { en: 'What changed for the people you serve?', fr: 'Qu’est-ce qui a changé pour les personnes servies ?' }, required: true, maxWords: 150 },
    ]);
    await manager.post('/en/admin/prizes/2044', { ...form, 'question.0.remove': 'yes' });
    expect((await getEditionByYear(kit.database.db, 2044)).questions).toEqual([]);
    const limits = await manager.post('/en/admin/prizes/2044', { ...form, summaryMinWords: '500' });
    expect(limits.statusCode).toBe(422);
    expect(limits.body).toContain('The minimum number of words must not exceed the maximum.');
  });

  it('lists nominations with hints and records a decision', async () => {
    const { db } = kit.database;
    const owner = await buildUser(db);
    const entry = await insertPublishedEntry(db, {
      submitterId: owner.id,
      title: { en: 'Mobile clinics online' },
      summary: { en: Array.from({ length: 130 }, () => 'health').join(' ') },
    });
    const result = await submitNomination(db, {
      actor: { ...owner, roles: [], status: 'active', emailVerified: true } as unknown as Actor,
      year: 2044,
      input: { entryId: entry.id, category: 3, answers: {} },
    });
    expect(result.ok).toBe(true);
    const list = await manager.get('/en/admin/prizes/2044/nominations?state=submitted');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mobile clinics online');
    expect(list.body).toContain('1 nomination, oldest first.');
    const id = result.ok ? result.id : 0;
    const missing = await manager.post(`/en/admin/prizes/nominations/${id}/decision`, { decision: 'reject', reason: '' });
    expect(missing.statusCode).toBe(303);
    expect((await manager.get('/en/admin/prizes/2044/nominations')).body).toContain('Give a reason: the submitter needs to know why.');
    await manager.post(`/en/admin/prizes/nominations/${id}/decision`, { decision: 'accept' });
    const after = await manager.get('/en/admin/prizes/2044/nominations?state=accepted');
    expect(after.body).toContain('Decision recorded: Accept as a nominee.');
    expect(after.body).toContain('Mobile clinics online');
    expect((await manager.post('/en/admin/prizes/nominations/abc/decision', { decision: 'accept' })).statusCode).toBe(404);
  });
});

describe('an edition’s categories on the managers’ page', () => {
  it('lists the categories with their titles in the six languages', async () => {
    const page = await manager.get('/en/admin/prizes/2044');
    expect(page.body).toContain('Categories of the edition 2044');
    expect(page.body).toContain('Information and communication infrastructure');
    expect(page.body).toContain('href="/en/admin/prizes/2044/categories/2"');
    expect((await manager.get('/en/admin/prizes/2044/categories/77')).statusCode).toBe(404);
    expect((await manager.get('/en/admin/prizes/2044/categories/abc')).statusCode).toBe(404);
  });

  it('adds a category, refusing a taken number or a missing title and keeping what was typed', async () => {
    await manager.get('/en/admin/prizes/2044/categories/new');
    const taken = await manager.post('/en/admin/prizes/2044/categories', { number: '2', actionLine: 'C2', 'title.en': 'Broadband for schools' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Category 2 already exists in this edition.');
    expect(taken.body).toContain('value="Broadband for schools"');
    const untitled = await manager.post('/en/admin/prizes/2044/categories', { number: '19', actionLine: 'C', 'title.fr': '' });
    expect(untitled.statusCode).toBe(422);
    expect(untitled.body).toMatch(/id="field-title-en-error">\s*Give the title in at least one language\./);
    expect(untitled.body).toMatch(/id="field-actionLine-error">/);
    const badNumber = await manager.post('/en/admin/prizes/2044/categories', { number: 'nineteen', actionLine: 'C5', 'title.en': 'Trust' });
    expect(badNumber.statusCode).toBe(422);
    expect(badNumber.body).toMatch(/id="field-number-error">/);
    const added = await manager.post('/en/admin/prizes/2044/categories', {
      number: '19',
      actionLine: 'C10',
      'title.en': 'Ethics of artificial intelligence',
      'title.fr': 'Éthique de l’intelligence artificielle',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/en/admin/prizes/2044#categories-title');
    const page = await manager.get('/en/admin/prizes/2044');
    expect(page.body).toContain('Category 19 has been added.');
    expect(page.body).toContain('Éthique de l’intelligence artificielle');
    const api = (await kit.client().get('/api/v1/prizes/editions/2044')).json() as { categories: { number: number; actionLine: string; title: Record<string, string> }[] };
    expect(api.categories.find((c) => c.number === 19)).toEqual({
      number: 19,
      actionLine: 'C10',
      title: { en: 'Ethics of artificial intelligence', fr: 'Éthique de l’intelligence artificielle' },
    });
  });

  it('edits a category’s titles and action line (in French), audited', async () => {
    const form = await manager.get('/fr/admin/prizes/2044/categories/19');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Édition 2044\u00a0: catégorie 19');
    expect(form.body).toContain('value="Ethics of artificial intelligence"');
    const saved = await manager.post('/fr/admin/prizes/2044/categories/19', {
      actionLine: 'C10',
      'title.en': 'Ethics of AI',
      'title.fr': 'Éthique de l’IA',
      'title.es': 'Ética de la IA',
    });
    expect(saved.statusCode).toBe(303);
    expect((await manager.get('/fr/admin/prizes/2044')).body).toContain('La catégorie 19 a été enregistrée.');
    const edition = await getEditionByYear(kit.database.db, 2044);
    const rows = await kit.database.db.select().from(auditLog).where(eq(auditLog.action, 'prizes.edition.manage'));
    const last = rows.filter((r) => r.subjectId === String(edition.id)).at(-1);
    expect(JSON.stringify(last?.after)).toContain('Ética de la IA');
    expect(JSON.stringify(last?.before)).toContain('Ethics of artificial intelligence');
    const after = last?.after as { categories: Record<string, unknown>[] };
    expect(after.categories).toHaveLength(19);
    expect(Object.keys(after.categories[0] ?? {}).sort()).toEqual(['actionLine', 'number', 'title']);
    const empty = await manager.post('/fr/admin/prizes/2044/categories/19', { actionLine: 'C10' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Indiquez l'intitulé dans au moins une langue.");
  });

  it('removes a category after confirmation, and refuses one that has nominations', async () => {
    const unconfirmed = await manager.post('/en/admin/prizes/2044/categories/19/remove', {});
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Tick the box to confirm the removal.');
    const inUse = await manager.post('/en/admin/prizes/2044/categories/3/remove', { confirm: 'yes' });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.body).toContain('Category 3 has nominations: it cannot be removed.');
    const expert = await buildUser(kit.database.db, { roles: ['expert'] });
    const editionId = (await getEditionByYear(kit.database.db, 2044)).id;
    await kit.database.db.insert(experts).values([
      { editionId, categoryNumber: 19, userId: expert.id },
      { editionId, categoryNumber: 3, userId: expert.id },
    ]);
    const removed = await manager.post('/en/admin/prizes/2044/categories/19/remove', { confirm: 'yes' });
    expect(removed.statusCode).toBe(303);
    const api = (await kit.client().get('/api/v1/prizes/editions/2044')).json() as { categories: { number: number }[] };
    expect(api.categories.map((c) => c.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    // The expert of the removed category is no longer assigned to it; their other category stays.
    const assigned = await kit.database.db.select().from(experts).where(eq(experts.userId, expert.id));
    expect(assigned.map((a) => a.categoryNumber)).toEqual([3]);
  });

  it('is for prize managers only, and every form needs its CSRF token', async () => {
    const someone = await kit.as(await buildUser(kit.database.db));
    expect((await someone.get('/en/admin/prizes/2044/categories/new')).statusCode).toBe(403);
    expect((await someone.post('/en/admin/prizes/2044/categories', { number: '20', actionLine: 'C1', 'title.en': 'X' })).statusCode).toBe(403);
    expect((await someone.post('/en/admin/prizes/2044/categories/2/remove', { confirm: 'yes' })).statusCode).toBe(403);
    const forged = await manager.post('/en/admin/prizes/2044/categories/2/remove', { confirm: 'yes' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await getEditionByYear(kit.database.db, 2044)).id).toBeGreaterThan(0);
    const api = (await kit.client().get('/api/v1/prizes/editions/2044')).json() as { categories: { number: number }[] };
    expect(api.categories).toHaveLength(18);
  });
});
