import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized } from '../../core/i18n/locales.js';

/** ITU's bureaux: the General Secretariat, the Radiocommunication, Telecommunication Standardization and Development Bureaux. */
export const BUREAUX = ['GS', 'BR', 'TSB', 'BDT'] as const;
export type Bureau = (typeof BUREAUX)[number];

/**
 * The roadmap of one action line (C7 by sub-line where needed: 'C7.e-health'), keyed by the
 * reference data's code (another module's table: checked by the commands, no foreign key).
 * Its content lives in versions; the roadmap row is the stable thing tasks and focal points hang on.
 */
export const roadmaps = pgTable('roadmaps', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  actionLine: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** draft (being written) → presented (to the Council through the CWG, with the document's symbol) → current; a newer current version supersedes the previous one. */
export const VERSION_STATUSES = ['draft', 'presented', 'current', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * One version of a roadmap, numbered 1, 2, 3… within it. Texts are in six languages. A draft is
 * edited in place; presented, current and superseded versions are frozen (the commands refuse
 * edits), so earlier versions stay readable as presented and any two can be compared.
 */
export const roadmapVersions = pgTable(
  'roadmaps_versions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    roadmapId: bigint({ mode: 'number' })
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    status: text({ enum: VERSION_STATUSES }).notNull().default('draft'),
    /** ITU's role in the line, from the reference data at the version's creation, editable. */
    ituRole: jsonb().$type<Localized>().notNull().default({}),
    objectives: jsonb().$type<Localized>().notNull().default({}),
    expectedResults: jsonb().$type<Localized>().notNull().default({}),
    /** Partner organizations (accounts; checked by the commands). */
    partnerOrganizationIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** SDG target codes ('4.4') and Connect 2030 target codes ('1.1'), checked against the reference data. */
    sdgTargets: text().array().notNull().default(sql`'{}'::text[]`),
    connectTargets: text().array().notNull().default(sql`'{}'::text[]`),
    /** What changed, as its author wrote it. */
    note: text(),
    /** The symbol of the CWG document that presented it ('CWG-WSIS&SDG-42/5'); linked to the register when a document has it. */
    presentedSymbol: text(),
    presentedAt: timestamp({ withTimezone: true }),
    currentSince: timestamp({ withTimezone: true }),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roadmaps_versions_number_idx').on(t.roadmapId, t.number),
    // At most one current version and one draft per roadmap.
    uniqueIndex('roadmaps_versions_current_idx').on(t.roadmapId).where(sql`${t.status} = 'current'`),
    uniqueIndex('roadmaps_versions_draft_idx').on(t.roadmapId).where(sql`${t.status} = 'draft'`),
    check('roadmaps_versions_presented_symbol', sql`${t.status} = 'draft' or ${t.presentedSymbol} is not null`),
  ],
);

/**
 * A focal point: a person of a bureau appointed for an action line, from `appointedOn` until
 * `endedOn` (null while serving). A person who holds the role `focal-point` and a serving
 * appointment edits the roadmaps of those lines only.
 */
export const focalPoints = pgTable(
  'roadmaps_focal_points',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id),
    actionLine: text().notNull(),
    bureau: text({ enum: BUREAUX }).notNull(),
    appointedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roadmaps_focal_points_line_idx').on(t.actionLine),
    index('roadmaps_focal_points_user_idx').on(t.userId),
    // One serving appointment of a person per line.
    uniqueIndex('roadmaps_focal_points_serving_idx').on(t.userId, t.actionLine).where(sql`${t.endedOn} is null`),
    check('roadmaps_focal_points_dates', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.appointedOn}`),
  ],
);

/** An output of ITU's operational plan ('O.2.3'), which tasks belong to. */
export const planOutputs = pgTable('roadmaps_plan_outputs', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  title: jsonb().$type<Localized>().notNull(),
  bureau: text({ enum: BUREAUX }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The status an owner reports. `late` and `stale` on the pages are computed, never typed (rules.ts): a typed `late` is the owner's own word. */
export const TASK_STATUSES = ['not-started', 'on-track', 'at-risk', 'late', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A task of a roadmap with its deadline. `lastUpdateAt` is the instant of its latest progress
 * update (creation until then), written by the update command in the same transaction, so that
 * "stale" (no update for 90 days) is an index range, not a scan of 50,000 updates.
 */
export const tasks = pgTable(
  'roadmaps_tasks',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    roadmapId: bigint({ mode: 'number' })
      .notNull()
      .references(() => roadmaps.id),
    title: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    ownerBureau: text({ enum: BUREAUX }).notNull(),
    ownerUserId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    startsOn: date({ mode: 'string' }).notNull(),
    deadline: date({ mode: 'string' }).notNull(),
    status: text({ enum: TASK_STATUSES }).notNull().default('not-started'),
    outputId: bigint({ mode: 'number' }).references(() => planOutputs.id, { onDelete: 'set null' }),
    sdgTargets: text().array().notNull().default(sql`'{}'::text[]`),
    connectTargets: text().array().notNull().default(sql`'{}'::text[]`),
    lastUpdateAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roadmaps_tasks_roadmap_idx').on(t.roadmapId, t.deadline),
    index('roadmaps_tasks_owner_idx').on(t.ownerUserId),
    // Late: deadline passed and not done; stale: no update for 90 days. Open tasks only.
    index('roadmaps_tasks_open_deadline_idx').on(t.deadline).where(sql`${t.status} not in ('done', 'cancelled')`),
    index('roadmaps_tasks_open_updated_idx').on(t.lastUpdateAt).where(sql`${t.status} not in ('done', 'cancelled')`),
    index('roadmaps_tasks_sdg_targets_idx').using('gin', t.sdgTargets),
    check('roadmaps_tasks_dates_ordered', sql`${t.startsOn} <= ${t.deadline}`),
  ],
);

/** A dated progress update of a task, in its author's language. */
export const taskUpdates = pgTable(
  'roadmaps_task_updates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: bigint({ mode: 'number' })
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** The day the progress is reported for. */
    reportedOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: TASK_STATUSES }).notNull(),
    text: text().notNull(),
    locale: text().$type<Locale>().notNull(),
    authorId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('roadmaps_task_updates_task_idx').on(t.taskId, t.createdAt)],
);

/** Stocktaking entries linked to a task as evidence (another module's table: checked by the commands, no foreign key). */
export const taskEvidence = pgTable(
  'roadmaps_task_evidence',
  {
    taskId: bigint({ mode: 'number' })
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    entryId: bigint({ mode: 'number' }).notNull(),
    addedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.entryId] })],
);
