/**
 * Reads of meetings that other feature folders need (register/, contributions/): one meeting by
 * its group's code and number, with the group's code and deadline days. Management's own reads
 * are in management/queries.ts.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { can, type MaybeActor } from '../../core/permissions/index.js';
import { meetingGroups, meetings } from './tables.js';

export type Meeting = typeof meetings.$inferSelect;
export type MeetingWithGroup = Meeting & { groupCode: string; groupName: typeof meetingGroups.$inferSelect.name; groupIsPublic: boolean; deadlineDays: number };

const withGroup = {
  meeting: meetings,
  groupCode: meetingGroups.code,
  groupName: meetingGroups.name,
  groupIsPublic: meetingGroups.isPublic,
  deadlineDays: meetingGroups.deadlineDays,
};

/** The meeting `number` of the group whose code is `group` ('CWG-WSIS&SDG', 41), or null. Checks no access: see `isMeetingVisibleTo`. */
export const findMeetingByGroupAndNumber = async (db: DbOrTx, { group, number }: { group: string; number: number }): Promise<MeetingWithGroup | null> => {
  if (!Number.isSafeInteger(number) || number <= 0) return null;
  const [row] = await db
    .select(withGroup)
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(and(eq(meetingGroups.code, group), eq(meetings.number, number)));
  return row ? { ...row.meeting, groupCode: row.groupCode, groupName: row.groupName, groupIsPublic: row.groupIsPublic, deadlineDays: row.deadlineDays } : null;
};

/** One meeting by id with its group, or null. */
export const findMeetingById = async (db: DbOrTx, id: number): Promise<MeetingWithGroup | null> => {
  const [row] = await db.select(withGroup).from(meetings).innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId)).where(eq(meetings.id, id));
  return row ? { ...row.meeting, groupCode: row.groupCode, groupName: row.groupName, groupIsPublic: row.groupIsPublic, deadlineDays: row.deadlineDays } : null;
};

/**
 * Whether the actor may see a meeting (its page, its documents): a public meeting of a public
 * group, or any meeting for CWG members and the secretariat.
 * NOTE: security-critical — every page and API answer about one meeting goes through this.
 */
export const isMeetingVisibleTo = (meeting: Pick<MeetingWithGroup, 'access' | 'groupIsPublic'>, actor: MaybeActor) =>
  (meeting.access === 'public' && meeting.groupIsPublic) || can(actor, 'meetings.meeting.see_members_only');

/** The path of a meeting's page without the locale: '/meetings/CWG-WSIS%26SDG/41'. */
export const meetingPath = (m: { groupCode: string; number: number }) => `/meetings/${encodeURIComponent(m.groupCode)}/${m.number}`;
