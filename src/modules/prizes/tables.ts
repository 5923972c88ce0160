import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized } from '../../core/i18n/locales.js';

/** The phases of an edition, in order. The current one is computed from the clock, never stored. */
export const PHASES = ['submission', 'validation', 'voting', 'selection', 'announcement'] as const;
export type Phase = (typeof PHASES)[number];

/** What makes a vote count, as the edition publishes it. */
export type ValidVoteRule = {
  /** The voter's account existed before voting opened. */
  accountCreatedBeforeVoting: boolean;
  /** The voter voted in every category (else none of their votes count). */
  allCategoriesRequired: boolean;
};

/** An extra question of the submission form (impact, partnerships, challenges, …). */
export type PrizeQuestion = { id: string; label: Localized; required: boolean; maxWords: number };

/** A weighted criterion of the expert selection. */
export type PrizeCriterion = { id: string; label: Localized; weight: number };

/**
 * One yearly edition of the WSIS Prizes: its phases (UTC), rules and eligibility settings.
 * Each phase is [start, end); phases follow each other but may leave gaps.
 */
export const editions = pgTable(
  'prizes_editions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    year: integer().notNull(),
    submissionStart: timestamp({ withTimezone: true }).notNull(),
    submissionEnd: timestamp({ withTimezone: true }).notNull(),
    validationStart: timestamp({ withTimezone: true }).notNull(),
    validationEnd: timestamp({ withTimezone: true }).notNull(),
    votingStart: timestamp({ withTimezone: true }).notNull(),
    votingEnd: timestamp({ withTimezone: true }).notNull(),
    selectionStart: timestamp({ withTimezone: true }).notNull(),
    selectionEnd: timestamp({ withTimezone: true }).notNull(),
    announcementStart: timestamp({ withTimezone: true }).notNull(),
    announcementEnd: timestamp({ withTimezone: true }).notNull(),
    /** Rules and guidelines, Markdown, per language. */
    rules: jsonb().$type<Localized>().notNull().default({}),
    categoriesPerProject: integer().notNull().default(1),
    projectsPerOrganizationPerCategory: integer().notNull().default(1),
    excludePastWinners: boolean().notNull().default(true),
    summaryMinWords: integer().notNull().default(150),
    summaryMaxWords: integer().notNull().default(200),
    allowedLanguages: text().array().$type<Locale[]>().notNull().default(sql`'{ar,en,es,fr,ru,zh}'::text[]`),
    validVote: jsonb().$type<ValidVoteRule>().notNull().default({ accountCreatedBeforeVoting: true, allCategoriesRequired: false }),
    questions: jsonb().$type<PrizeQuestion[]>().notNull().default([]),
    criteria: jsonb().$type<PrizeCriterion[]>().notNull().default([]),
    /** Whether the public sees the vote counts while voting is open. */
    countsPublicDuringVoting: boolean().notNull().default(false),
    /** Set when a manager publishes the nominees before voting opens. */
    nomineesPublishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prizes_editions_year_idx').on(t.year),
    check(
      'prizes_editions_phases_ordered',
      sql`${t.submissionStart} < ${t.submissionEnd} and ${t.submissionEnd} <= ${t.validationStart} and ${t.validationStart} < ${t.validationEnd} and ${t.validationEnd} <= ${t.votingStart} and ${t.votingStart} < ${t.votingEnd} and ${t.votingEnd} <= ${t.selectionStart} and ${t.selectionStart} < ${t.selectionEnd} and ${t.selectionEnd} <= ${t.announcementStart} and ${t.announcementStart} < ${t.announcementEnd}`,
    ),
  ],
);

/** The categories of an edition (the 18 of the reference data by default; editable per edition). */
export const categories = pgTable(
  'prizes_categories',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    actionLine: text().notNull(),
    title: jsonb().$type<Localized>().notNull(),
  },
  (t) => [uniqueIndex('prizes_categories_edition_number_idx').on(t.editionId, t.number)],
);

