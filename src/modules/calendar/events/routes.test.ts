/** The secretariat's pages for the calendar's own dates: who may, six-language titles, bad input kept with its errors, sequence, cancel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { findAllEvents } from '../queries.js';

let kit: TestKit;
let secretariat: TestClient;
const YEAR = new Date().getUTCFullYear() + 1;

const form = (overrides: Record<string, string | string[]> = {}) => ({
  'title.en': 'WSIS Forum',
  'title.fr': 'Forum du SMSI',
  'title.ar': 'منتدى القمة',
  'title.es': 'Foro de la CMSI',
  'title.ru': 'Форум ВВУИО',
  'title.zh': '峰会论坛',
  kind: 'forum',
  allDay: 'yes',
  start: `${YEAR}-07-06`,
  end: `${YEAR}-07-10`,
  timeZone: 'Europe/Zurich',
  'location.en': 'Geneva',
  href: '',
  group: '',
  actionLines: ['C4'],
  ...overrides,
});

beforeAll(async () => {
  kit = await createTestKit();
  const user = await buildUser(kit.database.db, { email: 'wsis-secretariat@example.org', roles: ['secretariat'] });
  secretariat = await kit.as(user);
}, 180_000);
afterAll(async () => kit.close());

describe('admin pages of the calendar', () => {
  it('are for the secretariat only', async () => {
    const someone = await kit.as(await buildUser(kit.database.db, { email: 'someone@example.org' }));
    expect((await someone.get('/en/admin/calendar')).statusCode).toBe(403);
    expect((await kit.client().get('/en/admin/calendar')).statusCode).toBe(303);
    expect((await secretariat.get('/en/admin/calendar')).statusCode).toBe(200);
  });

  it('create a whole-days date in six languages (the last day included), then edit it: each change raises the sequence', async () => {
    await secretariat.get('/en/admin/calendar/events/new');
    const created = await secretariat.post('/en/admin/calendar/events', form());
    expect(created.statusCode).toBe(303);
    const [event] = await findAllEvents(kit.database.db);
    expect(event?.title.ru).toBe('Форум ВВУИО');
    expect(event?.startsAt.toISOString()).toBe(`${YEAR}-07-05T22:00:00.000Z`);
    expect(event?.endsAt?.toISOString()).toBe(`${YEAR}-07-10T22:00:00.000Z`);
    expect(event?.sequence).toBe(0);
    const id = event?.id as number;
    const page = await secretariat.get(`/fr/admin/calendar/events/${id}`);
    expect(page.body).toContain(`value="${YEAR}-07-10"`);
    expect((await secretariat.post(`/fr/admin/calendar/events/${id}`, form({ allDay: 'no', start: `${YEAR}-07-06T09:30`, end: `${YEAR}-07-06T18:00` }))).statusCode).toBe(303);
    await secretariat.get(`/fr/admin/calendar/events/${id}`);
    expect((await secretariat.post(`/fr/admin/calendar/events/${id}/cancel`)).statusCode).toBe(303);
    const [after] = await findAllEvents(kit.database.db);
    expect(after?.sequence).toBe(2);
    expect(after?.cancelled).toBe(true);
    expect(after?.startsAt.toISOString()).toBe(`${YEAR}-07-06T07:30:00.000Z`);
  });

  it('offers the report deadlines of the resolution with their titles in six languages, the date left to the secretariat', async () => {
    const page = await secretariat.get('/fr/admin/calendar/events/new?template=pp');
    expect(page.body).toContain('Date limite du rapport à la Conférence de plénipotentiaires de 2026 (PP-26)');
    expect(page.body).toContain('向2026年全权代表大会（PP-26）提交报告的截止日期');
    expect(page.body).toContain('name="start"');
    expect(page.body).not.toMatch(/name="start"[^>]*value="\d/);
  });

  it.each([
    ['a range ending before it starts', { start: `${YEAR}-07-10`, end: `${YEAR}-07-06` }, 'end', 'La fin doit venir après le début.'],
    ['a timed end equal to the start', { allDay: 'no', start: `${YEAR}-07-10T10:00`, end: `${YEAR}-07-10T10:00` }, 'end', 'La fin doit venir après le début.'],
    ['a day that does not exist', { start: `${YEAR}-02-30` }, 'start', 'Ce n’est pas une date qui existe'],
    ['an hour skipped when clocks go forward', { allDay: 'no', start: '2027-03-28T02:30', end: '' }, 'start', 'Ce n’est pas une date qui existe'],
    ['no title at all', { 'title.en': '', 'title.fr': '', 'title.ar': '', 'title.es': '', 'title.ru': '', 'title.zh': '' }, 'title.en', 'Écrivez le titre'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', 'Choisissez l’un des fuseaux'],
    ['an unknown kind', { kind: 'party' }, 'kind', 'Choisissez l’un des types'],
    ['a script link', { href: 'javascript:alert(1)' }, 'href', 'Indiquez un chemin'],
  ])('refuse %s with a localized error beside the field, every value kept, nothing written', async (_what, overrides, field, message) => {
    const before = (await findAllEvents(kit.database.db)).length;
    await secretariat.get('/fr/admin/calendar/events/new');
    const res = await secretariat.post('/fr/admin/calendar/events', form(overrides as Record<string, string>));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`id="field-${field.replace('.', '-')}-error"`);
    expect(res.body).toContain(message);
    expect(res.body).toContain('value="Geneva"');
    expect((await findAllEvents(kit.database.db)).length).toBe(before);
  });
});
