/** Contributions' reads: the meeting a form is for, the secretariat's queue, a submitter's own contributions. */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { agendaItems, documentFiles, meetingDocuments, meetingGroups, meetings } from '../tables.js';

/** A meeting by its group's code and its number ('CWG-WSIS&SDG', 41), or null. */
export const findMeetingByNumber = async (db: DbOrTx, { groupCode, number }: { groupCode: string; number: number }) => {
  const [row] = await db
    .select({
      id: meetings.id,
      number: meetings.number,
      title: meetings.title,
      status: meetings.status,
      access: meetings.access,
      startsAt: meetings.startsAt,
      timeZone: meetings.timeZone,
      deadline: meetings.contributionsDeadline,
      groupCode: meetingGroups.code,
    })
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(and(eq(meetingGroups.code, groupCode), eq(meetings.number, number)));
  return row ?? null;
};
export type ContributionMeeting = NonNullable<Awaited<ReturnType<typeof findMeetingByNumber>>>;

/** The agenda of a meeting, in its order. */
export const findAgendaItems = async (db: DbOrTx, meetingId: number) =>
  db
    .select({ id: agendaItems.id, number: agendaItems.number, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));

const documentColumns = {
  id: meetingDocuments.id,
  meetingId: meetingDocuments.meetingId,
  status: meetingDocuments.status,
  symbol: meetingDocuments.symbol,
  title: meetingDocuments.title,
  sourceKind: meetingDocuments.sourceKind,
  sourceCountry: meetingDocuments.sourceCountry,
  sourceName: meetingDocuments.sourceName,
  agendaItemId: meetingDocuments.agendaItemId,
  originalLanguage: meetingDocuments.originalLanguage,
  late: meetingDocuments.late,
  submittedBy: meetingDocuments.submittedBy,
  submittedAt: meetingDocuments.submittedAt,
  registeredAt: meetingDocuments.registeredAt,
  publishedAt: meetingDocuments.publishedAt,
  statusNote: meetingDocuments.statusNote,
};

/**
 * The secretariat's queue of a meeting: its contributions still to be registered or published,
 * oldest first. (For 'meetings.document.register' holders only: the caller checked it.)
 */
export const findContributionQueue = async (db: DbOrTx, meetingId: number) =>
  db
    .select(documentColumns)
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.kind, 'contribution'), inArray(meetingDocuments.status, ['submitted', 'registered'])))
    .orderBy(asc(meetingDocuments.submittedAt), asc(meetingDocuments.id));
export type QueuedContribution = Awaited<ReturnType<typeof findContributionQueue>>[number];

/** The current file of each language version of these documents. */
export const findCurrentFiles = async (db: DbOrTx, documentIds: number[]) =>
  documentIds.length === 0
    ? []
    : db
        .select({
          documentId: documentFiles.documentId,
          locale: documentFiles.locale,
          sha256: documentFiles.sha256,
          mediaType: documentFiles.mediaType,
          fileName: documentFiles.fileName,
          size: documentFiles.size,
        })
        .from(documentFiles)
        .where(and(inArray(documentFiles.documentId, documentIds), isNull(documentFiles.replacedAt)))
        .orderBy(asc(documentFiles.documentId), asc(documentFiles.locale));
export type CurrentFile = Awaited<ReturnType<typeof findCurrentFiles>>[number];

/** One contribution of a meeting (any status), or null. */
export const findContribution = async (db: DbOrTx, { meetingId, documentId }: { meetingId: number; documentId: number }) => {
  const [row] = await db
    .select(documentColumns)
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.kind, 'contribution')));
  return row ?? null;
};

/**
 * The contributions a person submitted, newest first, with their meeting. Access filter: only
 * `submitted_by = userId` (a submitter never sees another's contributions here).
 */
export const findOwnContributions = async (db: DbOrTx, userId: number) =>
  db
    .select({ ...documentColumns, number: meetings.number, groupCode: meetingGroups.code, meetingTitle: meetings.title, deadline: meetings.contributionsDeadline })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(and(eq(meetingDocuments.submittedBy, userId), eq(meetingDocuments.kind, 'contribution')))
    .orderBy(desc(meetingDocuments.submittedAt), desc(meetingDocuments.id));
export type OwnContribution = Awaited<ReturnType<typeof findOwnContributions>>[number];
