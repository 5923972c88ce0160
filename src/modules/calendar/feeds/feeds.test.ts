/**
 * The feeds read back by Mozilla's ical.js (an independent parser), as a calendar program would:
 * UIDs stable between builds, time zones right, titles by language, a cancelled date removed from
 * a subscribed calendar; one date's .ics; the events API with its filters and its bad input.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../core/contributions.js';
import { defineModule } from '../../../core/module.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { buildConsultation, consultationInputAround } from '../../consultations/management/test-helpers.js';
import { createEdition } from '../../prizes/commands/create-edition.js';
import { actorOf, phases } from '../../prizes/test-helpers.js';
import { zonedToUtc } from '../dates.js';
import { createEvent, updateEvent } from '../events/commands/save-event.js';

let kit: TestKit;
let secretariat: Actor;
let zurichId: number;
const YEAR = new Date().getUTCFullYear() + 1;

/** A module of the test only: one meeting whose state the test changes, as a meetings module would. */
const meeting: { status: 'confirmed' | 'cancelled'; sequence: number } = { status: 'confirmed', sequence: 1 };
const testModule = defineModule({
  id: 'testing-meetings',
  contributes: {
    calendar: [
      {
        find: async (_db, { from, to }) => {
          const date: CalendarDate = {
            id: 'CWG-WSIS&SDG-41',
            label: { key: 'calendar.events.title', values: { title: { en: 'CWG meeting 41', fr: 'Réunion 41 du GTC' } } },
            start: new Date(Date.UTC(YEAR, 1, 10, 8)),
            end: new Date(Date.UTC(YEAR, 1, 10, 16)),
            href: '/meetings/CWG-WSIS%26SDG/41',
            kind: 'meeting',
            timeZone: 'Europe/Zurich',
            group: 'CWG-WSIS&SDG',
            status: meeting.status,
            sequence: meeting.sequence,
          };
          return date.start < to && (date.end as Date) > from ? [date] : [];
        },
      },
    ],
  },
});

beforeAll(async () => {
  kit = await createTestKit();
  kit.app.platform.modules = [...kit.app.platform.modules, testModule];
  const db = kit.database.db;
  const user = await buildUser(db, { email: 'secretariat@example.org', roles: ['secretariat', 'prize-manager', 'consultation-manager'] });
  secretariat = actorOf(user, ['secretariat', 'prize-manager', 'consultation-manager']);
  const zurich = await createEvent(db, {
    actor: secretariat,
    input: {
      kind: 'forum',
      title: {
        en: 'WSIS Forum session',
        fr: 'Séance du Forum du SMSI',
        ar: 'جلسة منتدى القمة',
        zh: '峰会论坛会议',
        ru: 'Заседание Форума ВВУИО',
        es: 'Sesión del Foro de la CMSI',
      },
      // 10:00 in Geneva in summer (CEST, UTC+2).
      startsAt: zonedToUtc(`${YEAR}-07-08T10:00`, 'Europe/Zurich') as Date,
      endsAt: zonedToUtc(`${YEAR}-07-08T12:00`, 'Europe/Zurich') as Date,
      allDay: false,
      timeZone: 'Europe/Zurich',
      location: { en: 'Geneva' },
      href: null,
      group: null,
      actionLines: ['C4'],
    },
  });
  zurichId = zurich.id;
  await createEdition(db, { actor: secretariat, input: { year: YEAR, phases: phases(0) } });
  await buildConsultation(db, { actor: secretariat, input: consultationInputAround({ title: { en: 'Call on WSIS beyond 2025', fr: 'Appel sur le SMSI après 2025' } }) });
}, 180_000);
afterAll(async () => kit.close());

type Parsed = { uid: string; summary: string; sequence: number; status: string | null; start: Date; startText: string; allDay: boolean; url: string | null; tzid: string | null };

/** The events of a feed as ical.js reads them, its VTIMEZONEs registered so times convert. */
const parse = (text: string): Parsed[] => {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return root.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    const start = v.getFirstProperty('dtstart');
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      start: event.startDate.toJSDate(),
      startText: event.startDate.toString(),
      allDay: event.startDate.isDate,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      tzid: (start?.getParameter('tzid') as string | undefined) ?? null,
    };
  });
};

/** A calendar program's store: keeps each UID's newest version (higher SEQUENCE), drops cancelled ones. */
const applyToStore = (store: Map<string, Parsed>, feed: Parsed[]) => {
  for (const e of feed) {
    const known = store.get(e.uid);
    if (known && known.sequence > e.sequence) continue;
    if (e.status === 'CANCELLED') store.delete(e.uid);
    else store.set(e.uid, e);
  }
  return store;
};

