/**
 * Reads of the register: meetings by group and number, a meeting's documents in symbol order
 * with their current language files, one document with its history, the document search and the
 * API's shape. Every read goes through `visibleDocumentsFor` (and meetings through
 * `visibleMeetingsFor`).
 */
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import { can, type MaybeActor } from '../../../core/permissions/index.js';
import { anyLanguageQuery, prepareSearchText } from '../../../core/search/index.js';
import { agendaItems, type DocumentKind, documentFiles, type DocumentStatus, meetingDocuments, meetingGroups, meetings, type SourceKind } from '../tables.js';
import { symbolOrderSql } from './symbols.js';

/**
 * Meetings the actor may see: public meetings of public groups; members-only ones for CWG members
 * and the secretariat. NOTE: security-critical — every read of the register joins meetings through this.
 */
export const visibleMeetingsFor = (actor: MaybeActor): SQL | undefined =>
  can(actor, 'meetings.meeting.see_members_only') ? undefined : and(eq(meetings.access, 'public'), eq(meetingGroups.isPublic, true));

/**
 * Documents the actor may see: published and withdrawn ones (a withdrawn document keeps its page,
 * saying so) of visible meetings; the secretariat sees every status.
 * NOTE: security-critical — every list, page, download and search of documents goes through this.
 */
export const visibleDocumentsFor = (actor: MaybeActor): SQL | undefined =>
  can(actor, 'meetings.document.register') ? undefined : and(inArray(meetingDocuments.status, ['published', 'withdrawn']), visibleMeetingsFor(actor));

export type RegisterMeeting = { id: number; number: number; groupCode: string; title: Localized; startsAt: Date; access: string; groupIsPublic: boolean };

const meetingColumns = {
  id: meetings.id,
  number: meetings.number,
  groupCode: meetingGroups.code,
  title: meetings.title,
  startsAt: meetings.startsAt,
  access: meetings.access,
  groupIsPublic: meetingGroups.isPublic,
};

/** A meeting by its group's code and number, if the actor may see it (null otherwise: a 404, whether it exists or not). */
export const findVisibleMeeting = async (db: DbOrTx, { groupCode, number, actor }: { groupCode: string; number: number; actor: MaybeActor }): Promise<RegisterMeeting | null> => {
  const [row] = await db
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(and(eq(meetingGroups.code, groupCode), eq(meetings.number, number), visibleMeetingsFor(actor)));
  return row ?? null;
};

/** A meeting's group code and number (the caller has checked the actor may see it). */
export const findMeetingKey = async (db: DbOrTx, meetingId: number): Promise<{ groupCode: string; number: number } | null> => {
  const [row] = await db
    .select({ groupCode: meetingGroups.code, number: meetings.number })
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(eq(meetings.id, meetingId));
  return row ?? null;
};

/** Every meeting with its group (the secretariat's choice lists and the search's filter), newest first. */
export const findMeetingsForRegister = async (db: DbOrTx, actor: MaybeActor): Promise<RegisterMeeting[]> =>
  db
    .select(meetingColumns)
    .from(meetings)
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(visibleMeetingsFor(actor))
    .orderBy(desc(meetings.startsAt))
    .limit(500);

/** The agenda items of a meeting, in agenda order. */
export const findAgendaItems = async (db: DbOrTx, meetingId: number) =>
  db
    .select({ id: agendaItems.id, number: agendaItems.number, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.number));

export type CurrentFile = { documentId: number; locale: Locale; sha256: string; mediaType: string; size: number; uploadedAt: Date };

export type DocumentRow = {
  id: number;
  meetingId: number;
  symbol: string | null;
  kind: DocumentKind;
  status: DocumentStatus;
  title: Localized;
  sourceKind: SourceKind;
  sourceCountry: string | null;
  sourceName: string | null;
  agendaItemId: number | null;
  agendaItemNumber: string | null;
  originalLanguage: Locale;
  documentDate: string;
  late: boolean;
  amendsId: number | null;
  statusNote: string | null;
  files: CurrentFile[];
};

const documentColumns = {
  id: meetingDocuments.id,
  meetingId: meetingDocuments.meetingId,
  symbol: meetingDocuments.symbol,
  kind: meetingDocuments.kind,
  status: meetingDocuments.status,
  title: meetingDocuments.title,
  sourceKind: meetingDocuments.sourceKind,
  sourceCountry: meetingDocuments.sourceCountry,
  sourceName: meetingDocuments.sourceName,
  agendaItemId: meetingDocuments.agendaItemId,
  agendaItemNumber: agendaItems.number,
  originalLanguage: meetingDocuments.originalLanguage,
  documentDate: meetingDocuments.documentDate,
  late: meetingDocuments.late,
  amendsId: meetingDocuments.amendsId,
  statusNote: meetingDocuments.statusNote,
};

