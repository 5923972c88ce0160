import { z } from 'zod';
import { idNumber, idText, yearText } from '../../core/http/params.js';
import { localizedText } from '../../core/http/forms.js';
import { LOCALES } from '../../core/i18n/locales.js';
import { PHASES } from './tables.js';

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant, e.g. 2027-01-15T00:00:00Z');
const phase = z.object({ start: instant, end: instant }).strict();
const partialPhase = phase.partial();
const localized = localizedText(50_000).strict();

export const yearParam = z.object({ year: yearText.pipe(z.int().min(2000).max(2100)) });
export const idParam = z.object({ id: idText });

/** A new edition: its year and the dates of its five phases (categories default to the 18). */
export const editionInput = z
  .object({
    year: z.int().min(2000).max(2100),
    phases: z.object(Object.fromEntries(PHASES.map((p) => [p, phase])) as Record<(typeof PHASES)[number], typeof phase>).strict(),
  })
  .strict();
export type EditionInput = z.output<typeof editionInput>;

const category = z
  .object({
    number: z.int().min(1).max(99),
    actionLine: z.string().trim().min(2).max(20),
    title: localized,
  })
  .strict();

const question = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{0,39}$/),
    label: localized,
    required: z.boolean().default(true),
    maxWords: z.int().min(10).max(2000).default(300),
  })
  .strict();

const criterion = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{0,39}$/),
    label: localized,
    weight: z.number().min(0).max(100),
  })
  .strict();

/** Any part of an edition (prize managers): phases can be moved, settings changed. */
export const editionPatchInput = z
  .object({
    phases: z
      .object(Object.fromEntries(PHASES.map((p) => [p, partialPhase])) as Record<(typeof PHASES)[number], typeof partialPhase>)
      .partial()
      .strict()
      .optional(),
    rules: localized.optional(),
    categories: z.array(category).min(1).max(40).optional(),
    questions: z.array(question).max(20).optional(),
    criteria: z.array(criterion).max(20).optional(),
    categoriesPerProject: z.int().min(1).max(18).optional(),
    projectsPerOrganizationPerCategory: z.int().min(1).max(50).optional(),
    excludePastWinners: z.boolean().optional(),
    summaryMinWords: z.int().min(0).max(1000).optional(),
    summaryMaxWords: z.int().min(10).max(2000).optional(),
    allowedLanguages: z.array(z.enum(LOCALES)).min(1).max(6).optional(),
    validVote: z.object({ accountCreatedBeforeVoting: z.boolean(), allCategoriesRequired: z.boolean() }).strict().optional(),
    countsPublicDuringVoting: z.boolean().optional(),
    nomineesPublished: z.boolean().optional().describe('Publish the list of nominees before voting opens'),
    confirmVoteChanges: z
      .boolean()
      .optional()
      .describe('Once votes exist, a change of the voting window or of the rule of a valid vote is refused (409, saying how many votes would change status) unless this is true'),
  })
  .strict();
export type EditionPatchInput = z.output<typeof editionPatchInput>;

/** A nomination: one of the submitter's published stocktaking entries in a category. */
export const nominationInput = z
  .object({
    entryId: idNumber,
    category: z.int().min(1).max(99),
    answers: z.record(z.string().max(40), z.string().trim().max(20_000)).optional().default({}),
  })
  .strict();
export type NominationInput = z.output<typeof nominationInput>;

export const NOMINATION_DECISIONS = ['accept', 'return', 'reject'] as const;
export const nominationDecisionInput = z
  .object({
    decision: z.enum(NOMINATION_DECISIONS),
    reason: z.string().trim().max(5000).nullish().describe('Required to return or reject; sent to the submitter'),
  })
  .strict();
export type NominationDecisionInput = z.output<typeof nominationDecisionInput>;

export const voteInput = z.object({ nominationId: idNumber }).strict();
