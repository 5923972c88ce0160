import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import { offsetMinutes, utcOffsetLabel } from '../../../core/i18n/time-zones.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { findMeetingById } from '../queries.js';
import { meetingFollowers } from '../tables.js';
import { meetingCalendarDates } from './calendar.js';
import { changeMeetingStatus } from './commands/change-meeting-status.js';
import { moveAgendaItem, saveAgendaItem } from './commands/edit-agenda.js';
import { followMeeting } from './commands/follow-meeting.js';
import { saveDecision } from './commands/save-decision.js';
import { createMeeting, nextMeetingNumber, updateMeeting } from './commands/save-meeting.js';
import { meetingFromForm } from './inputs.js';
import { findAgenda } from './queries.js';
import { defaultDeadline } from './rules.js';
import { buildActor, cwgId, DAY, meetingInputAround } from './test-helpers.js';

let database: TestDatabase;
let secretariat: Actor;
let group: number;

beforeAll(async () => {
  database = await createTestDatabase();
  secretariat = (await buildActor(database.db)).actor;
  group = await cwgId(database.db);
}, 180_000);
afterAll(async () => database.drop());

const form = (overrides: Record<string, string> = {}) => ({
  groupId: String(group),
  number: '7',
  'title.en': 'Seventh meeting',
  timeZone: 'Europe/Zurich',
  startsAt: '2027-03-22T09:30',
  endsAt: '2027-03-23T17:30',
  access: 'public',
  ...overrides,
});