/** The current (not replaced) files of some documents, by document id. */
export const findCurrentFiles = async (db: DbOrTx, documentIds: number[]): Promise<Map<number, CurrentFile[]>> => {
  const byDocument = new Map<number, CurrentFile[]>();
  if (documentIds.length === 0) return byDocument;
  const rows = await db
    .select({
      documentId: documentFiles.documentId,
      locale: documentFiles.locale,
      sha256: documentFiles.sha256,
      mediaType: documentFiles.mediaType,
      size: documentFiles.size,
      uploadedAt: documentFiles.uploadedAt,
    })
    .from(documentFiles)
    .where(and(inArray(documentFiles.documentId, documentIds), isNull(documentFiles.replacedAt)));
  for (const row of rows) {
    const list = byDocument.get(row.documentId) ?? [];
    list.push(row);
    byDocument.set(row.documentId, list);
  }
  return byDocument;
};

type FileJson = { locale: Locale; sha256: string; mediaType: string; size: number; uploadedAt: string };

/**
 * The current files of each document, in the documents' own statement (one round trip for a
 * list: on a busy server each extra statement costs more than the join).
 */
const currentFilesColumn = sql<
  FileJson[]
>`coalesce((select json_agg(json_build_object('locale', f.locale, 'sha256', f.sha256, 'mediaType', f.media_type, 'size', f.size, 'uploadedAt', f.uploaded_at) order by f.locale) from meetings_document_files f where f.document_id = meetings_documents.id and f.replaced_at is null), '[]'::json)`;

const filesOf = (documentId: number, files: FileJson[]): CurrentFile[] =>
  files.map((f) => ({ documentId, locale: f.locale, sha256: f.sha256, mediaType: f.mediaType, size: Number(f.size), uploadedAt: new Date(f.uploadedAt) }));

export type MeetingDocumentFilters = { kind?: string; source?: string; item?: string };

/** A source filter value: a source kind ('secretariat') or a Member State ('country:FR'). */
const sourceFilter = (source: string | undefined): SQL | undefined => {
  if (!source) return undefined;
  if (source.startsWith('country:')) return eq(meetingDocuments.sourceCountry, source.slice('country:'.length));
  return eq(meetingDocuments.sourceKind, source as SourceKind);
};

const itemFilter = (item: string | undefined): SQL | undefined => {
  if (!item) return undefined;
  return /^\d{1,15}$/.test(item) ? eq(meetingDocuments.agendaItemId, Number(item)) : sql`false`;
};

/**
 * The documents of a meeting the actor may see, in symbol order (41/2 before 41/10, each
 * amendment after its base, the INF series after the main one), filtered by kind, source and
 * agenda item, with their current files.
 */
export const findMeetingDocuments = async (
  db: DbOrTx,
  {
    meetingId,
    actor,
    filters = {},
    meetingChecked = false,
  }: { meetingId: number; actor: MaybeActor; filters?: MeetingDocumentFilters /** The caller has already checked the actor sees the meeting. */; meetingChecked?: boolean },
): Promise<DocumentRow[]> => {
  const rows = await db
    .select({ ...documentColumns, currentFiles: currentFilesColumn })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .leftJoin(agendaItems, eq(agendaItems.id, meetingDocuments.agendaItemId))
    .where(
      and(
        eq(meetingDocuments.meetingId, meetingId),
        meetingChecked && !can(actor, 'meetings.document.register') ? inArray(meetingDocuments.status, ['published', 'withdrawn']) : visibleDocumentsFor(actor),
        filters.kind ? eq(meetingDocuments.kind, filters.kind as DocumentKind) : undefined,
        sourceFilter(filters.source),
        itemFilter(filters.item),
      ),
    )
    .orderBy(
      sql`meetings_documents.series nulls last, meetings_documents.series_number nulls last, meetings_documents.amendment_kind nulls first, meetings_documents.amendment_number nulls first, meetings_documents.id`,
    );
  return rows.map(({ currentFiles, ...r }) => ({ ...r, files: filesOf(r.id, currentFiles) }));
};

export type DocumentFileVersion = { id: number; locale: Locale; mediaType: string; size: number; uploadedAt: Date; replacedAt: Date | null; sha256: string };
export type RelatedDocument = { id: number; symbol: string | null; status: DocumentStatus; title: Localized; amendmentKind: string | null };

export type DocumentDetail = DocumentRow & {
  meeting: RegisterMeeting;
  agendaItemTitle: Localized | null;
  registeredAt: Date | null;
  registeredByName: string | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  submittedAt: Date;
  versions: DocumentFileVersion[];
  base: RelatedDocument | null;
  amendments: RelatedDocument[];
};

