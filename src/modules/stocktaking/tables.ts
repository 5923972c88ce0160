import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized } from '../../core/i18n/locales.js';

export const ENTRY_STATES = ['draft', 'submitted', 'published', 'returned', 'rejected'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
export const TARGET_GROUPS = [
  'women-and-girls',
  'youth',
  'children',
  'older-persons',
  'persons-with-disabilities',
  'indigenous-peoples',
  'rural-and-remote-communities',
  'refugees-and-migrants',
  'low-income',
] as const;
export const PROJECT_STATUSES = ['planned', 'ongoing', 'completed'] as const;
export const SCOPES = ['national', 'regional', 'international'] as const;
/** How each language version of an entry came to be (the core's kinds). */
export { TRANSLATION_KINDS, type TranslationKind } from '../../core/i18n/locales.js';
import type { TranslationKind } from '../../core/i18n/locales.js';

/** PostgreSQL full-text vector, written by the commands (Chinese is segmented first, in Node). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Activities of the WSIS Stocktaking database. The row holds the version the public sees; edits of
 * a published entry wait in stocktaking_revisions until a moderator accepts them.
 * organization_id points to accounts_organizations (no foreign key across modules: the accounts
 * module owns that table; deleting an organization leaves its entries in the submitter's name).
 */
export const entries = pgTable(
  'stocktaking_entries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    state: text({ enum: ENTRY_STATES }).notNull().default('draft'),
    submitterId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    organizationId: bigint({ mode: 'number' }),
    originalLanguage: text().$type<Locale>().notNull(),
    title: jsonb().$type<Localized>().notNull(),
    summary: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    impact: jsonb().$type<Localized>().notNull().default({}),
    partners: jsonb().$type<Localized>().notNull().default({}),
    translations: jsonb().$type<Partial<Record<Locale, TranslationKind>>>().notNull().default({}),
    /** Languages whose version predates the latest change of the original text: out of date until saved again in that language. */
    outdatedLanguages: text().array().$type<Locale[]>().notNull().default(sql`'{}'::text[]`),
    stakeholderType: text().notNull(),
    leadCountry: text().notNull(),
    countries: text().array().notNull().default(sql`'{}'::text[]`),
    region: text(),
    scope: text({ enum: SCOPES }).notNull(),
    actionLines: text().array().notNull(),
    sdgs: integer().array().notNull().default(sql`'{}'::integer[]`),
    sdgTargets: text().array().notNull().default(sql`'{}'::text[]`),
    targetGroups: text().array().notNull().default(sql`'{}'::text[]`),
    projectStatus: text({ enum: PROJECT_STATUSES }).notNull(),
    startDate: date(),
    endDate: date(),
    website: text(),
    // Private: never in public pages, the public API or exports.
    contactName: text(),
    contactEmail: text(),
    /** The images shown with the entry, in order (rows of stocktaking_images). */
    imageIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    searchVector: tsvector(),
    /** The titles alone (weight A): small enough to rank thousands of matches without reading search_vector. */
    titleVector: tsvector(),
    /** Every language's title, joined: the trigger of migration 0008 learns the corrector's words (stocktaking_words) from it. */
    titleText: text().notNull().default(''),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** Year of first publication, for the year facet. */
    publishedYear: integer(),
  },
  (t) => [
    index('stocktaking_entries_state_published_idx').on(t.state, t.publishedAt),
    index('stocktaking_entries_action_lines_idx').using('gin', t.actionLines),
    index('stocktaking_entries_sdgs_idx').using('gin', t.sdgs),
    index('stocktaking_entries_target_groups_idx').using('gin', t.targetGroups),
    index('stocktaking_entries_countries_idx').using('gin', t.countries),
    index('stocktaking_entries_organization_idx').on(t.organizationId),
    index('stocktaking_entries_submitter_idx').on(t.submitterId),
  ],
);