describe('/calendar.ics', () => {
  it('is read by ical.js: every contributing module, stable UIDs between two builds, an ETag that answers 304', async () => {
    const first = await kit.client().get('/calendar.ics');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const second = await kit.client().get('/calendar.ics');
    const a = parse(first.body);
    const b = parse(second.body);
    expect(a.map((e) => e.uid)).toEqual(b.map((e) => e.uid));
    expect(new Set(a.map((e) => e.uid)).size).toBe(a.length);
    const uids = a.map((e) => e.uid);
    // The calendar's own, the generated 17 May, prize phases, the consultation, the test module's meeting (id encoded).
    expect(uids).toContain(`calendar-${zurichId}@platform.test`);
    expect(uids).toContain(`calendar-wtisd.${YEAR}@platform.test`);
    expect(uids).toContain(`prizes-${YEAR}.voting@platform.test`);
    expect(uids.some((u) => /^consultations-\d+\.closes@platform\.test$/.test(u))).toBe(true);
    expect(uids).toContain('testing-meetings-CWG-WSIS%26SDG-41@platform.test');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await kit.client().get('/calendar.ics', { 'if-none-match': etag })).statusCode).toBe(304);
    // Also under the API, where the OpenAPI document describes it.
    expect((await kit.client().get('/api/v1/calendar.ics')).body).toBe(first.body);
  });

  it('gives a date at 10:00 Europe/Zurich in summer with its TZID, which ical.js converts to 08:00Z; 17 May as a whole day', async () => {
    const events = parse((await kit.client().get('/calendar.ics')).body);
    const forum = events.find((e) => e.uid === `calendar-${zurichId}@platform.test`) as Parsed;
    expect(forum.tzid).toBe('Europe/Zurich');
    expect(forum.start.toISOString()).toBe(`${YEAR}-07-08T08:00:00.000Z`);
    const day = events.find((e) => e.uid === `calendar-wtisd.${YEAR}@platform.test`) as Parsed;
    expect(day.allDay).toBe(true);
    expect(day.startText).toBe(`${YEAR}-05-17`);
    expect(day.summary).toBe('World Telecommunication and Information Society Day');
  });

  it('gives titles and page links in the language asked for; an unknown language is a 400 problem', async () => {
    const titles = async (lang: string) => parse((await kit.client().get(`/calendar.ics?lang=${lang}`)).body).find((e) => e.uid === `calendar-${zurichId}@platform.test`) as Parsed;
    expect((await titles('fr')).summary).toBe('Séance du Forum du SMSI');
    expect((await titles('ar')).summary).toBe('جلسة منتدى القمة');
    expect((await titles('zh')).summary).toBe('峰会论坛会议');
    expect((await titles('ru')).url).toMatch(/^http:\/\/platform\.test\/ru\/calendar\?month=/);
    const fr = parse((await kit.client().get('/calendar.ics?lang=fr')).body);
    expect(fr.find((e) => e.uid === `calendar-wtisd.${YEAR}@platform.test`)?.summary).toBe("Journée mondiale des télécommunications et de la société de l'information");
    expect(fr.find((e) => e.uid.startsWith('testing-meetings-'))?.summary).toBe('Réunion 41 du GTC');
    const bad = await kit.client().get('/calendar.ics?lang=xx');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('filters by kind, group and action line', async () => {
    const uids = async (q: string) => parse((await kit.client().get(`/calendar.ics?${q}`)).body).map((e) => e.uid);
    const meetings = await uids('kind=meeting');
    expect(meetings).toEqual(['testing-meetings-CWG-WSIS%26SDG-41@platform.test']);
    expect(await uids(`group=${encodeURIComponent('CWG-WSIS&SDG')}`)).toEqual(meetings);
    expect(await uids('actionLine=C4')).toEqual([`calendar-${zurichId}@platform.test`]);
    expect((await kit.client().get('/calendar.ics?kind=party')).statusCode).toBe(400);
  });

  it('removes a cancelled meeting from a subscribed calendar: same UID, higher SEQUENCE, STATUS:CANCELLED', async () => {
    const uid = 'testing-meetings-CWG-WSIS%26SDG-41@platform.test';
    const store = applyToStore(new Map(), parse((await kit.client().get('/calendar.ics')).body));
    expect(store.has(uid)).toBe(true);
    meeting.status = 'cancelled';
    meeting.sequence = 2;
    try {
      const after = parse((await kit.client().get('/calendar.ics')).body);
      const cancelled = after.find((e) => e.uid === uid) as Parsed;
      expect(cancelled.status).toBe('CANCELLED');
      expect(cancelled.sequence).toBe(2);
      applyToStore(store, after);
      expect(store.has(uid)).toBe(false);
      expect(store.has(`calendar-${zurichId}@platform.test`)).toBe(true);
    } finally {
      meeting.status = 'confirmed';
      meeting.sequence = 1;
    }
  });

  it('carries the secretariat’s changes: each change raises SEQUENCE; a cancelled own date is removed too', async () => {
    const uid = `calendar-${zurichId}@platform.test`;
    const store = applyToStore(new Map(), parse((await kit.client().get('/calendar.ics')).body));
    const before = store.get(uid) as Parsed;
    await updateEvent(kit.database.db, { actor: secretariat, id: zurichId, cancelled: true });
    const after = parse((await kit.client().get('/calendar.ics')).body).find((e) => e.uid === uid) as Parsed;
    expect(after.sequence).toBe(before.sequence + 1);
    applyToStore(store, [after]);
    expect(store.has(uid)).toBe(false);
    await updateEvent(kit.database.db, { actor: secretariat, id: zurichId, cancelled: false });
  });
});

