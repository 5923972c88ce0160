import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized, TranslationKind } from '../../core/i18n/locales.js';
import type { AnswerValues, Questionnaire } from './questionnaire.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** draft → open → closed → published (results published); each move is audited. */
export const CONSULTATION_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
/** Who may answer: anyone signed in, stakeholders acting for an organization, Member States (members of a government organization), the CWG (role cwg-member). */
export const AUDIENCES = ['everyone', 'stakeholders', 'member-states', 'cwg'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** Whether one answers for an organization, as oneself, or either. */
export const RESPONDENT_KINDS = ['organization', 'individual', 'either'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];
/** Gender of an individual respondent, only as they gave it (never guessed). */
export const GENDERS = ['female', 'male', 'other', 'not-given'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * A call for contributions or a questionnaire of the Council Working Group. Date-times are UTC;
 * the status moves by command (the clock never changes it by itself: a consultation past its
 * close still refuses answers because submit checks closes_at).
 */
export const consultations = pgTable(
  'consultations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    status: text({ enum: CONSULTATION_STATUSES }).notNull().default('draft'),
    title: jsonb().$type<Localized>().notNull(),
    /** Purpose and background, Markdown, per language. */
    purpose: jsonb().$type<Localized>().notNull().default({}),
    originalLanguage: text().$type<Locale>().notNull(),
    translations: jsonb().$type<Partial<Record<Locale, TranslationKind>>>().notNull().default({}),
    audience: text({ enum: AUDIENCES }).notNull().default('everyone'),
    respondentKind: text({ enum: RESPONDENT_KINDS }).notNull().default('either'),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    /** Whether answers may be published (each respondent also chooses). */
    answersMayBePublished: boolean().notNull().default(false),
    /** Topics, for the list's filters: action line codes (C1…C11) and SDG numbers. */
    actionLines: text().array().notNull().default(sql`'{}'::text[]`),
    sdgs: integer().array().notNull().default(sql`'{}'::integer[]`),
    /** The version answers are given on now (consultations_versions.version). */
    currentVersion: integer().notNull().default(1),
    /** The circular letter's number once allocated (e.g. "CL-26/003"); never reused. */
    letterNumber: text(),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_status_idx').on(t.status, t.closesAt),
    uniqueIndex('consultations_letter_number_idx').on(t.letterNumber),
    check('consultations_dates_ordered', sql`${t.opensAt} < ${t.closesAt}`),
  ],
);

/**
 * The questionnaire of each version. A version with answers is never edited: a correction makes
 * the next version, and each answer records the version it used.
 */
export const versions = pgTable(
  'consultations_versions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    questionnaire: jsonb().$type<Questionnaire>().notNull().default({ sections: [] }),
    /** Why this version replaced the previous one (shown with the results). */
    changeNote: jsonb().$type<Localized>().notNull().default({}),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultations_versions_idx').on(t.consultationId, t.version)],
);

/**
 * One answer per respondent per consultation: `respondent` is 'org:<organization id>' or
 * 'user:<user id>', unique with the consultation, so two members of one organization answering at
 * once write one row (INSERT … ON CONFLICT), as the prize vote does. Drafts are rows too.
 * organization_id points to accounts_organizations (no foreign key across modules); the
 * respondent's stakeholder type, country and ITU region are copied at submission for the results.
 */
export const answers = pgTable(
  'consultations_answers',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    respondent: text().notNull(),
    userId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    organizationId: bigint({ mode: 'number' }),
    status: text({ enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    /** The language the answer is written in. */
    language: text().$type<Locale>().notNull(),
    values: jsonb().$type<AnswerValues>().notNull().default({}),
    /** The respondent allows publication (only meaningful when the consultation allows it). */
    publish: boolean().notNull().default(false),
    stakeholderType: text(),
    country: text(),
    region: text(),
    gender: text({ enum: GENDERS }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consultations_answers_respondent_idx').on(t.consultationId, t.respondent),
    index('consultations_answers_status_idx').on(t.consultationId, t.status),
    index('consultations_answers_user_idx').on(t.userId),
    // The caller's own answer (findOwnAnswer, and the draft carried over by a submission): by
    // consultation and account together, so the planner takes it even while the statistics still
    // describe the table before a consultation's first answers (it read every answer of the
    // consultation instead, about 1 ms each at 4,400 answers, in the bench's burst).
    index('consultations_answers_own_idx').on(t.consultationId, t.userId),
  ],
);

/** Files attached to answers (type taken from the bytes; metadata stripped from what is published). */
export const attachments = pgTable(
  'consultations_attachments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    answerId: bigint({ mode: 'number' })
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    questionId: text().notNull(),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    data: bytea().notNull(),
    uploaderId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultations_attachments_answer_idx').on(t.answerId)],
);

/**
 * Free-text answers, one row per (answer, question), for search (same analysis as stocktaking's,
 * through core/search) and for campaign detection: `signature` is the text's MinHash, `campaign_id`
 * the group it belongs to (null when alone). Written with its vector and signature when an answer is
 * submitted (no lock); placed in a campaign afterwards by the placing job (analysis/place-texts.ts),
 * which sets `placed_at`: a text not yet placed has no campaign, so it counts as its own until then.
 * Grouping stays incremental: a new text is compared with the placed signatures, nothing regrouped.
 */
export const texts = pgTable(
  'consultations_texts',
  {
    answerId: bigint({ mode: 'number' })
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    questionId: text().notNull(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    language: text().$type<Locale>().notNull(),
    body: text().notNull(),
    search: tsvector().notNull(),
    signature: integer().array().notNull(),
    campaignId: bigint({ mode: 'number' }).references(() => campaigns.id, { onDelete: 'set null' }),
    /** When the placing job looked for its campaign (null: waiting; then campaign_id is null too). */
    placedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.answerId, t.questionId] }),
    index('consultations_texts_search_idx').using('gin', t.search),
    index('consultations_texts_campaign_idx').on(t.consultationId, t.questionId, t.campaignId),
    // The placing job's work list: small, only the texts waiting.
    index('consultations_texts_unplaced_idx').on(t.consultationId, t.questionId, t.answerId).where(sql`${t.placedAt} is null`),
    // The placing job's candidates: the placed texts of the same question sharing a band key with a
    // new one, found without reading the question's other texts. The keys are the 32 band keys of
    // analysis/minhash.ts mixed with the consultation and question (consultations_band_keys,
    // migration 0027), so the index alone finds one question's texts. Only placed texts: a text
    // enters it when the placing job marks it, not when a submission writes it (the submission
    // stays as cheap as without it). Written through (no pending list, which every lookup would scan).
    index('consultations_texts_bands_idx')
      .using('gin', sql`consultations_band_keys(${t.consultationId}, ${t.questionId}, ${t.signature})`)
      .where(sql`${t.placedAt} is not null`)
      .with({ fastupdate: false }),
  ],
);

/** A group of near-identical free-text answers to one question (a circulated template). */
export const campaigns = pgTable(
  'consultations_campaigns',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    questionId: text().notNull(),
    /** The answer whose text stands for the group. */
    representativeAnswerId: bigint({ mode: 'number' }).notNull(),
    size: integer().notNull().default(0),
    /**
     * A member's text changed or went (a submitted answer edited): its size and representative are
     * counted again by the placing job, under the question's lock (the submission takes no lock).
     */
    isStale: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_campaigns_question_idx').on(t.consultationId, t.questionId),
    index('consultations_campaigns_stale_idx').on(t.consultationId, t.questionId).where(sql`${t.isStale}`),
  ],
);

