/**
 * Read side of management/: the lists of meetings (public, API, secretariat), a meeting's agenda,
 * decisions with their documents' symbols, the documents a decision may cite, followers.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { can, type MaybeActor } from '../../../core/permissions/index.js';
import type { MeetingWithGroup } from '../queries.js';
import { agendaItems, decisionDocuments, meetingDecisions, meetingDocuments, meetingFollowers, meetingGroups, meetings } from '../tables.js';
import type { MeetingFilters } from './inputs.js';

/**
 * Meetings the actor may see: public meetings of public groups; every meeting for CWG members
 * and the secretariat (`meetings.meeting.see_members_only`).
 * NOTE: security-critical — every list of meetings goes through this (the page, the API, the calendar).
 */
export const visibleMeetingsFor = (actor: MaybeActor): SQL | undefined =>
  can(actor, 'meetings.meeting.see_members_only') ? undefined : and(eq(meetings.access, 'public'), eq(meetingGroups.isPublic, true));

const columns = {
  meeting: meetings,
  groupCode: meetingGroups.code,
  groupName: meetingGroups.name,
  groupIsPublic: meetingGroups.isPublic,
  deadlineDays: meetingGroups.deadlineDays,
};
const flatten = (r: {
  meeting: typeof meetings.$inferSelect;
  groupCode: string;
  groupName: MeetingWithGroup['groupName'];
  groupIsPublic: boolean;
  deadlineDays: number;
}): MeetingWithGroup => ({
  ...r.meeting,
  groupCode: r.groupCode,
  groupName: r.groupName,
  groupIsPublic: r.groupIsPublic,
  deadlineDays: r.deadlineDays,
});

/**
 * Meetings the actor may see, filtered by group code, a range of days (a meeting overlapping
 * [from, to], both UTC days included) and status; by start (earliest first), at most `limit`.
 */
export const findMeetings = async (
  db: DbOrTx,
  { actor, filters = {}, limit = 500 }: { actor: MaybeActor; filters?: MeetingFilters; limit?: number },
): Promise<MeetingWithGroup[]> => {
  const rows = await db
    .select(columns)
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(
      and(
        visibleMeetingsFor(actor),
        filters.group ? eq(meetingGroups.code, filters.group) : undefined,
        filters.from ? gte(meetings.endsAt, new Date(`${filters.from}T00:00:00Z`)) : undefined,
        filters.to ? lt(meetings.startsAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)) : undefined,
        filters.status ? eq(meetings.status, filters.status) : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(limit);
  return rows.map(flatten);
};

/** Every meeting, newest first, for the secretariat (assumes 'meetings.meeting.manage' was checked). */
export const findManagedMeetings = async (db: DbOrTx): Promise<MeetingWithGroup[]> =>
  (await db.select(columns).from(meetings).innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId)).orderBy(desc(meetings.startsAt), desc(meetings.id))).map(flatten);

/** Public meetings overlapping [from, to) (the calendar reads every meeting anyone may see). */
export const findPublicMeetingsBetween = async (db: DbOrTx, { from, to }: { from: Date; to: Date }) =>
  (
    await db
      .select(columns)
      .from(meetings)
      .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
      .where(
        and(
          visibleMeetingsFor(null),
          // The meeting or its deadline falls in the range.
          or(and(lt(meetings.startsAt, to), gte(meetings.endsAt, from)), and(gte(meetings.contributionsDeadline, from), lt(meetings.contributionsDeadline, to))),
        ),
      )
      .orderBy(asc(meetings.startsAt))
  ).map(flatten);

export const findGroups = async (db: DbOrTx) => db.select().from(meetingGroups).orderBy(asc(meetingGroups.code));

export type AgendaItem = typeof agendaItems.$inferSelect;
/** A meeting's agenda in its order. */
export const findAgenda = async (db: DbOrTx, meetingId: number): Promise<AgendaItem[]> =>
  db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));

export type Decision = typeof meetingDecisions.$inferSelect & { documents: { id: number; symbol: string }[] };
/** A meeting's decisions by number, each with the symbols of the documents it discussed (in symbol order). */
export const findDecisions = async (db: DbOrTx, meetingId: number): Promise<Decision[]> => {
  const decisions = await db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.number));
  if (decisions.length === 0) return [];
  const links = await db
    .select({ decisionId: decisionDocuments.decisionId, id: meetingDocuments.id, symbol: meetingDocuments.symbol })
    .from(decisionDocuments)
    .innerJoin(meetingDocuments, eq(meetingDocuments.id, decisionDocuments.documentId))
    .where(
      and(
        inArray(
          decisionDocuments.decisionId,
          decisions.map((d) => d.id),
        ),
        isNotNull(meetingDocuments.symbol),
      ),
    )
    .orderBy(asc(meetingDocuments.series), asc(meetingDocuments.seriesNumber), asc(meetingDocuments.amendmentNumber));
  return decisions.map((d) => ({ ...d, documents: links.filter((l) => l.decisionId === d.id).map((l) => ({ id: l.id, symbol: l.symbol ?? '' })) }));
};

/** The documents of a meeting a decision may cite: those with a symbol (registered, published, withdrawn), in symbol order. */
export const findCitableDocuments = async (db: DbOrTx, meetingId: number) =>
  db
    .select({ id: meetingDocuments.id, symbol: meetingDocuments.symbol, title: meetingDocuments.title })
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), isNotNull(meetingDocuments.symbol)))
    .orderBy(asc(meetingDocuments.series), asc(meetingDocuments.seriesNumber), asc(meetingDocuments.amendmentNumber));

/** Whether `userId` follows the meeting. */
export const isFollowing = async (db: DbOrTx, { meetingId, userId }: { meetingId: number; userId: number }) =>
  (
    await db
      .select({ m: meetingFollowers.meetingId })
      .from(meetingFollowers)
      .where(and(eq(meetingFollowers.meetingId, meetingId), eq(meetingFollowers.userId, userId)))
  ).length > 0;

/** Upcoming (not yet ended) or past, by the clock. */
export const isPast = (m: { endsAt: Date }, now = new Date()) => m.endsAt <= now;