/** One document by its symbol, if the actor may see it (null otherwise), with its history. */
export const findDocumentBySymbol = async (db: DbOrTx, { symbol, actor }: { symbol: string; actor: MaybeActor }): Promise<DocumentDetail | null> =>
  findDocumentWhere(db, { where: eq(meetingDocuments.symbol, symbol), actor });

/** One document by id (the secretariat's pages, where a submitted document has no symbol yet), if the actor may see it. */
export const findDocumentById = async (db: DbOrTx, { id, actor }: { id: number; actor: MaybeActor }): Promise<DocumentDetail | null> =>
  findDocumentWhere(db, { where: eq(meetingDocuments.id, id), actor });

const findDocumentWhere = async (db: DbOrTx, { where, actor }: { where: SQL; actor: MaybeActor }): Promise<DocumentDetail | null> => {
  const [row] = await db
    .select({
      ...documentColumns,
      agendaItemTitle: agendaItems.title,
      registeredAt: meetingDocuments.registeredAt,
      registeredByName: users.name,
      publishedAt: meetingDocuments.publishedAt,
      withdrawnAt: meetingDocuments.withdrawnAt,
      submittedAt: meetingDocuments.submittedAt,
      meeting: meetingColumns,
    })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .leftJoin(agendaItems, eq(agendaItems.id, meetingDocuments.agendaItemId))
    .leftJoin(users, eq(users.id, meetingDocuments.registeredBy))
    .where(and(where, visibleDocumentsFor(actor)));
  if (!row) return null;
  const versions = await db
    .select({
      id: documentFiles.id,
      locale: documentFiles.locale,
      mediaType: documentFiles.mediaType,
      size: documentFiles.size,
      uploadedAt: documentFiles.uploadedAt,
      replacedAt: documentFiles.replacedAt,
      sha256: documentFiles.sha256,
    })
    .from(documentFiles)
    .where(eq(documentFiles.documentId, row.id))
    .orderBy(asc(documentFiles.locale), desc(documentFiles.uploadedAt), desc(documentFiles.id));
  const related = {
    id: meetingDocuments.id,
    symbol: meetingDocuments.symbol,
    status: meetingDocuments.status,
    title: meetingDocuments.title,
    amendmentKind: meetingDocuments.amendmentKind,
  };
  const [base] = row.amendsId
    ? await db
        .select(related)
        .from(meetingDocuments)
        .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
        .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
        .where(and(eq(meetingDocuments.id, row.amendsId), visibleDocumentsFor(actor)))
    : [];
  const amendments = await db
    .select(related)
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .where(and(eq(meetingDocuments.amendsId, row.id), visibleDocumentsFor(actor)))
    .orderBy(symbolOrderSql);
  return {
    ...row,
    files: versions
      .filter((v) => v.replacedAt === null)
      .map((v) => ({ documentId: row.id, locale: v.locale, sha256: v.sha256, mediaType: v.mediaType, size: v.size, uploadedAt: v.uploadedAt })),
    versions,
    base: base ?? null,
    amendments,
  };
};

export type DocumentSearch = { q?: string; meeting?: string; kind?: string; source?: string; page?: number };
export type DocumentSearchPage = {
  items: (DocumentRow & { meetingGroupCode: string; meetingNumber: number })[];
  /** Matches, counted up to SEARCH_COUNT_CAP (`totalIsCapped`: there are more). */
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
};

/** Matches counted at most: past it a search says "more than 500" and is to be narrowed. */
export const SEARCH_COUNT_CAP = 500;

/** A typed query that is (the start of) a symbol: 'CWG-WSIS&SDG-41/3', 'CWG-WSIS&SDG-41/'. */
const SYMBOL_LIKE = /^[A-Za-z][A-Za-z0-9&.-]*-\d+(?:\/.*)?$/;

/** `group-number` of a meeting filter ('CWG-WSIS&SDG-41'). */
export const parseMeetingKey = (value: string): { groupCode: string; number: number } | null => {
  const match = /^(.+)-(\d{1,6})$/.exec(value.trim());
  return match?.[1] && match[2] ? { groupCode: match[1], number: Number(match[2]) } : null;
};

/**
 * Searches the documents the actor may see: by words of their titles in any of the six languages
 * (core/search: each language's stems, Chinese segmented, Arabic normalized), or, when the query
 * is shaped like a symbol, by the exact symbol or its beginning; filtered by meeting
 * ('CWG-WSIS&SDG-41'), kind and source. Newest meetings first, each in symbol order.
 */