/**
 * The version of each consultation's results: whatever they are computed from (submitted answers,
 * texts and their campaigns, codebook and coding, questionnaires, the consultation itself) bumps it,
 * by deferred triggers (migration 0019), once per transaction. It is the sum over a few shards (the
 * shard of a transaction is its id modulo 16), so concurrent submissions to one consultation rarely
 * wait for each other's commit; each shard only grows, so any committed change raises the sum.
 * No foreign key: a row of a deleted consultation is harmless, and the triggers fire at commit.
 */
export const resultsVersions = pgTable(
  'consultations_results_versions',
  {
    consultationId: bigint({ mode: 'number' }).notNull(),
    shard: smallint().notNull(),
    version: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.shard] })],
);

/** The analysts' codebook of a consultation: themes free-text answers are tagged with. */
export const themes = pgTable(
  'consultations_themes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    label: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultations_themes_consultation_idx').on(t.consultationId)],
);

/** A theme given to one free-text answer of one question, by an analyst. */
export const answerThemes = pgTable(
  'consultations_answer_themes',
  {
    answerId: bigint({ mode: 'number' })
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    questionId: text().notNull(),
    themeId: bigint({ mode: 'number' })
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
    codedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.questionId, t.themeId] }), index('consultations_answer_themes_theme_idx').on(t.themeId)],
);

/**
 * The synthesis for the Council, frozen: the figures and texts computed at that moment, kept as
 * they were (a later answer or coding does not move them). One final synthesis per consultation.
 */
export const syntheses = pgTable('consultations_syntheses', {
  consultationId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  /** The synthesis data (participation, per-question results, themes, campaigns), as built then. */
  data: jsonb().notNull(),
  frozenBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  frozenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Counters that allocate numbers that never repeat (circular letters: one per year). */
export const counters = pgTable(
  'consultations_counters',
  {
    name: text().notNull(),
    year: integer().notNull(),
    value: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.name, t.year] })],
);

/** E-mail addresses that asked not to receive consultation announcements (the link in each letter). */
export const unsubscribes = pgTable('consultations_unsubscribes', {
  email: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Each sending of a consultation's circular letter (who, when, to how many). */
export const letterSendings = pgTable(
  'consultations_letter_sendings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    recipients: integer().notNull(),
    sentBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultations_letter_sendings_idx').on(t.consultationId)],
);
