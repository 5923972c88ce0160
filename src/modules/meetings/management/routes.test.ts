import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { findMeetingByGroupAndNumber } from '../queries.js';
import { meetingDocuments, meetingFollowers, meetings } from '../tables.js';
import { changeMeetingStatus } from './commands/change-meeting-status.js';
import { saveAgendaItem } from './commands/edit-agenda.js';
import { saveDecision } from './commands/save-decision.js';
import { createMeeting } from './commands/save-meeting.js';
import { buildActor, cwgId, meetingInputAround } from './test-helpers.js';

let kit: TestKit;
let secretariat: TestClient;
let member: TestClient;
let reader: TestClient;
let group: number;
let held: number;

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as T & { ok: true; id: number };
};

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const { user, actor } = await buildActor(db, ['secretariat'], 'secretariat@example.org');
  secretariat = await kit.as(user);
  member = await kit.as((await buildActor(db, ['cwg-member'], 'member@example.org')).user);
  reader = await kit.as(await buildUser(db, { email: 'reader@example.org' }));
  group = await cwgId(db);
  held = ok(
    await createMeeting(db, {
      actor,
      input: meetingInputAround(group, 50, {
        inDays: -40,
        title: { en: 'Fiftieth meeting', fr: 'Cinquantième réunion', ar: 'الاجتماع الخمسون', zh: '第五十次会议', ru: 'Пятидесятое собрание', es: 'Quincuagésima reunión' },
        viceChairs: ['Mr Vice'],
        onlineUrl: 'https://meet.example.org/cwg-50',
      }),
    }),
  ).id;
  const item = ok(await saveAgendaItem(db, { actor, meetingId: held, number: '2.1', title: { en: 'Contributions of Member States', fr: 'Contributions des États Membres' } }));
  const [doc] = await db
    .insert(meetingDocuments)
    .values({
      meetingId: held,
      kind: 'contribution',
      status: 'registered',
      symbol: 'CWG-WSIS&SDG-50/1',
      series: '',
      seriesNumber: 1,
      title: { en: 'A contribution' },
      sourceKind: 'member-state',
      sourceCountry: 'FR',
      originalLanguage: 'fr',
      documentDate: '2026-01-01',
    })
    .returning();
  ok(
    await saveDecision(db, {
      actor,
      meetingId: held,
      number: 1,
      text: { en: 'The group took note of the contribution.', fr: 'Le groupe a pris note de la contribution.' },
      agendaItemId: item.id,
      documentIds: [doc?.id ?? 0],
    }),
  );
  await changeMeetingStatus(db, { actor, id: held, transition: 'convene' });
  await changeMeetingStatus(db, { actor, id: held, transition: 'hold' });
  ok(await createMeeting(db, { actor, input: meetingInputAround(group, 51, { inDays: 60, title: { en: 'Fifty-first meeting' } }) }));
  ok(await createMeeting(db, { actor, input: meetingInputAround(group, 52, { inDays: 70, title: { en: 'Closed-door meeting' }, access: 'members' }) }));
  const cancelled = ok(await createMeeting(db, { actor, input: meetingInputAround(group, 53, { inDays: 80, title: { en: 'Called-off meeting' } }) }));
  await changeMeetingStatus(db, { actor, id: cancelled.id, transition: 'cancel' });
}, 240_000);
afterAll(async () => kit.close());