describe('dates typed in the meeting’s time zone', () => {
  it('reads start and end in the zone, defaults the deadline to 12 days before at 23:59 there, and refuses a time skipped by a clock change', async () => {
    const parsed = meetingFromForm(form());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.startsAt).toBe('2027-03-22T08:30:00.000Z');
    expect(parsed.input.endsAt).toBe('2027-03-23T16:30:00.000Z');
    expect(parsed.input.contributionsDeadline).toBeNull();
    // 22 March in Geneva, 12 days before: 10 March, 23:59 Geneva time (UTC+1 in winter).
    expect(defaultDeadline(new Date(parsed.input.startsAt), 'Europe/Zurich', 12).toISOString()).toBe('2027-03-10T22:59:00.000Z');
    // In New York, a meeting at 09:00 on 1 July: deadline 19 June 23:59 EDT.
    expect(defaultDeadline(new Date('2027-07-01T13:00:00Z'), 'America/New_York', 12).toISOString()).toBe('2027-06-20T03:59:00.000Z');
    // Clocks go forward at 02:00 on 28 March 2027 in Geneva.
    const gap = meetingFromForm(form({ startsAt: '2027-03-28T02:30' }));
    expect(gap).toEqual({ ok: false, errors: { startsAt: 'meetings.management.errors.time_skipped' } });
    const bad = meetingFromForm(form({ number: 'forty', timeZone: 'Mars/Olympus', onlineUrl: 'javascript:alert(1)', 'title.en': '' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['number', 'onlineUrl', 'timeZone', 'title.en']);
    expect(utcOffsetLabel(new Date('2027-07-01T12:00:00Z'), 'Europe/Zurich')).toBe('UTC+02:00');
    expect(utcOffsetLabel(new Date('2027-01-01T12:00:00Z'), 'America/New_York')).toBe('UTC\u221205:00');
    expect(offsetMinutes(new Date('2027-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
});

describe('meetings', () => {
  it('creates a meeting with the default deadline, refuses a number taken in the group (a result, not an exception), and suggests the next number', async () => {
    const created = await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 101) });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const m = await findMeetingById(database.db, created.id);
    expect(m?.status).toBe('planned');
    expect(m?.sequence).toBe(0);
    expect(m?.contributionsDeadline.getTime()).toBeLessThan((m?.startsAt.getTime() ?? 0) - 11 * DAY);
    expect(await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 101) })).toEqual({ ok: false, error: 'number_taken', field: 'number' });
    expect(await nextMeetingNumber(database.db, group)).toBe(102);
    expect(await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 102, { endsAt: '2000-01-01T00:00:00.000Z' }) })).toMatchObject({
      ok: false,
      error: 'dates_ordered',
    });
    expect(await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 102, { actionLines: ['C99'] }) })).toMatchObject({
      ok: false,
      error: 'unknown_action_line',
    });
    expect(await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 102, { contributionsDeadline: '2099-01-01T00:00:00.000Z' }) })).toMatchObject({
      ok: false,
      error: 'deadline_after_start',
    });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'meeting'), eq(auditLog.subjectId, String(created.id))));
    expect(audits.map((a) => a.action)).toEqual(['meetings.meeting.manage']);
  });

  it('answers number_taken, not an error, when two secretaries create the same number at once', async () => {
    const results = await Promise.all([
      createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 150) }),
      createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 150, { title: { en: 'The other one' } }) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'number_taken', field: 'number' }]);
  });

  it('increments the sequence on a change of date or place and on each status change; refuses a move that does not follow the lifecycle', async () => {
    const created = await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 110) });
    if (!created.ok) throw new Error(created.error);
    const id = created.id;
    const before = await findMeetingById(database.db, id);
    // The same settings again: nothing a calendar shows changed.
    expect(await updateMeeting(database.db, { actor: secretariat, id, input: meetingInputAround(group, 110) })).toEqual({ ok: true, id });
    expect((await findMeetingById(database.db, id))?.sequence).toBe(0);
    await updateMeeting(database.db, { actor: secretariat, id, input: meetingInputAround(group, 110, { inDays: 31 }), now: new Date(Date.now() + 1000) });
    const moved = await findMeetingById(database.db, id);
    expect(moved?.sequence).toBe(1);
    expect(moved?.updatedAt.getTime()).toBeGreaterThan(before?.updatedAt.getTime() ?? 0);
    await updateMeeting(database.db, { actor: secretariat, id, input: meetingInputAround(group, 110, { inDays: 31, place: { en: 'Online' } }) });
    expect((await findMeetingById(database.db, id))?.sequence).toBe(2);
    expect(await changeMeetingStatus(database.db, { actor: secretariat, id, transition: 'hold' })).toEqual({ ok: false, error: 'wrong_status' });
    expect(await changeMeetingStatus(database.db, { actor: secretariat, id, transition: 'convene' })).toEqual({ ok: true, status: 'convened' });
    expect(await changeMeetingStatus(database.db, { actor: secretariat, id, transition: 'cancel' })).toEqual({ ok: true, status: 'cancelled' });
    expect(await changeMeetingStatus(database.db, { actor: secretariat, id, transition: 'convene' })).toEqual({ ok: false, error: 'wrong_status' });
    const cancelled = await findMeetingById(database.db, id);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.sequence).toBe(4);
    // The number of another meeting of the group is refused on update too.
    await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 111) });
    expect(await updateMeeting(database.db, { actor: secretariat, id, input: meetingInputAround(group, 111) })).toMatchObject({ ok: false, error: 'number_taken' });
  });

  it('keeps agenda items numbered uniquely, in the order set, and decisions citing only registered documents of the meeting', async () => {
    const created = await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 120) });
    if (!created.ok) throw new Error(created.error);
    const meetingId = created.id;
    const one = await saveAgendaItem(database.db, { actor: secretariat, meetingId, number: '1', title: { en: 'Opening' } });
    const two = await saveAgendaItem(database.db, { actor: secretariat, meetingId, number: '2.1', title: { en: 'Reports' } });
    expect(await saveAgendaItem(database.db, { actor: secretariat, meetingId, number: '1', title: { en: 'Again' } })).toEqual({ ok: false, error: 'item_number_taken' });
    if (!one.ok || !two.ok) throw new Error('agenda');
    await moveAgendaItem(database.db, { actor: secretariat, meetingId, itemId: two.id, direction: 'up' });
    expect((await findAgenda(database.db, meetingId)).map((i) => i.number)).toEqual(['2.1', '1']);
    await saveAgendaItem(database.db, { actor: secretariat, meetingId, itemId: two.id, number: '2', title: { en: 'Reports', fr: 'Rapports' } });
    expect((await findAgenda(database.db, meetingId)).map((i) => i.number)).toEqual(['2', '1']);
    const decision = await saveDecision(database.db, { actor: secretariat, meetingId, number: 1, text: { en: 'Adopted' }, agendaItemId: one.id, documentIds: [] });
    expect(decision.ok).toBe(true);
    expect(await saveDecision(database.db, { actor: secretariat, meetingId, number: 1, text: { en: 'Twice' }, agendaItemId: null, documentIds: [] })).toMatchObject({
      ok: false,
      error: 'decision_number_taken',
    });
    expect(await saveDecision(database.db, { actor: secretariat, meetingId, number: 2, text: { en: 'Forged' }, agendaItemId: null, documentIds: [987654] })).toMatchObject({
      ok: false,
      error: 'unknown_document',
    });
    expect(await saveDecision(database.db, { actor: secretariat, meetingId, number: 2, text: { en: 'Other item' }, agendaItemId: 987654, documentIds: [] })).toMatchObject({
      ok: false,
      error: 'unknown_item',
    });
  });

  it('follows and unfollows, idempotently', async () => {
    const created = await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 130) });
    if (!created.ok) throw new Error(created.error);
    const reader = (await buildActor(database.db, [])).actor;
    await followMeeting(database.db, { actor: reader, meetingId: created.id, follow: true });
    await followMeeting(database.db, { actor: reader, meetingId: created.id, follow: true });
    expect(await database.db.select().from(meetingFollowers).where(eq(meetingFollowers.meetingId, created.id))).toHaveLength(1);
    await followMeeting(database.db, { actor: reader, meetingId: created.id, follow: false });
    expect(await database.db.select().from(meetingFollowers).where(eq(meetingFollowers.meetingId, created.id))).toHaveLength(0);
  });
});