export const searchDocuments = async (
  db: DbOrTx,
  { actor, search, pageSize = 20 }: { actor: MaybeActor; search: DocumentSearch; pageSize?: number },
): Promise<DocumentSearchPage> => {
  const page = Math.max(1, Math.min(search.page ?? 1, 1000));
  const q = (search.q ?? '').trim().normalize('NFC').slice(0, 200);
  let match: SQL | undefined;
  if (q && SYMBOL_LIKE.test(q)) match = sql`starts_with(${meetingDocuments.symbol}, ${q})`;
  else if (q) match = sql`${meetingDocuments.searchVector} @@ ${anyLanguageQuery(prepareSearchText(q))}`;
  const meetingKey = search.meeting ? parseMeetingKey(search.meeting) : null;
  const where = and(
    visibleDocumentsFor(actor),
    sql`${meetingDocuments.symbol} is not null`,
    match,
    search.meeting ? (meetingKey ? and(eq(meetingGroups.code, meetingKey.groupCode), eq(meetings.number, meetingKey.number)) : sql`false`) : undefined,
    search.kind ? eq(meetingDocuments.kind, search.kind as DocumentKind) : undefined,
    sourceFilter(search.source),
  );
  const base = db
    .select({
      ...documentColumns,
      meetingGroupCode: meetingGroups.code,
      meetingNumber: meetings.number,
    })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
    .leftJoin(agendaItems, eq(agendaItems.id, meetingDocuments.agendaItemId))
    .where(where)
    .orderBy(
      desc(meetings.startsAt),
      sql`meetings_documents.series nulls last, meetings_documents.series_number nulls last, meetings_documents.amendment_kind nulls first, meetings_documents.amendment_number nulls first`,
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // The total is counted apart and only up to SEARCH_COUNT_CAP: an exact count of a common word
  // checked every matching vector (0.8 s on 50,000 documents), the page itself stops at its 20 rows.
  const [rows, counted] = await Promise.all([
    base,
    db.execute<{ n: number }>(
      sql`select count(*)::int as n from (${db
        .select({ one: sql`1` })
        .from(meetingDocuments)
        .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
        .innerJoin(meetingGroups, eq(meetingGroups.id, meetings.groupId))
        .where(where)
        .limit(SEARCH_COUNT_CAP + 1)}) as capped`,
    ),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  const total = Math.min(n, SEARCH_COUNT_CAP);
  // The files of the page's 20 rows only (in the select list they would be read for every match, before the limit).
  const files = await findCurrentFiles(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({ ...r, files: files.get(r.id) ?? [] })),
    total,
    totalIsCapped: n > SEARCH_COUNT_CAP,
    page,
    pageSize,
  };
};

export type ApiDocument = {
  symbol: string;
  kind: string;
  status: string;
  title: Record<string, string>;
  source: { kind: string; country: string | null; name: string | null };
  agendaItem: string | null;
  originalLanguage: string;
  date: string;
  late: boolean;
  meeting?: { group: string; number: number };
  files: { language: string; mediaType: string; size: number; uploadedAt: string; url: string }[];
};

/** The download path of a language version (without the locale prefix, as the API gives it under /en). */
export const downloadPath = (symbol: string, locale: string) => `/documents/${encodeURIComponent(symbol)}/${locale}`;

/** A document as the API gives it. */
export const apiDocument = (row: DocumentRow & { meetingGroupCode?: string; meetingNumber?: number }): ApiDocument => ({
  symbol: row.symbol ?? '',
  kind: row.kind,
  status: row.status,
  title: row.title as Record<string, string>,
  source: { kind: row.sourceKind, country: row.sourceCountry, name: row.sourceName },
  agendaItem: row.agendaItemNumber,
  originalLanguage: row.originalLanguage,
  date: row.documentDate,
  late: row.late,
  ...(row.meetingGroupCode !== undefined && row.meetingNumber !== undefined ? { meeting: { group: row.meetingGroupCode, number: row.meetingNumber } } : {}),
  files: row.files.map((f) => ({
    language: f.locale,
    mediaType: f.mediaType,
    size: f.size,
    uploadedAt: f.uploadedAt.toISOString(),
    url: `/en${downloadPath(row.symbol ?? '', f.locale)}`,
  })),
});

/**
 * The published (and withdrawn) documents of a meeting in symbol order, as the API gives them.
 * The caller (the meeting's API detail) has checked that the reader may see the meeting.
 */
export const findMeetingDocumentsForApi = async (db: DbOrTx, meetingId: number): Promise<ApiDocument[]> =>
  (await findMeetingDocuments(db, { meetingId, actor: null, meetingChecked: true })).filter((d) => d.symbol !== null).map(apiDocument);
