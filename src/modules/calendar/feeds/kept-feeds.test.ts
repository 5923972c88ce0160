/**
 * The feed kept in memory (the feeds' versionedCache, feeds/routes.ts): a calendar program polling /calendar.ics gets the same
 * feed while nothing changed, and sees every change at its next poll, whichever module's dates
 * changed and however (a command, or SQL typed by hand in the database).
 */
import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDatesVersion } from '../../../core/contributions.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { buildConsultation, consultationInputAround } from '../../consultations/management/test-helpers.js';
import { createMeeting } from '../../meetings/management/commands/save-meeting.js';
import { buildActor, cwgId, meetingInputAround } from '../../meetings/management/test-helpers.js';
import { createEdition } from '../../prizes/commands/create-edition.js';
import { phases } from '../../prizes/test-helpers.js';
import { zonedToUtc } from '../dates.js';
import { createEvent } from '../events/commands/save-event.js';

let kit: TestKit;
let secretariat: Actor;
const YEAR = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  secretariat = (await buildActor(db, ['secretariat', 'prize-manager', 'consultation-manager'])).actor;
  const made = await createMeeting(db, { actor: secretariat, input: meetingInputAround(await cwgId(db), 61, { title: { en: 'Meeting 61 of the CWG' } }) });
  expect(made.ok).toBe(true);
  await createEdition(db, { actor: secretariat, input: { year: YEAR, phases: phases(0) } });
  await buildConsultation(db, { actor: secretariat, input: consultationInputAround({ title: { en: 'Call on WSIS beyond 2025' } }) });
}, 180_000);
afterAll(async () => kit.close());

const summaries = async () => {
  const res = await kit.app.inject({ method: 'GET', url: '/calendar.ics?lang=en' });
  expect(res.statusCode).toBe(200);
  const root = new ICAL.Component(ICAL.parse(res.body));
  return { body: res.body, titles: root.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary'))) };
};

describe('the feed kept between polls', () => {
  it('is kept for the platform’s modules (each gives a version of its dates) and is the same feed while nothing changes', async () => {
    expect(await calendarDatesVersion(kit.app.platform.modules, kit.database.db)).not.toBeNull();
    const first = await summaries();
    expect(first.titles.some((t) => t.includes('Meeting 61 of the CWG'))).toBe(true);
    expect((await summaries()).body).toBe(first.body);
  });

  it('shows a new date of the secretariat at the next poll', async () => {
    await summaries();
    await createEvent(kit.database.db, {
      actor: secretariat,
      input: {
        kind: 'forum',
        title: { en: 'WSIS Forum high-level track' },
        startsAt: zonedToUtc(`${YEAR}-07-08T10:00`, 'Europe/Zurich') as Date,
        endsAt: zonedToUtc(`${YEAR}-07-08T12:00`, 'Europe/Zurich') as Date,
        allDay: false,
        timeZone: 'Europe/Zurich',
        location: {},
        href: null,
        group: null,
        actionLines: [],
      },
    });
    expect((await summaries()).titles).toContain('WSIS Forum high-level track');
  });

  it('shows changes made straight in the database to a meeting, a prize edition and a consultation', async () => {
    const db = kit.database.db;
    await summaries();
    await db.execute(sql`update meetings set title = '{"en": "Meeting 61, renamed by hand"}'::jsonb where number = 61`);
    let titles = (await summaries()).titles;
    expect(titles.some((t) => t.includes('Meeting 61, renamed by hand'))).toBe(true);
    expect(titles.some((t) => t.includes('Meeting 61 of the CWG'))).toBe(false);

    const before = (await summaries()).body;
    await db.execute(sql`update prizes_editions set submission_start = submission_start - interval '1 day' where year = ${YEAR}`);
    expect((await summaries()).body).not.toBe(before);

    await db.execute(sql`update consultations set title = '{"en": "Call renamed by hand"}'::jsonb`);
    titles = (await summaries()).titles;
    expect(titles.some((t) => t.includes('Call renamed by hand'))).toBe(true);

    await db.execute(sql`delete from calendar_events`);
    expect((await summaries()).titles).not.toContain('WSIS Forum high-level track');
  });
});
