import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { questionsOf } from '../questionnaire.js';
import { currentQuestionnaire, getConsultation } from '../queries.js';
import { buildConsultation, consultationInputAround, insertAnswer } from './test-helpers.js';

let kit: TestKit;
let manager: TestClient;
let managerActor: Actor;
let open: number;
let draft: number;

beforeAll(async () => {
  kit = await createTestKit();
  const user = await buildUser(kit.database.db, { email: 'secretariat@example.org', roles: ['consultation-manager'] });
  managerActor = { id: user.id, email: user.email, name: user.name, roles: ['consultation-manager'], status: 'active', emailVerified: true, locale: 'en' } as unknown as Actor;
  manager = await kit.as(user);
  open = await buildConsultation(kit.database.db, {
    actor: managerActor,
    input: consultationInputAround({
      audience: 'member-states',
      actionLines: ['C2'],
      sdgs: [9],
      title: { en: 'Broadband call', fr: 'Appel sur le haut débit', ar: 'دعوة النطاق العريض' },
    }),
  });
  draft = await buildConsultation(kit.database.db, { actor: managerActor, open: false, input: consultationInputAround({ title: { en: 'Secret draft' } }) });
}, 180_000);
afterAll(async () => kit.close());

describe('public pages', () => {
  it('lists open, upcoming and past calls in French and Arabic, without drafts, filtered by audience and topic', async () => {
    const fr = await kit.client().get('/fr/consultations');
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Appel sur le haut débit');
    expect(fr.body).toContain('À venir');
    expect(fr.body).not.toContain('Secret draft');
    const ar = await kit.client().get('/ar/consultations');
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('دعوة النطاق العريض');
    expect((await kit.client().get('/en/consultations?audience=cwg')).body).not.toContain('Broadband call');
    expect((await kit.client().get('/en/consultations?audience=member-states&actionLine=C2&sdg=9&when=open')).body).toContain('Broadband call');
    expect((await kit.client().get('/en/consultations?sdg=3')).body).not.toContain('Broadband call');
    // A filter that is not offered is ignored, never an error page.
    expect((await kit.client().get('/en/consultations?sdg=99&when=later')).statusCode).toBe(200);
  });

  it('shows a consultation: dates as instants named in a zone, audience, the outline, the link to answer; unofficial translation marked', async () => {
    const page = await kit.client().get(`/fr/consultations/${open}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z" data-local-time="true">[^<]*UTC/);
    expect(page.body).toContain('États Membres');
    expect(page.body).toContain('Menez-vous un projet du SMSI');
    expect(page.body).toContain(`href="/fr/consultations/${open}/answer"`);
    expect(page.body).toContain('traduction non officielle');
    // The purpose exists only in English: shown, marked as such.
    expect(page.body).toContain('en anglais');
    const ar = await kit.client().get(`/ar/consultations/${open}`);
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('الدول الأعضاء');
  });

  it('answers 404 for a draft, a forged or an unknown id', async () => {
    expect((await kit.client().get(`/fr/consultations/${draft}`)).statusCode).toBe(404);
    expect((await kit.client().get('/fr/consultations/999999')).statusCode).toBe(404);
    expect((await kit.client().get('/fr/consultations/1%27%20or%201=1')).statusCode).toBe(404);
    expect((await manager.get(`/en/consultations/${draft}`)).statusCode).toBe(200);
  });
});

describe('the API', () => {
  it('lists consultations with filters and paging, and gives one with its questionnaire', async () => {
    const list = await kit.client().get('/api/v1/consultations?when=open&audience=member-states');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { id: number; when: string }[]; total: number; page: number };
    expect(body.items.map((c) => c.id)).toEqual([open]);
    expect(body.items[0]?.when).toBe('open');
    expect((await kit.client().get('/api/v1/consultations?sdg=40')).statusCode).toBe(400);
    const one = await kit.client().get(`/api/v1/consultations/${open}`);
    expect(one.statusCode).toBe(200);
    const c = one.json() as { questionnaire: { version: number; sections: { questions: { id: string; condition?: unknown }[] }[] } };
    expect(c.questionnaire.version).toBe(1);
    expect(c.questionnaire.sections[0]?.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(c.questionnaire.sections[0]?.questions[1]?.condition).toEqual({ questionId: 'q1', anyOf: ['yes'] });
    const hidden = await kit.client().get(`/api/v1/consultations/${draft}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect((await kit.client().get('/api/v1/consultations/abc')).statusCode).toBe(400);
  });
});

describe('the secretariat’s pages, without JavaScript', () => {
  it('is refused to others', async () => {
    const someone = await kit.as(await buildUser(kit.database.db));
    expect((await someone.get('/en/admin/consultations')).statusCode).toBe(403);
    expect((await someone.post(`/en/admin/consultations/${open}/status`, { transition: 'close', confirm: 'yes' })).statusCode).toBe(403);
  });

  it('creates a consultation; bad input comes back as a localized 400 with every value kept', async () => {
    const list = await manager.get('/fr/admin/consultations');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Appel sur le haut débit');
    const form = await manager.get('/fr/admin/consultations/new');
    expect(form.statusCode).toBe(200);
    const bad = await manager.post('/fr/admin/consultations', {
      originalLanguage: 'fr',
      'title.fr': 'Appel « à garder »',
      'purpose.fr': 'Texte tapé',
      timeZone: 'Europe/Zurich',
      opensAt: '2027-03-28T02:30',
      closesAt: '2027-03-01T10:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Saisissez une date et une heure qui existent dans le fuseau horaire choisi.');
    expect(bad.body).toContain('value="Appel « à garder »"');
    expect(bad.body).toContain('Texte tapé');
    const order = await manager.post('/fr/admin/consultations', {
      originalLanguage: 'fr',
      'title.fr': 'Appel',
      timeZone: 'Europe/Zurich',
      opensAt: '2027-04-01T10:00',
      closesAt: '2027-03-01T10:00',
    });
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('L’heure de clôture doit suivre l’heure d’ouverture.');
    const ok = await manager.post('/fr/admin/consultations', {
      originalLanguage: 'fr',
      'title.fr': 'Appel sur l’IA',
      'title.en': 'Call on AI',
      'kind.en': 'reviewed',
      audience: 'stakeholders',
      respondentKind: 'organization',
      timeZone: 'Asia/Shanghai',
      opensAt: '2027-04-01T09:00',
      closesAt: '2027-05-01T18:00',
      actionLines: ['C5'],
      sdgs: ['16'],
    });
    expect(ok.statusCode).toBe(303);
    const id = Number(/\/admin\/consultations\/(\d+)\/questionnaire$/.exec(ok.headers.location ?? '')?.[1]);
    const saved = await getConsultation(kit.database.db, id);
    expect(saved.opensAt.toISOString()).toBe('2027-04-01T01:00:00.000Z');
    expect(saved.translations).toEqual({ fr: 'original', en: 'reviewed' });
    // The edit form shows the dates in the zone asked for.
    expect((await manager.get(`/fr/admin/consultations/${id}?zone=Asia/Shanghai`)).body).toMatch(/name="opensAt"[^>]*value="2027-04-01T09:00"/);
  });

  it('builds a questionnaire with plain forms: sections, questions of a type, edit, move, remove; then opens it after a confirmation', async () => {
    const created = await buildConsultation(kit.database.db, { actor: managerActor, questions: [], open: false });
    const base = `/en/admin/consultations/${created}`;
    await manager.get(`${base}/questionnaire`);
    const noTitle = await manager.post(`${base}/sections`, {});
    expect(noTitle.statusCode).toBe(400);
    expect((await manager.post(`${base}/sections`, { 'title.en': 'About you' })).statusCode).toBe(303);
    const builder = await manager.get(`${base}/questionnaire`);
    expect(builder.body).toContain('Section 2: About you');
    // Add a question: the type is chosen by a GET form, the question is posted from its own page.
    const page = await manager.get(`${base}/questions/new?section=s2&type=single-choice`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Options in French');
    const refused = await manager.post(`${base}/questions`, { section: 's2', type: 'single-choice', 'label.en': 'Your sector?', 'options.en': 'Only one' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Give at least two options, one per line.');
    expect(refused.body).toContain('value="Your sector?"');
    expect(
      (await manager.post(`${base}/questions`, { section: 's2', type: 'single-choice', 'label.en': 'Your sector?', 'options.en': 'Public\nPrivate', required: 'yes' })).statusCode,
    ).toBe(303);
    await manager.get(`${base}/questions/new?section=s2&type=long-text`);
    expect((await manager.post(`${base}/questions`, { section: 's2', type: 'long-text', 'label.en': 'Why private?', maxWords: '300', condition: 'q1=o2' })).statusCode).toBe(303);
    let questionnaire = await currentQuestionnaire(kit.database.db, await getConsultation(kit.database.db, created));
    expect(questionsOf(questionnaire).map((q) => [q.id, q.type, q.condition?.questionId])).toEqual([
      ['q1', 'single-choice', undefined],
      ['q2', 'long-text', 'q1'],
    ]);
    // Moving the conditional question above the one it depends on is refused, localized.
    await manager.get(`${base}/questionnaire`);
    const wrongMove = await manager.post(`${base}/questions/q2/move`, { direction: 'up' });
    expect(wrongMove.statusCode).toBe(400);
    expect(wrongMove.body).toContain('This question cannot move further');
    // Edit: a bad word limit comes back with the typed label.
    const badEdit = await manager.post(`${base}/questions/q2`, { 'label.en': 'Why private, in short?', maxWords: 'lots' });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.body).toContain('value="Why private, in short?"');
    expect((await manager.post(`${base}/questions/q2`, { 'label.en': 'Why private, in short?', maxWords: '150', condition: 'q1=o2' })).statusCode).toBe(303);
    // Removal needs the box ticked.
    expect((await manager.post(`${base}/questions/q2/remove`, {})).statusCode).toBe(400);
    expect((await manager.post(`${base}/questions/q2/remove`, { confirm: 'yes' })).statusCode).toBe(303);
    questionnaire = await currentQuestionnaire(kit.database.db, await getConsultation(kit.database.db, created));
    expect(questionsOf(questionnaire).map((q) => q.id)).toEqual(['q1']);
    // Forged ids.
    expect((await manager.post(`${base}/questions/q99`, { 'label.en': 'x' })).statusCode).toBe(404);
    expect((await manager.post(`${base}/questions/%3Cscript%3E/move`, { direction: 'up' })).statusCode).toBe(404);
    expect((await manager.get(`${base}/questions/new?section=s9&type=scale`)).statusCode).toBe(404);
    expect((await manager.get(`${base}/questions/new?section=s2&type=essay`)).statusCode).toBe(404);
    expect((await manager.get('/en/admin/consultations/999999/questionnaire')).statusCode).toBe(404);
    // Lifecycle: confirmation, then open.
    await manager.get(base);
    const unconfirmed = await manager.post(`${base}/status`, { transition: 'open' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Tick the box to confirm.');
    const opened = await manager.post(`${base}/status`, { transition: 'open', confirm: 'yes' });
    expect(opened.statusCode).toBe(303);
    expect((await getConsultation(kit.database.db, created)).status).toBe('open');
    const wrong = await manager.post(`${base}/status`, { transition: 'publish', confirm: 'yes' });
    expect(wrong.statusCode).toBe(409);
  });

  it('asks for a change note once answers exist, then makes version 2 and lists the versions', async () => {
    const id = await buildConsultation(kit.database.db, { actor: managerActor });
    const respondent = await buildUser(kit.database.db);
    await insertAnswer(kit.database.db, { consultationId: id, userId: respondent.id });
    const base = `/fr/admin/consultations/${id}`;
    const builder = await manager.get(`${base}/questionnaire`);
    expect(builder.body).toContain('1 réponse utilise cette version');
    const form = { 'label.fr': 'Menez-vous un projet ?', 'label.en': 'Do you run a project?', required: 'yes' };
    const noNote = await manager.post(`${base}/questions/q1`, form);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('indiquez la raison du changement');
    const ok = await manager.post(`${base}/questions/q1`, { ...form, changeNote: 'Question simplifiée' });
    expect(ok.statusCode).toBe(303);
    const c = await getConsultation(kit.database.db, id);
    expect(c.currentVersion).toBe(2);
    const edit = await manager.get(base);
    expect(edit.body).toContain('Question simplifiée');
    expect(edit.body).toContain('Version en vigueur');
  });
});
