import { isUniqueViolation } from '../../../../core/db/errors.js';
import { and, eq, max, ne } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findActionLines } from '../../../reference/queries.js';
import { meetingGroups, meetings } from '../../tables.js';
import type { MeetingInput } from '../inputs.js';
import { defaultDeadline } from '../rules.js';

export type SaveMeetingError = 'unknown_group' | 'number_taken' | 'dates_ordered' | 'deadline_after_start' | 'unknown_action_line' | 'not_found';
export type SaveMeetingResult = { ok: true; id: number } | { ok: false; error: SaveMeetingError; field: string };

const FIELD: Record<Exclude<SaveMeetingError, 'not_found'>, string> = {
  unknown_group: 'groupId',
  number_taken: 'number',
  dates_ordered: 'endsAt',
  deadline_after_start: 'contributionsDeadline',
  unknown_action_line: 'actionLines',
};
const refuse = (error: Exclude<SaveMeetingError, 'not_found'>): SaveMeetingResult => ({ ok: false, error, field: FIELD[error] });

/** The next free number of a group's meetings (one more than the highest), to suggest in the form. */
export const nextMeetingNumber = async (db: DbOrTx, groupId: number) => {
  const [row] = await db
    .select({ n: max(meetings.number) })
    .from(meetings)
    .where(eq(meetings.groupId, groupId));
  return (row?.n ?? 0) + 1;
};

/** The checks that need the database or span fields; the columns to write (the deadline by default from the group). */
const prepare = async (
  db: DbOrTx,
  input: MeetingInput,
  exceptId?: number,
): Promise<{ ok: false; refused: SaveMeetingResult } | { ok: true; columns: Omit<typeof meetings.$inferInsert, 'createdBy'> }> => {
  const [group] = await db.select().from(meetingGroups).where(eq(meetingGroups.id, input.groupId));
  if (!group) return { ok: false, refused: refuse('unknown_group') };
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (startsAt >= endsAt) return { ok: false, refused: refuse('dates_ordered') };
  const deadline = input.contributionsDeadline ? new Date(input.contributionsDeadline) : defaultDeadline(startsAt, input.timeZone, group.deadlineDays);
  if (deadline > startsAt) return { ok: false, refused: refuse('deadline_after_start') };
  if (input.actionLines.length > 0) {
    const known = new Set((await findActionLines(db)).map((l) => l.code));
    if (input.actionLines.some((code) => !known.has(code))) return { ok: false, refused: refuse('unknown_action_line') };
  }
  const [taken] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, group.id), eq(meetings.number, input.number), exceptId ? ne(meetings.id, exceptId) : undefined));
  if (taken) return { ok: false, refused: refuse('number_taken') };
  return {
    ok: true,
    columns: {
      groupId: group.id,
      number: input.number,
      title: input.title,
      startsAt,
      endsAt,
      timeZone: input.timeZone,
      place: input.place,
      onlineUrl: input.onlineUrl,
      chair: input.chair,
      viceChairs: input.viceChairs,
      access: input.access,
      contributionsDeadline: deadline,
      actionLines: [...new Set(input.actionLines)].sort(),
    },
  };
};

/** A unique violation of (group, number) by a concurrent save: the same answer as the check's. */
const isNumberTaken = (error: unknown) => isUniqueViolation(error, 'meetings_group_number_idx');

/**
 * Creates a meeting (status planned, sequence 0). Its number is unique within its group; the
 * deadline for contributions, when not given, is the group's `deadlineDays` before the opening
 * day at 23:59 in the meeting's time zone. Assumes 'meetings.meeting.manage' was checked. Audited.
 */
export const createMeeting = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: MeetingInput; ip?: string }): Promise<SaveMeetingResult> => {
  try {
    return await db.transaction(async (tx) => {
      const prepared = await prepare(tx, input);
      if (!prepared.ok) return prepared.refused;
      const [row] = await tx
        .insert(meetings)
        .values({ ...prepared.columns, createdBy: actor.id })
        .returning({ id: meetings.id });
      if (!row) throw new Error('meeting not inserted');
      await recordAction(tx, { actor, action: 'meetings.meeting.manage', subjectType: 'meeting', subjectId: row.id, after: { created: prepared.columns }, ip });
      return { ok: true, id: row.id };
    });
  } catch (error) {
    if (isNumberTaken(error)) return refuse('number_taken');
    throw error;
  }
};

/** What a subscribed calendar shows: a change of one of these is a new SEQUENCE. */
const CALENDAR_FIELDS = ['title', 'startsAt', 'endsAt', 'timeZone', 'place', 'onlineUrl', 'contributionsDeadline', 'groupId', 'number', 'access'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a instanceof Date ? a.toISOString() : a) === JSON.stringify(b instanceof Date ? b.toISOString() : b);

/**
 * Changes a meeting's settings. A change that calendars show (title, dates, time zone, place,
 * online link, deadline) increments `sequence`; every change sets `updatedAt`. Assumes
 * 'meetings.meeting.manage' was checked. Audited with before and after.
 */
export const updateMeeting = async (
  db: DbOrTx,
  { actor, id, input, now = new Date(), ip }: { actor: Actor; id: number; input: MeetingInput; now?: Date; ip?: string },
): Promise<SaveMeetingResult> => {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
      if (!before) return { ok: false, error: 'not_found', field: '_form' };
      const prepared = await prepare(tx, input, id);
      if (!prepared.ok) return prepared.refused;
      const after = prepared.columns;
      const seen = CALENDAR_FIELDS.some((f) => !same(before[f], after[f]));
      await tx
        .update(meetings)
        .set({ ...after, updatedAt: now, sequence: seen ? before.sequence + 1 : before.sequence })
        .where(eq(meetings.id, id));
      await recordAction(tx, { actor, action: 'meetings.meeting.manage', subjectType: 'meeting', subjectId: id, before, after, ip });
      return { ok: true, id };
    });
  } catch (error) {
    if (isNumberTaken(error)) return refuse('number_taken');
    throw error;
  }
};