describe('calendar dates', () => {
  it('gives each public meeting and its deadline, with time zone, status, sequence, group and place; members-only meetings stay out', async () => {
    const pub = await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 140, { inDays: 200, actionLines: ['C2'] }) });
    const online = await createMeeting(database.db, {
      actor: secretariat,
      input: meetingInputAround(group, 141, { inDays: 210, place: {}, onlineUrl: 'https://meet.example.org/cwg' }),
    });
    await createMeeting(database.db, { actor: secretariat, input: meetingInputAround(group, 142, { inDays: 205, access: 'members' }) });
    if (!pub.ok || !online.ok) throw new Error('meetings');
    await changeMeetingStatus(database.db, { actor: secretariat, id: online.id, transition: 'cancel' });
    const dates = await meetingCalendarDates.find(database.db, { from: new Date(Date.now() + 150 * DAY), to: new Date(Date.now() + 260 * DAY) });
    expect(dates.map((d) => d.id).sort()).toEqual(['CWG-WSIS&SDG-140', 'CWG-WSIS&SDG-140.deadline', 'CWG-WSIS&SDG-141', 'CWG-WSIS&SDG-141.deadline']);
    const meeting = dates.find((d) => d.id === 'CWG-WSIS&SDG-140');
    expect(meeting).toMatchObject({
      kind: 'meeting',
      timeZone: 'Europe/Zurich',
      status: 'tentative',
      sequence: 0,
      group: 'CWG-WSIS&SDG',
      actionLines: ['C2'],
      location: { en: 'Geneva' },
    });
    expect(meeting?.href).toBe('/meetings/CWG-WSIS%26SDG/140');
    expect(meeting?.end).toBeInstanceOf(Date);
    const deadline = dates.find((d) => d.id === 'CWG-WSIS&SDG-140.deadline');
    expect(deadline).toMatchObject({ kind: 'deadline', end: null });
    const cancelled = dates.find((d) => d.id === 'CWG-WSIS&SDG-141');
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1, location: { en: 'Online only' } });
  });
});
