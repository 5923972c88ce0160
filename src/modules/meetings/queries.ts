/**
 * Reads of meetings that other feature folders need (register/, contributions/): one meeting by
 * its group's code and number, with the group's code and deadline days. Management's own reads
 * are in management/queries.ts. Also what other modules read (docs/ARCHITECTURE.md, "Allowed
 * module → module imports"): whether the register has a document of a symbol (the reports' first page).
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { can, type MaybeActor } from '../../core/permissions/index.js';
import { meetingDocuments, meetingGroups, meetings } from './tables.js';

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

/**
 * The path of the register's page of the document whose symbol is `symbol` ('/documents/C26%2F25',
 * without the locale), when the register has it and `actor` may see it: a published or withdrawn
 * document of a meeting they may see (`isMeetingVisibleTo`), or any registered one for whoever
 * registers documents. Null otherwise (the symbol is then shown without a link). Read-only.
 * NOTE: security-critical — the same visibility as the register's own pages (register/queries.ts).
 */
export const findDocumentPathBySymbol = async (db: DbOrTx, { symbol, actor }: { symbol: string; actor: MaybeActor }): Promise<string | null> => {
  const wanted = symbol.trim();
  if (!wanted) return null;
  const [row] = await db
    .select({ symbol: meetingDocuments.symbol, status: meetingDocuments.status, access: meetings.access, groupIsPublic: meetingGroups.isPublic })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(eq(meetingDocuments.symbol, wanted));
  if (!row?.symbol) return null;
  const visible = can(actor, 'meetings.document.register') || ((row.status === 'published' || row.status === 'withdrawn') && isMeetingVisibleTo(row, actor));
  return visible ? `/documents/${encodeURIComponent(row.symbol)}` : null;
};