export const NOMINATION_STATES = ['submitted', 'accepted', 'returned', 'rejected', 'withdrawn'] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];

/**
 * A stocktaking entry submitted to a category of an edition. entry_id and organization_id point
 * to other modules' tables (no foreign key across modules, as in stocktaking). Accepted
 * nominations are the nominees.
 */
export const nominations = pgTable(
  'prizes_nominations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryNumber: integer().notNull(),
    entryId: bigint({ mode: 'number' }).notNull(),
    organizationId: bigint({ mode: 'number' }),
    submitterId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    state: text({ enum: NOMINATION_STATES }).notNull().default('submitted'),
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** The manager's reason (return or reject). */
    reason: text(),
    decidedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prizes_nominations_entry_category_idx').on(t.editionId, t.categoryNumber, t.entryId),
    index('prizes_nominations_edition_state_idx').on(t.editionId, t.state, t.categoryNumber),
    index('prizes_nominations_entry_idx').on(t.entryId),
  ],
);

/**
 * Public votes. One per category per edition per account, enforced by the unique index (not only
 * by the code): a second INSERT fails, whatever the concurrency. Invalidated votes stay (with the
 * reason) so the integrity report can count them and the voter cannot vote again.
 */
export const votes = pgTable(
  'prizes_votes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryNumber: integer().notNull(),
    nominationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    voterId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Signals for the fraud review: the address and its network (/24 for IPv4, /48 for IPv6). */
    ip: text(),
    network: text(),
    invalidatedAt: timestamp({ withTimezone: true }),
    invalidatedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    invalidReason: text(),
  },
  (t) => [
    uniqueIndex('prizes_votes_one_per_category_idx').on(t.editionId, t.categoryNumber, t.voterId),
    index('prizes_votes_nomination_idx').on(t.nominationId),
    index('prizes_votes_network_idx').on(t.editionId, t.network, t.castAt),
  ],
);

/** Experts assigned to a category of an edition. */
export const experts = pgTable(
  'prizes_experts',
  {
    editionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryNumber: integer().notNull(),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('prizes_experts_idx').on(t.editionId, t.categoryNumber, t.userId)],
);

/** An expert's declared conflict of interest with a nominee (they cannot score it). */
export const conflicts = pgTable(
  'prizes_conflicts',
  {
    nominationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    userId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text(),
    declaredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('prizes_conflicts_idx').on(t.nominationId, t.userId)],
);

/** An expert's scores of a shortlisted nominee, per criterion, with the weighted total. */
export const scores = pgTable(
  'prizes_scores',
  {
    nominationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    expertId: bigint({ mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    criteria: jsonb().$type<Record<string, number>>().notNull(),
    total: numeric({ precision: 8, scale: 3, mode: 'number' }).notNull(),
    comment: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('prizes_scores_idx').on(t.nominationId, t.expertId)],
);

/** The confirmed outcome per category: one winner and the champions. */
export const results = pgTable(
  'prizes_results',
  {
    editionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    categoryNumber: integer().notNull(),
    nominationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    rank: text({ enum: ['winner', 'champion'] }).notNull(),
    confirmedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prizes_results_nomination_idx').on(t.nominationId),
    uniqueIndex('prizes_results_one_winner_idx').on(t.editionId, t.categoryNumber).where(sql`${t.rank} = 'winner'`),
  ],
);

/**
 * One row counting the committed changes to what the success stories are printed from (editions,
 * categories, nominations, results and the organizations they name), bumped once per writing
 * transaction, at commit, by the triggers of its migration, like stocktaking_entries_version. With
 * that counter, the stories' downloads check that a kept file is current in one primary-key read
 * instead of reading every story (stories/version.ts).
 */
export const dataVersion = pgTable('prizes_data_version', {
  id: integer().primaryKey().default(1),
  version: bigint({ mode: 'number' }).notNull().default(0),
});
