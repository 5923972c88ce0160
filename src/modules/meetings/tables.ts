import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized } from '../../core/i18n/locales.js';
import { storedFiles } from '../../core/storage/tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A body that meets and numbers its documents: the Council Working Group on WSIS & SDGs first
 * ('CWG-WSIS&SDG'), later the WSIS Forum or an expert group. `code` begins every symbol of its
 * meetings' meetingDocuments ('CWG-WSIS&SDG-41/3') and never changes once a document is registered.
 */
export const meetingGroups = pgTable('meetings_groups', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  name: jsonb().$type<Localized>().notNull(),
  /** Days before a meeting opens that contributions are due (12 calendar days for the CWG). */
  deadlineDays: integer().notNull().default(12),
  /** The group's page and meetingDocuments are for members only (cwg-member, secretariat) when false. */
  isPublic: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** planned → convened (invitation sent) → held; or cancelled (kept, and shown cancelled in the calendar). */
export const MEETING_STATUSES = ['planned', 'convened', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** Who sees a meeting and its documents: everyone, or members (cwg-member, secretariat) only. */
export const MEETING_ACCESS = ['public', 'members'] as const;
export type MeetingAccess = (typeof MEETING_ACCESS)[number];

/**
 * A meeting of a group, by its number within the group (the 41st meeting of the CWG). Date-times
 * are UTC instants; `timeZone` is the place's, used to show and to type them.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    groupId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetingGroups.id),
    number: integer().notNull(),
    title: jsonb().$type<Localized>().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    timeZone: text().notNull().default('Europe/Zurich'),
    /** Place in six languages ('ITU headquarters, Geneva'); empty for an online meeting. */
    place: jsonb().$type<Localized>().notNull().default({}),
    onlineUrl: text(),
    chair: text(),
    viceChairs: text().array().notNull().default(sql`'{}'::text[]`),
    status: text({ enum: MEETING_STATUSES }).notNull().default('planned'),
    /** Contributions are due before this instant (by default `deadlineDays` of the group before the opening, 23:59 in the meeting's time zone). */
    contributionsDeadline: timestamp({ withTimezone: true }).notNull(),
    access: text({ enum: MEETING_ACCESS }).notNull().default('public'),
    /** Increases with every change that calendars must see (iCalendar SEQUENCE). */
    sequence: integer().notNull().default(0),
    /** Action line codes the meeting concerns (C1…C11), for the calendar's filters. */
    actionLines: text().array().notNull().default(sql`'{}'::text[]`),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meetings_group_number_idx').on(t.groupId, t.number),
    index('meetings_starts_idx').on(t.startsAt),
    check('meetings_dates_ordered', sql`${t.startsAt} < ${t.endsAt}`),
    check('meetings_number_positive', sql`${t.number} > 0`),
  ],
);

/** An item of a meeting's agenda ('1', '2', '2.1'), in six languages; meetingDocuments are filed under one. */
export const agendaItems = pgTable(
  'meetings_agenda_items',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** As printed on the agenda ('2.1'). */
    number: text().notNull(),
    position: integer().notNull(),
    title: jsonb().$type<Localized>().notNull(),
  },
  (t) => [uniqueIndex('meetings_agenda_items_number_idx').on(t.meetingId, t.number)],
);