describe('public pages', () => {
  it('lists upcoming and past meetings by group in six languages; members-only meetings only for members', async () => {
    for (const locale of LOCALES) {
      const page = await kit.client().get(`/${locale}/meetings`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('/meetings/CWG-WSIS%26SDG/51');
      expect(page.body).not.toContain('Closed-door meeting');
    }
    expect((await kit.client().get('/fr/meetings')).body).toContain('Cinquantième réunion');
    expect((await kit.client().get('/ar/meetings')).body).toContain('dir="rtl"');
    expect((await member.get('/en/meetings')).body).toContain('Closed-door meeting');
  });

  it('shows a meeting: dates in its zone with the offset and in the reader’s, deadline passed, agenda, decisions linking their documents, no contribute link once held', async () => {
    for (const locale of LOCALES) expect((await kit.client().get(`/${locale}/meetings/CWG-WSIS%26SDG/50`)).statusCode).toBe(200);
    const page = await kit.client().get('/fr/meetings/CWG-WSIS%26SDG/50');
    expect(page.body).toContain('Cinquantième réunion');
    expect(page.body).toMatch(/Europe\/Zurich, UTC\+0[12]:00/);
    expect(page.body).toContain('data-local-time');
    expect(page.body).toContain('La date limite est passée');
    expect(page.body).toContain('Contributions des États Membres');
    expect(page.body).toContain('href="/fr/documents/CWG-WSIS%26SDG-50%2F1"');
    // A held meeting takes no more contributions: no link to the form; an upcoming one offers it.
    expect(page.body).not.toContain('/contribute"');
    expect((await kit.client().get('/fr/meetings/CWG-WSIS%26SDG/51')).body).toContain('href="/fr/meetings/CWG-WSIS%26SDG/51/contribute"');
    expect(page.body).toContain('Tenue');
    expect(page.body).toContain('Mr Vice');
    const cancelled = await kit.client().get('/en/meetings/CWG-WSIS%26SDG/53');
    expect(cancelled.body).toContain('This meeting has been cancelled.');
    expect(cancelled.body).not.toContain('/contribute"');
    // The register's filters pass through the query string without error.
    expect((await kit.client().get('/en/meetings/CWG-WSIS%26SDG/50?kind=contribution&source=FR&item=2.1')).statusCode).toBe(200);
  });

  it('answers a localized 404 for an unknown group or number, a number that is not one, and a members-only meeting for others', async () => {
    for (const url of [
      '/fr/meetings/CWG-WSIS%26SDG/999',
      '/fr/meetings/NOPE/50',
      '/fr/meetings/CWG-WSIS%26SDG/fifty',
      '/fr/meetings/CWG-WSIS%26SDG/0',
      '/fr/meetings/CWG-WSIS%26SDG/050',
      '/fr/meetings/CWG-WSIS%26SDG/52',
    ]) {
      const res = await kit.client().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('lang="fr"');
    }
    expect((await reader.get('/en/meetings/CWG-WSIS%26SDG/52')).statusCode).toBe(404);
    expect((await member.get('/en/meetings/CWG-WSIS%26SDG/52')).statusCode).toBe(200);
  });

  it('lets a signed-in verified reader follow and unfollow; an anonymous visitor only sees how to', async () => {
    const anonymous = await kit.client().get('/en/meetings/CWG-WSIS%26SDG/51');
    expect(anonymous.body).toContain('Sign in with a confirmed address');
    expect((await kit.client().post('/en/meetings/CWG-WSIS%26SDG/51/follow', {}, { csrf: false })).statusCode).toBeGreaterThanOrEqual(400);
    const page = await reader.get('/en/meetings/CWG-WSIS%26SDG/51');
    expect(page.body).toContain('Follow this meeting');
    const followed = await reader.post('/en/meetings/CWG-WSIS%26SDG/51/follow');
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toBe('/en/meetings/CWG-WSIS%26SDG/51');
    const m = await findMeetingByGroupAndNumber(kit.database.db, { group: 'CWG-WSIS&SDG', number: 51 });
    expect(
      await kit.database.db
        .select()
        .from(meetingFollowers)
        .where(eq(meetingFollowers.meetingId, m?.id ?? 0)),
    ).toHaveLength(1);
    expect((await reader.get('/en/meetings/CWG-WSIS%26SDG/51')).body).toContain('Stop following');
    expect((await reader.post('/en/meetings/CWG-WSIS%26SDG/51/unfollow')).statusCode).toBe(303);
    expect(
      await kit.database.db
        .select()
        .from(meetingFollowers)
        .where(eq(meetingFollowers.meetingId, m?.id ?? 0)),
    ).toHaveLength(0);
    // A members-only meeting cannot be followed by a reader who cannot see it.
    expect((await reader.post('/en/meetings/CWG-WSIS%26SDG/52/follow')).statusCode).toBe(404);
  });
});

describe('the secretariat’s pages', () => {
  it('suggests the next number, creates a meeting, and keeps what was typed on bad input with localized errors beside the fields', async () => {
    const form = await secretariat.get('/fr/admin/meetings/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="number"[^>]*value="54"|value="54"[^>]*name="number"/);
    const values = {
      groupId: String(group),
      number: '50',
      'title.fr': 'Réunion en double',
      'place.fr': 'Genève',
      timeZone: 'Europe/Zurich',
      startsAt: '2027-09-01T09:30',
      endsAt: '2027-09-02T17:30',
      access: 'public',
    };
    const taken = await secretariat.post('/fr/admin/meetings', values);
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Ce groupe a déjà une réunion portant ce numéro.');
    expect(taken.body).toContain('value="Réunion en double"');
    const gap = await secretariat.post('/fr/admin/meetings', { ...values, number: '60', startsAt: '2027-03-28T02:30' });
    expect(gap.statusCode).toBe(400);
    expect(gap.body).toContain('Cette heure n’existe pas dans ce fuseau horaire');
    expect(gap.body).toContain('value="2027-03-28T02:30"');
    const created = await secretariat.post('/fr/admin/meetings', { ...values, number: '60' });
    expect(created.statusCode).toBe(303);
    const m = await findMeetingByGroupAndNumber(kit.database.db, { group: 'CWG-WSIS&SDG', number: 60 });
    expect(m?.startsAt.toISOString()).toBe('2027-09-01T07:30:00.000Z');
    expect(m?.contributionsDeadline.toISOString()).toBe('2027-08-20T21:59:00.000Z');
    // Editing the place increments the sequence; the status moves need the confirmation.
    const edited = await secretariat.post(`/en/admin/meetings/${m?.id}`, { ...values, number: '60', 'place.fr': 'En ligne' });
    expect(edited.statusCode).toBe(303);
    const [after] = await kit.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.id, m?.id ?? 0));
    expect(after?.sequence).toBe(1);
    expect((await secretariat.post(`/en/admin/meetings/${m?.id}/status`, { transition: 'convene' })).statusCode).toBe(400);
    expect((await secretariat.post(`/en/admin/meetings/${m?.id}/status`, { transition: 'hold', confirm: 'yes' })).statusCode).toBe(409);
    expect((await secretariat.post(`/en/admin/meetings/${m?.id}/status`, { transition: 'convene', confirm: 'yes' })).statusCode).toBe(303);
    expect((await secretariat.get(`/en/admin/meetings/${m?.id}`)).body).toContain('Mark the meeting as held');
  });

  it('edits the agenda and the summary, keeping what was typed on bad input', async () => {
    const agenda = await secretariat.get(`/en/admin/meetings/${held}/agenda`);
    expect(agenda.statusCode).toBe(200);
    const bad = await secretariat.post(`/en/admin/meetings/${held}/agenda`, { number: 'two', 'title.en': 'Kept title' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Kept title"');
    expect(bad.body).toContain('Write the item’s number as on the agenda');
    const taken = await secretariat.post(`/en/admin/meetings/${held}/agenda`, { number: '2.1', 'title.en': 'Duplicate' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('The agenda already has an item with this number.');
    expect((await secretariat.post(`/en/admin/meetings/${held}/agenda`, { number: '1', 'title.en': 'Opening' })).statusCode).toBe(303);
    const summary = await secretariat.get(`/en/admin/meetings/${held}/summary`);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('CWG-WSIS&amp;SDG-50/1');
    const forged = await secretariat.post(`/en/admin/meetings/${held}/decisions`, { number: '2', 'text.en': 'Kept decision', documentIds: '987654' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Kept decision');
    expect((await secretariat.post(`/en/admin/meetings/${held}/decisions`, { number: '2', 'text.en': 'Second decision' })).statusCode).toBe(303);
  });

  it('is closed to others', async () => {
    expect((await reader.get('/en/admin/meetings')).statusCode).toBe(403);
    expect((await member.post(`/en/admin/meetings/${held}/agenda`, { number: '9', 'title.en': 'Intruder' })).statusCode).toBe(403);
    expect((await secretariat.get('/en/admin/meetings/999999')).statusCode).toBe(404);
  });
});

describe('the API', () => {
  it('lists meetings with filters, gives one with its agenda, decisions and documents, hides members-only ones', async () => {
    const list = await kit.client().get('/api/v1/meetings?group=CWG-WSIS%26SDG');
    expect(list.statusCode).toBe(200);
    const numbers = (list.json() as { items: { number: number }[] }).items.map((m) => m.number);
    expect(numbers).toContain(50);
    expect(numbers).not.toContain(52);
    const held50 = await kit.client().get('/api/v1/meetings?status=held');
    expect((held50.json() as { items: { number: number }[] }).items.map((m) => m.number)).toEqual([50]);
    const detail = await kit.client().get('/api/v1/meetings/CWG-WSIS%26SDG/50');
    expect(detail.statusCode).toBe(200);
    const body = detail.json() as { agenda: { number: string }[]; decisions: { documents: string[]; agendaItem: string }[]; status: string; timeZone: string };
    expect(body.status).toBe('held');
    expect(body.timeZone).toBe('Europe/Zurich');
    expect(body.agenda.map((i) => i.number)).toContain('2.1');
    expect(body.decisions[0]).toMatchObject({ documents: ['CWG-WSIS&SDG-50/1'], agendaItem: '2.1' });
    expect((await kit.client().get('/api/v1/meetings/CWG-WSIS%26SDG/52')).statusCode).toBe(404);
    expect((await member.get('/api/v1/meetings/CWG-WSIS%26SDG/52')).statusCode).toBe(200);
    expect((await kit.client().get('/api/v1/meetings/CWG-WSIS%26SDG/abc')).statusCode).toBe(400);
    expect((await kit.client().get('/api/v1/meetings/NOPE/50')).statusCode).toBe(404);
  });

  it('refuses a date range ending before it starts with a localized problem', async () => {
    const res = await kit.client().get('/api/v1/meetings?from=2027-05-01&to=2027-04-01', { 'accept-language': 'fr' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json() as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem.detail).toBe('La fin de la période précède son début.');
    expect(problem.errors[0]?.pointer).toBe('/to');
    expect((await kit.client().get('/api/v1/meetings?from=May')).statusCode).toBe(400);
    expect((await kit.client().get('/api/v1/meetings?from=2027-01-01&to=2027-12-31')).statusCode).toBe(200);
  });
});
