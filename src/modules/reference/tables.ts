import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Localized } from '../../core/i18n/locales.js';
import type { Confidence } from './rules.js';

export type { Confidence };

/** WSIS Action Lines C1–C11 and C7's eight sub-lines (parent 'C7'). */
export const actionLines = pgTable('reference_action_lines', {
  code: text().primaryKey(),
  parent: text(),
  position: integer().notNull(),
  title: jsonb().$type<Localized>().notNull(),
  short: jsonb().$type<Localized>().notNull(),
  titleConfidence: jsonb().$type<Confidence>().notNull(),
  shortConfidence: jsonb().$type<Confidence>().notNull().default({}),
  leadFacilitators: jsonb().$type<string[]>().notNull(),
  facilitatorsConfidence: text(),
  /** ITU's role in the line; null when the sources do not state it (C7 sub-lines, C10). */
  ituRole: text(),
  sources: jsonb().$type<string[]>().notNull(),
  notes: jsonb().$type<string[]>().notNull().default([]),
});

/** The 17 Sustainable Development Goals. */
export const sdgs = pgTable('reference_sdgs', {
  number: integer().primaryKey(),
  short: jsonb().$type<Localized>().notNull(),
  title: jsonb().$type<Localized>().notNull(),
  confidence: jsonb().$type<{ short?: Confidence; title?: Confidence }>().notNull(),
  source: text(),
});

/** SDG targets that the matrix refers to (e.g. '3.8'). */
export const sdgTargets = pgTable('reference_sdg_targets', {
  code: text().primaryKey(),
  sdg: integer()
    .notNull()
    .references(() => sdgs.number),
  text: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
});

/**
 * The WSIS–SDG matrix: an action line serves an SDG through some of its targets (none = the goal
 * as a whole). Admin-editable; a removed link keeps its row with `deletedAt` set so that the seed,
 * which only inserts missing links, does not bring it back on the next start.
 */
export const matrixLinks = pgTable(
  'reference_matrix_links',
  {
    actionLine: text()
      .notNull()
      .references(() => actionLines.code),
    sdg: integer()
      .notNull()
      .references(() => sdgs.number),
    targets: jsonb().$type<string[]>().notNull(),
    rationale: jsonb().$type<Localized>().notNull(),
    confidence: text().notNull(),
    source: text().notNull(),
    notes: jsonb().$type<string[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.actionLine, t.sdg] }), index('reference_matrix_links_sdg_idx').on(t.sdg)],
);

/** The 18 WSIS Prizes categories (default set; editions may change theirs). */
export const prizeCategories = pgTable('reference_prize_categories', {
  number: integer().primaryKey(),
  actionLine: text()
    .notNull()
    .references(() => actionLines.code),
  title: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
  titleConfidence: jsonb().$type<Confidence>().notNull().default({}),
  sources: jsonb().$type<string[]>().notNull().default([]),
});

/** ITU Connect 2030 Agenda goals and their targets. */
export const connectGoals = pgTable('reference_connect2030_goals', {
  code: text().primaryKey(),
  key: text().notNull(),
  title: jsonb().$type<Localized>().notNull(),
  statement: jsonb().$type<Localized>().notNull().default({}),
  titleConfidence: jsonb().$type<Confidence>().notNull().default({}),
  statementConfidence: jsonb().$type<Confidence>().notNull().default({}),
  source: text(),
});

export const connectTargets = pgTable('reference_connect2030_targets', {
  code: text().primaryKey(),
  goal: text()
    .notNull()
    .references(() => connectGoals.code),
  text: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
  textConfidence: jsonb().$type<Confidence>().notNull().default({}),
  source: text(),
});

/** The six ITU regions. */
export const regions = pgTable('reference_regions', {
  code: text().primaryKey(),
  name: jsonb().$type<Localized>().notNull(),
  nameConfidence: text(),
});

/**
 * ISO 3166-1 countries and territories; names come from Intl.DisplayNames in each language.
 * `region` is null for Antarctica and uninhabited sub-Antarctic territories.
 */
export const countries = pgTable(
  'reference_countries',
  {
    code: text().primaryKey(),
    region: text().references(() => regions.code),
    isItuMember: boolean().notNull(),
    note: text(),
  },
  (t) => [index('reference_countries_region_idx').on(t.region)],
);

/**
 * One row counting the committed changes to the reference tables above (bumped once per writing
 * transaction, at commit, by the triggers of migration 0012): pages and API lists rendered from
 * reference data are kept in memory per version, and every process reads the version to know
 * whether its copy is still current.
 */
export const referenceVersion = pgTable('reference_data_version', {
  id: integer().primaryKey().default(1),
  version: bigint({ mode: 'number' }).notNull().default(0),
});