/**
 * The narrow copy of each entry that full-text search reads (about 500 bytes a row against 1.9 KB
 * for stocktaking_entries): who may see it and the two vectors. A search visits every matching row
 * to check it, so the width of the row is what a frequent word costs (measured at 100,000 entries:
 * 30 ms here against 85 ms on the wide table for 23,280 matches). Kept in step by the trigger of
 * migration 0007, which copies the columns the commands computed; never written by code.
 */
export const searchRows = pgTable(
  'stocktaking_search',
  {
    entryId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => entries.id, { onDelete: 'cascade' }),
    state: text({ enum: ENTRY_STATES }).notNull(),
    submitterId: bigint({ mode: 'number' }),
    searchVector: tsvector(),
    titleVector: tsvector(),
  },
  (t) => [index('stocktaking_search_vector_idx').using('gin', t.searchVector)],
);

/**
 * One row counting the changes to stocktaking_entries (bumped by a statement trigger of migration
 * 0007): the search process's in-memory facet index reloads when it moves (see facet-index.ts).
 */
export const entriesVersion = pgTable('stocktaking_entries_version', {
  id: integer().primaryKey().default(1),
  version: bigint({ mode: 'number' }).notNull().default(0),
});

/**
 * Which entries each version of stocktaking_entries_version changed (written at commit by the
 * trigger of migration 0009; versions older than the last thousand are pruned): a process whose
 * facet index is a few versions old reads only those entries again.
 */
export const entryChanges = pgTable(
  'stocktaking_entry_changes',
  {
    version: bigint({ mode: 'number' }).notNull(),
    entryId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index('stocktaking_entry_changes_version_idx').on(t.version)],
);

/**
 * The words of published titles (lower case, as the `simple` configuration cuts them), with a
 * trigram index: a misspelt search word is corrected to the closest of them, then searched like
 * any word (the "did you mean" of PostgreSQL's pg_trgm documentation). Filled by the trigger of
 * migration 0008; words of entries unpublished later stay (they then find nothing).
 */
export const searchWords = pgTable(
  'stocktaking_words',
  {
    word: text().primaryKey(),
  },
  (t) => [index('stocktaking_words_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);

/** Proposed edits of a published entry (a full snapshot of the editable fields), moderated again. */
export const revisions = pgTable(
  'stocktaking_revisions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    state: text({ enum: ['pending', 'accepted', 'returned', 'rejected', 'superseded'] })
      .notNull()
      .default('pending'),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    authorId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    comment: text(),
  },
  (t) => [uniqueIndex('stocktaking_revisions_entry_number_idx').on(t.entryId, t.number)],
);

/** The history of an entry as its submitter and moderators see it: every step with its comment. */
export const events = pgTable(
  'stocktaking_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    kind: text({
      enum: [
        'created',
        'edited',
        'submitted',
        'published',
        'returned',
        'rejected',
        'revision-proposed',
        'revision-accepted',
        'revision-returned',
        'revision-rejected',
        'update-requested',
      ],
    }).notNull(),
    comment: text(),
    revisionId: bigint({ mode: 'number' }),
    /** For a return to the submitter: the content as it was returned, so that a resubmission shows what changed. */
    content: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('stocktaking_events_entry_idx').on(t.entryId, t.at)],
);

/**
 * Images of an entry, re-encoded on upload (type checked from the bytes, metadata stripped). An
 * entry shows the ones its image_ids list; an image added to a published entry waits in the
 * pending revision like any other edit.
 */
export const images = pgTable(
  'stocktaking_images',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    uploaderId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    mimeType: text({ enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    byteSize: integer().notNull(),
    data: bytea().notNull(),
    /** Text alternative, in the languages it was given in. */
    alt: jsonb().$type<Localized>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stocktaking_images_entry_idx').on(t.entryId)],
);

/**
 * The yearly call for new and updated entries: open between two dates; when it opens, owners of
 * entries not updated for a year are e-mailed (once per call).
 */
export const calls = pgTable('stocktaking_calls', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  opensOn: date().notNull(),
  closesOn: date().notNull(),
  openedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** How many owners were e-mailed, and about how many entries. */
  ownersNotified: integer().notNull().default(0),
  entriesConcerned: integer().notNull().default(0),
});