/** Kinds of meetingDocuments and the series of symbols each takes within a meeting ('' for 41/3, 'INF' for 41/INF/2…). */
export const DOCUMENT_KINDS = ['contribution', 'secretariat', 'information', 'circular-letter', 'summary', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** submitted (by a member, not yet checked) → registered (symbol allocated) → published; withdrawn keeps its symbol; rejected never had one. */
export const DOCUMENT_STATUSES = ['submitted', 'registered', 'published', 'withdrawn', 'rejected'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
/** Who a document comes from. */
export const SOURCE_KINDS = ['member-state', 'sector-member', 'secretariat', 'chair', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** A revision, addendum or corrigendum of another document ('41/3(Rev.1)'). */
export const AMENDMENT_KINDS = ['rev', 'add', 'corr'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/**
 * A document of a meeting. Its symbol is allocated at registration by the database
 * (meetings_symbol_counters, in the registering transaction) and never changes; a submitted or
 * rejected document has none. `seriesNumber` is the number within its series (3 of 41/3), kept
 * apart so that the list sorts 41/2 before 41/10; an amendment points at its base document and
 * carries its own number (Rev.1, Rev.2…).
 */
export const meetingDocuments = pgTable(
  'meetings_documents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetings.id),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    status: text({ enum: DOCUMENT_STATUSES }).notNull().default('submitted'),
    symbol: text(),
    /** The series of the symbol within the meeting: '' (41/3), 'INF' (41/INF/2), 'CL', 'SUM', 'OTH'. */
    series: text(),
    seriesNumber: integer(),
    amendsId: bigint({ mode: 'number' }),
    amendmentKind: text({ enum: AMENDMENT_KINDS }),
    amendmentNumber: integer(),
    title: jsonb().$type<Localized>().notNull(),
    sourceKind: text({ enum: SOURCE_KINDS }).notNull(),
    /** ISO code of a Member State source (checked against the reference list by the commands: another module's table, so no foreign key). */
    sourceCountry: text(),
    /** The organization (accounts) the contribution was submitted for, checked by the commands. */
    sourceOrganizationId: bigint({ mode: 'number' }),
    /** The source as printed when it is not a Member State ('ITU Secretariat', a Sector Member's name). */
    sourceName: text(),
    agendaItemId: bigint({ mode: 'number' }).references(() => agendaItems.id, { onDelete: 'set null' }),
    originalLanguage: text().$type<Locale>().notNull(),
    /** The document's date as printed on it. */
    documentDate: date({ mode: 'string' }).notNull(),
    /** Received after the meeting's deadline, and registered as late. */
    late: boolean().notNull().default(false),
    submittedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    registeredBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    registeredAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    /** Why it was withdrawn or rejected, as the secretariat wrote it. */
    statusNote: text(),
    /** Words of the titles in every language (core/search), for the register's search. */
    searchVector: tsvector(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meetings_documents_symbol_idx').on(t.symbol),
    index('meetings_documents_meeting_idx').on(t.meetingId, t.series, t.seriesNumber, t.amendmentKind, t.amendmentNumber),
    index('meetings_documents_amends_idx').on(t.amendsId),
    index('meetings_documents_search_idx').using('gin', t.searchVector),
    check('meetings_documents_symbol_when_registered', sql`(${t.symbol} is null) = (${t.status} in ('submitted', 'rejected'))`),
    check('meetings_documents_amendment_complete', sql`(${t.amendsId} is null) = (${t.amendmentKind} is null)`),
  ],
);

/**
 * One file of a language version of a document. A new upload of the same language replaces the
 * current one (`replacedAt` set on the old row, which stays as the document's history); the bytes
 * are in the file store, by hash.
 */
export const documentFiles = pgTable(
  'meetings_document_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetingDocuments.id, { onDelete: 'cascade' }),
    locale: text().$type<Locale>().notNull(),
    sha256: text()
      .notNull()
      .references(() => storedFiles.sha256),
    /** Type read from the bytes ('application/pdf'). */
    mediaType: text().notNull(),
    /** Name given for downloads, built from the symbol and language ('CWG-WSIS&SDG-41-3-fr.pdf'). */
    fileName: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    uploadedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    replacedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('meetings_document_files_current_idx').on(t.documentId, t.locale).where(sql`${t.replacedAt} is null`),
    index('meetings_document_files_document_idx').on(t.documentId),
  ],
);

/**
 * The last number given in each series of symbols of a meeting ('' → 41/3, 'INF' → 41/INF/2, and
 * 'rev:<document id>' for the revisions of one document). Allocated by `insert … on conflict do
 * update … returning` in the registering transaction: two registrations at once wait for each
 * other's row, and a refused registration rolls its number back, so numbers never repeat nor leave gaps.
 */
export const symbolCounters = pgTable(
  'meetings_symbol_counters',
  {
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    series: text().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.series] })],
);

/** A decision recorded in a meeting's summary, in six languages, with the meetingDocuments it discussed. */
export const meetingDecisions = pgTable(
  'meetings_decisions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    text: jsonb().$type<Localized>().notNull(),
    agendaItemId: bigint({ mode: 'number' }).references(() => agendaItems.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meetings_decisions_number_idx').on(t.meetingId, t.number)],
);

export const decisionDocuments = pgTable(
  'meetings_decision_documents',
  {
    decisionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetingDecisions.id, { onDelete: 'cascade' }),
    documentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetingDocuments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.documentId] })],
);

/** Who follows a meeting: each is told (in their language) when one of its meetingDocuments is published. */
export const meetingFollowers = pgTable(
  'meetings_followers',
  {
    meetingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);
