import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Localized } from '../../core/i18n/locales.js';

/** WSIS Action Lines C1–C11 and C7's eight sub-lines (parent 'C7'). */
export const actionLines = pgTable('reference_action_lines', {
  code: text().primaryKey(),
  parent: text(),
  position: integer().notNull(),
  title: jsonb().$type<Localized>().notNull(),
  short: jsonb().$type<Localized>().notNull(),
  titleConfidence: jsonb().$type<Partial<Record<string, string>>>().notNull(),
  leadFacilitators: jsonb().$type<string[]>().notNull(),
  ituRole: text().notNull(),
  sources: jsonb().$type<string[]>().notNull(),
});

/** The 17 Sustainable Development Goals. */
export const sdgs = pgTable('reference_sdgs', {
  number: integer().primaryKey(),
  short: jsonb().$type<Localized>().notNull(),
  title: jsonb().$type<Localized>().notNull(),
  confidence: jsonb().$type<Record<string, string>>().notNull(),
});

/** SDG targets that the matrix refers to (e.g. '3.8'). */
export const sdgTargets = pgTable('reference_sdg_targets', {
  code: text().primaryKey(),
  sdg: integer().notNull().references(() => sdgs.number),
  text: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
});

/** The WSIS–SDG matrix: an action line serves an SDG through some of its targets. Admin-editable. */
export const matrixLinks = pgTable(
  'reference_matrix_links',
  {
    actionLine: text().notNull().references(() => actionLines.code),
    sdg: integer().notNull().references(() => sdgs.number),
    targets: jsonb().$type<string[]>().notNull(),
    rationale: jsonb().$type<Localized>().notNull(),
    confidence: text().notNull(),
    source: text().notNull(),
    notes: jsonb().$type<string[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actionLine, t.sdg] }), index('reference_matrix_links_sdg_idx').on(t.sdg)],
);

/** The 18 WSIS Prizes categories (default set; editions may change theirs). */
export const prizeCategories = pgTable('reference_prize_categories', {
  number: integer().primaryKey(),
  actionLine: text().notNull().references(() => actionLines.code),
  title: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
});

/** ITU Connect 2030 Agenda goals and their targets. */
export const connectGoals = pgTable('reference_connect2030_goals', {
  code: text().primaryKey(),
  key: text().notNull(),
  title: jsonb().$type<Localized>().notNull(),
});

export const connectTargets = pgTable('reference_connect2030_targets', {
  code: text().primaryKey(),
  goal: text().notNull().references(() => connectGoals.code),
  text: jsonb().$type<Localized>().notNull(),
  confidence: text().notNull(),
});

/** The six ITU regions. */
export const regions = pgTable('reference_regions', {
  code: text().primaryKey(),
  name: jsonb().$type<Localized>().notNull(),
});

/** ISO 3166-1 countries and territories; names come from Intl.DisplayNames in each language. */
export const countries = pgTable('reference_countries', {
  code: text().primaryKey(),
  region: text().notNull().references(() => regions.code),
  isItuMember: boolean().notNull(),
});
