import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import type { Locale, Localized, TranslationKind } from '../../core/i18n/locales.js';
import { storedFiles } from '../../core/storage/tables.js';
import type { ReportFront, ReportSectionDocument } from './document.js';

/** The reports Resolution 1332 asks of ITU, one template each. */
export const TEMPLATE_KEYS = ['cstd', 'hlpf', 'council', 'pp', 'stocktaking', 'stories'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/**
 * One section of a template (and of a report made from it). `source` names a report section
 * contributed by a module (`stocktaking.figures`), with the template's `options` for it; without
 * a source the section is narrative only. `narrative`: the secretariat writes text for it (shown
 * before the generated part). `forEach: 'hlpf-sdgs'` repeats the section once per SDG under review
 * at the HLPF of the report's year (the template's `hlpfGoals`), each copy with `options.sdgs` set
 * to its goal and the goal's action lines from the WSIS–SDG matrix.
 */
export type TemplateSection = {
  /** Stable within the template ('lead-facilitator'); narratives and comments are keyed by it. */
  id: string;
  title: Localized;
  source?: string;
  options?: Record<string, string[]>;
  narrative: boolean;
  forEach?: 'hlpf-sdgs';
};

/**
 * A report template: data the secretariat adjusts on the admin pages (sections, their order, which
 * figures) without code. Seeded with the six templates; a report copies the template's sections
 * when it is created, so changing a template changes later reports, not one being written.
 */
export const reportTemplates = pgTable('reports_templates', {
  key: text({ enum: TEMPLATE_KEYS }).primaryKey(),
  title: jsonb().$type<Localized>().notNull(),
  /** To whom the report goes and why (shown on the template and report pages). */
  description: jsonb().$type<Localized>().notNull().default({}),
  sections: jsonb().$type<TemplateSection[]>().notNull(),
  /** The SDGs under review at the HLPF by year ({ "2026": [6, 7, 9, 11, 17] }), for `forEach: 'hlpf-sdgs'`. */
  hlpfGoals: jsonb().$type<Record<string, number[]>>().notNull().default({}),
  updatedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** draft (written by the secretariat) → review (CWG members comment on paragraphs) → final (frozen). */
export const REPORT_STATES = ['draft', 'review', 'final'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The distribution on the first page of a UN document. */
export const DISTRIBUTIONS = ['general', 'limited', 'restricted'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/**
 * One report: a template for a year (one report per template and year). The period is the year,
 * cut at `cutoff` (the data as it stood at the end of that day, UTC). `sections` is the template's
 * list copied at creation (editable while the report is a draft).
 */
export const reports = pgTable(
  'reports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    templateKey: text({ enum: TEMPLATE_KEYS })
      .notNull()
      .references(() => reportTemplates.key),
    year: integer().notNull(),
    title: jsonb().$type<Localized>().notNull(),
    sections: jsonb().$type<TemplateSection[]>().notNull(),
    state: text({ enum: REPORT_STATES }).notNull().default('draft'),
    /** The document's symbol ('C26/25'); linked to the meetings' register when a document has it. */
    symbol: text(),
    originalLanguage: text().$type<Locale>().notNull().default('en'),
    distribution: text({ enum: DISTRIBUTIONS }).notNull().default('general'),
    /** The last day of data (inclusive): the data as it stood at the end of this day, UTC. Never in the future. */
    cutoff: date({ mode: 'string' }).notNull(),
    /** When it is due (to the Council, the CSTD…): a date in the calendar, a reminder to the owner before it. */
    deadline: date({ mode: 'string' }),
    ownerId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finalizedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reports_template_year_idx').on(t.templateKey, t.year),
    index('reports_deadline_idx').on(t.deadline),
    check('reports_year_check', sql`${t.year} between 2003 and 2100`),
  ],
);

/** A section's narrative: its text in each language and how each came to be (as other content). */
export type Narrative = { text: Localized; translations: Partial<Record<Locale, TranslationKind>> };

/**
 * A version of a report's text: every save of the narratives writes the next version (1, 2, 3…),
 * so comments stay with the text they were made on and any two versions can be compared. The
 * final version is the one frozen: `final` (at most one per report) with its snapshot.
 */
export const reportVersions = pgTable(
  'reports_versions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    /** The report's state when this version was written (draft or review; final for the frozen one). */
    state: text({ enum: REPORT_STATES }).notNull(),
    /** By section id. */
    narratives: jsonb().$type<Record<string, Narrative>>().notNull().default({}),
    note: text(),
    final: boolean().notNull().default(false),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_versions_number_idx').on(t.reportId, t.number),
    // One final version per report: a second "final" fails here even if two requests race.
    uniqueIndex('reports_versions_final_idx').on(t.reportId).where(sql`${t.final}`),
  ],
);

/** A built section of a report, as stored in a snapshot: its title and blocks (narrative first). */
export type SnapshotSection = ReportSectionDocument;

/**
 * What a final report was built from, per language: the blocks of every section as they were at
 * the cut-off, and the first page's facts. Rebuilding a frozen report renders this, never the
 * live data, so it gives the same figures and the same text after the data moved on.
 */
export const reportSnapshots = pgTable(
  'reports_snapshots',
  {
    versionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reportVersions.id, { onDelete: 'cascade' }),
    locale: text().$type<Locale>().notNull(),
    /** The first page, as rendered (document.ts). */
    front: jsonb().$type<ReportFront>().notNull(),
    sections: jsonb().$type<SnapshotSection[]>().notNull(),
    builtAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.locale] })],
);

/**
 * A comment of a CWG member on one paragraph of a version (section id and paragraph index in the
 * language it was read in), or the secretariat's answer to one (`parentId`). Kept with the version.
 */
export const reportComments = pgTable(
  'reports_comments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    versionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reportVersions.id, { onDelete: 'cascade' }),
    sectionId: text().notNull(),
    paragraph: integer().notNull(),
    locale: text().$type<Locale>().notNull(),
    parentId: bigint({ mode: 'number' }),
    authorId: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reports_comments_version_idx').on(t.versionId, t.sectionId, t.paragraph)],
);

export const OUTPUT_FORMATS = ['html', 'docx', 'pdf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * A build asked for from a page (or the command line): which version, languages and formats, run
 * on the core's job runner (`reports.build`), its progress in steps for the page to show.
 */
export const BUILD_STATES = ['waiting', 'running', 'done', 'failed'] as const;
export type BuildState = (typeof BUILD_STATES)[number];
export const reportBuilds = pgTable(
  'reports_builds',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    versionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reportVersions.id, { onDelete: 'cascade' }),
    locales: text().array().notNull(),
    formats: text().array().notNull(),
    state: text({ enum: BUILD_STATES }).notNull().default('waiting'),
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    /** The message key of a failure the secretariat can act on, with its values; else the error's text. */
    error: jsonb().$type<{ key: string; values?: Record<string, string> }>(),
    requestedBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('reports_builds_report_idx').on(t.reportId, t.createdAt)],
);

/**
 * A built file of a version in one language and format, kept in the file store. The outputs of a
 * final version are the published report (public page per year and language).
 */
export const reportOutputs = pgTable(
  'reports_outputs',
  {
    versionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reportVersions.id, { onDelete: 'cascade' }),
    locale: text().$type<Locale>().notNull(),
    format: text({ enum: OUTPUT_FORMATS }).notNull(),
    fileSha256: text()
      .notNull()
      .references(() => storedFiles.sha256),
    builtAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.locale, t.format] })],
);