describe('one date’s .ics', () => {
  it('is one VEVENT in the page’s language, downloaded as a file; an unknown date is a 404', async () => {
    const res = await kit.client().get(`/fr/calendar/events/calendar-${zurichId}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const [event, ...rest] = parse(res.body);
    expect(rest).toEqual([]);
    expect(event?.summary).toBe('Séance du Forum du SMSI');
    expect(event?.uid).toBe(`calendar-${zurichId}@platform.test`);
    const encoded = await kit.client().get(`/en/calendar/events/${encodeURIComponent('testing-meetings-CWG-WSIS%26SDG-41')}.ics`);
    expect(encoded.statusCode).toBe(200);
    expect(parse(encoded.body)[0]?.uid).toBe('testing-meetings-CWG-WSIS%26SDG-41@platform.test');
    expect((await kit.client().get('/en/calendar/events/calendar-999999.ics')).statusCode).toBe(404);
    expect((await kit.client().get('/en/calendar/events/nobody-1.ics')).statusCode).toBe(404);
    expect((await kit.client().get(`/en/calendar/events/calendar-${zurichId}`)).statusCode).toBe(404);
  });
});

describe('GET /api/v1/events', () => {
  it('lists the dates of a range with six-language titles, filtered by kind', async () => {
    const res = await kit.client().get(`/api/v1/events?from=${YEAR}-01-01&to=${YEAR + 1}-01-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { uid: string; kind: string; title: Record<string, string>; start: string; timeZone: string }[] };
    const forum = body.items.find((i) => i.uid === `calendar-${zurichId}@platform.test`);
    expect(forum?.title.ar).toBe('جلسة منتدى القمة');
    expect(forum?.start).toBe(`${YEAR}-07-08T08:00:00.000Z`);
    expect(forum?.timeZone).toBe('Europe/Zurich');
    const starts = body.items.map((i) => i.start);
    expect(starts).toEqual([...starts].sort());
    const observances = (await kit.client().get(`/api/v1/events?from=${YEAR}-01-01&to=${YEAR + 1}-01-01&kind=observance`)).json() as typeof body;
    expect(observances.items.map((i) => i.uid)).toEqual([`calendar-wtisd.${YEAR}@platform.test`]);
  });

  it.each([
    ['a date that does not exist', 'from=2027-02-30', '/from'],
    ['words for a date', 'from=tomorrow', '/from'],
    ['a range ending before it starts', 'from=2027-06-01&to=2027-05-01', '/to'],
    ['a range ending as it starts', 'from=2027-06-01&to=2027-06-01', '/to'],
    ['a range of fifty years', 'from=2000-01-01&to=2050-01-01', '/to'],
    ['an unknown kind', 'kind=party', '/kind'],
    ['an unknown action line', 'actionLine=C12', '/actionLine'],
  ])('refuses %s with a localized 400 problem', async (_what, query, pointer) => {
    const res = await kit.client().get(`/api/v1/events?${query}`, { 'accept-language': 'fr' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json() as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toContain(pointer);
    const fr = await kit.client().get(`/api/v1/events?${query}&lang=fr`);
    const detail = (fr.json() as typeof problem).errors.find((e) => e.pointer === pointer)?.detail ?? '';
    const en = ((await kit.client().get(`/api/v1/events?${query}&lang=en`)).json() as typeof problem).errors.find((e) => e.pointer === pointer)?.detail;
    expect(detail).not.toBe(en);
  });

  it('is in the OpenAPI document, with the feed', async () => {
    const doc = (await kit.client().get('/api/v1/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/calendar.ics']));
  });
});
