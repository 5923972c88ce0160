/** The calendar page in six languages: the month grid (a real table), week starts, Arabic right to left, the agenda list, filters, feed links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { zonedToUtc } from '../dates.js';
import { createEvent, updateEvent } from '../events/commands/save-event.js';

let kit: TestKit;
const YEAR = new Date().getUTCFullYear() + 1;
let cancelledId: number;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  const base = { allDay: false, timeZone: 'Europe/Zurich', location: {}, href: null, group: null, actionLines: [] as string[] };
  await createEvent(db, {
    actor: null,
    input: {
      ...base,
      kind: 'forum',
      title: { en: 'Forum opening', fr: 'Ouverture du Forum', ar: 'افتتاح المنتدى', es: 'Apertura del Foro', ru: 'Открытие Форума', zh: '论坛开幕' },
      startsAt: zonedToUtc(`${YEAR}-05-05T10:00`, 'Europe/Zurich') as Date,
      endsAt: zonedToUtc(`${YEAR}-05-05T12:00`, 'Europe/Zurich') as Date,
      actionLines: ['C4'],
    },
  });
  const cancelled = await createEvent(db, {
    actor: null,
    input: {
      ...base,
      kind: 'meeting',
      title: { en: 'Called-off briefing' },
      startsAt: zonedToUtc(`${YEAR}-05-12T10:00`, 'Europe/Zurich') as Date,
      endsAt: null,
      group: 'CWG-WSIS&SDG',
    },
  });
  cancelledId = cancelled.id;
  await updateEvent(db, { actor: null, id: cancelledId, cancelled: true });
}, 180_000);
afterAll(async () => kit.close());

const headers = (html: string) =>
  [...html.matchAll(/<th scope="col"><span aria-hidden="true">([^<]+)<\/span><span class="visually-hidden">([^<]+)<\/span><\/th>/g)].map((m) => m[2]);

describe('/{locale}/calendar', () => {
  it.each(LOCALES)('in %s: a month grid that is a real table, the lang and direction of the page, the dates of the month', async (locale) => {
    const res = await kit.client().get(`/${locale}/calendar?month=${YEAR}-05`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
    expect(res.body).toMatch(/<table class="calendar-grid"><caption>/);
    expect(headers(res.body)).toHaveLength(7);
    expect(res.body).toContain(`/${locale}/calendar?month=${YEAR}-04`);
    expect(res.body).toContain(`/${locale}/calendar?month=${YEAR}-06`);
    // 17 May, every year, in the reader's language.
    expect(res.body).toContain(`/calendar.ics?lang=${locale}`);
  });

  it('starts weeks on Sunday in English, Monday in French, Saturday in Arabic; names days and months in the language', async () => {
    const en = await kit.client().get(`/en/calendar?month=${YEAR}-05`);
    const fr = await kit.client().get(`/fr/calendar?month=${YEAR}-05`);
    const ar = await kit.client().get(`/ar/calendar?month=${YEAR}-05`);
    expect(headers(en.body)[0]).toBe('Sunday');
    expect(headers(fr.body)[0]).toBe('lundi');
    expect(headers(ar.body)[0]).toBe('السبت');
    expect(fr.body).toContain(`mai ${YEAR}`);
    expect(fr.body).toContain('Ouverture du Forum');
    expect(fr.body).toContain('Journée mondiale des télécommunications');
    expect(ar.body).toContain('افتتاح المنتدى');
    expect(ar.body).toContain('اليوم العالمي للاتصالات ومجتمع المعلومات');
  });

  it('offers the agenda list, with each date’s .ics; a cancelled date is struck through and says so', async () => {
    const res = await kit.client().get(`/en/calendar?month=${YEAR}-05&view=list`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<table class="calendar-grid"');
    expect(res.body).toMatch(/<h2 id="day-\d{4}-05-05">/);
    expect(res.body).toContain(`/en/calendar/events/calendar-${cancelledId}.ics`);
    expect(res.body).toContain('<s>Called-off briefing</s>');
    expect(res.body).toContain('(cancelled)');
  });

  it('filters by kind, group and action line (GET form), and the feed link keeps the filters; bad filters are ignored', async () => {
    const forum = await kit.client().get(`/en/calendar?month=${YEAR}-05&kind=forum`);
    expect(forum.body).toContain('Forum opening');
    expect(forum.body).not.toContain('Called-off briefing');
    expect(forum.body).toContain('/calendar.ics?kind=forum&amp;lang=en');
    const group = await kit.client().get(`/en/calendar?month=${YEAR}-05&group=${encodeURIComponent('CWG-WSIS&SDG')}`);
    expect(group.body).toContain('Called-off briefing');
    expect(group.body).not.toContain('Forum opening');
    const line = await kit.client().get(`/en/calendar?month=${YEAR}-05&actionLine=C4`);
    expect(line.body).toContain('Forum opening');
    expect(line.body).not.toContain('Called-off briefing');
    expect((await kit.client().get('/en/calendar?month=2027-13&kind=party&actionLine=C99')).statusCode).toBe(200);
  });
});
