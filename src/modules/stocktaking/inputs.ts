import { z } from 'zod';
import { idNumber, idText } from '../../core/http/params.js';
import { LOCALES } from '../../core/i18n/locales.js';
import { countWords } from '../../core/i18n/words.js';
import { PROJECT_STATUSES, SCOPES, TARGET_GROUPS } from './tables.js';

/**
 * Stakeholder types, the same six values as accounts' STAKEHOLDER_TYPES (accounts/tables.ts):
 * re-declared here because a module never imports another module's tables.
 */
export const STAKEHOLDER_TYPES = ['government', 'private-sector', 'civil-society', 'international-organization', 'academia', 'other'] as const;

export const TITLE_MAX_LENGTH = 200;
export const SUMMARY_MAX_WORDS = 200;
export const TEXT_MAX_LENGTH = 20_000;

export { countWords } from '../../core/i18n/words.js';

const countryCode = z
  .string()
  .trim()
  // Nothing chosen is a missing value, not a badly written code.
  .min(1, { abort: true })
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'stocktaking.errors.country_format' });
const longText = z.string().trim().max(TEXT_MAX_LENGTH).nullish();
const isoDate = z.iso.date().nullish();

/** The fields of an entry as the API and the form send them: the texts are in `language`. */
export const entryFields = z.object({
  language: z.enum(LOCALES).describe('Language of the texts (the original language when the entry is created)'),
  title: z.string().trim().min(1).max(TITLE_MAX_LENGTH),
  summary: z.string().trim().min(1).max(TEXT_MAX_LENGTH).describe(`At most ${SUMMARY_MAX_WORDS} words`),
  description: longText,
  impact: longText,
  partners: longText,
  actionLines: z.array(z.string().trim().min(1).max(20)).min(1).max(30).describe('WSIS action line codes, e.g. C2, C7.e-agriculture'),
  sdgs: z.array(z.int()).max(17).default([]).describe('SDG numbers 1–17'),
  sdgTargets: z.array(z.string().trim().min(3).max(8)).max(169).nullish().describe('SDG target codes, e.g. 4.4, 9.c (omit to keep the current ones)'),
  countries: z.array(countryCode).max(300).default([]).describe('Countries of implementation (ISO 3166-1 alpha-2)'),
  leadCountry: countryCode,
  stakeholderType: z.enum(STAKEHOLDER_TYPES),
  scope: z.enum(SCOPES),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).default([]),
  status: z.enum(PROJECT_STATUSES),
  startDate: isoDate,
  endDate: isoDate,
  website: z
    .url({ protocol: /^https?$/, hostname: z.regexes.domain })
    .max(500)
    .nullish(),
  contact: z
    .object({ name: z.string().trim().min(1).max(200), email: z.string().trim().max(254).pipe(z.email()) })
    .nullish()
    .describe('Private: never shown to the public'),
  organizationId: idNumber.nullish().describe('Required when the submitter belongs to more than one organization'),
});

type EntryFields = z.output<typeof entryFields>;

/** Rules across fields; custom issues carry an i18n key as message (see core/http/forms.ts). */
const checkEntryRules = (value: EntryFields, ctx: z.RefinementCtx) => {
  if (countWords(value.summary, value.language) > SUMMARY_MAX_WORDS) {
    ctx.addIssue({ code: 'custom', path: ['summary'], message: 'stocktaking.errors.summary_too_long', params: { max: SUMMARY_MAX_WORDS } });
  }
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'stocktaking.errors.end_before_start' });
  }
  // A completed activity has ended: its end date is past (today anywhere on Earth, UTC+14, still counts).
  if (value.status === 'completed' && value.endDate && value.endDate > latestToday()) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'stocktaking.errors.completed_end_in_future' });
  }
};

/** Today's date where it is latest (UTC+14), as YYYY-MM-DD. */
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/** A new entry, or the whole of an entry after an edit. */
export const entryInput = entryFields.strict().superRefine(checkEntryRules);
export type EntryInput = z.output<typeof entryInput>;

/** An edit: any subset of the fields (null clears an optional one); merged with the entry, then checked as entryInput. */
export const entryPatchInput = entryFields
  .extend({
    sdgs: z.array(z.int()).max(17).optional(),
    countries: z.array(countryCode).max(300).optional(),
    targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).optional(),
  })
  .partial()
  .strict();
export type EntryPatchInput = z.output<typeof entryPatchInput>;

export const DECISIONS = ['publish', 'return', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A moderator's decision; a comment is required to return or reject (checked by the command). */
export const decisionInput = z
  .object({
    decision: z.enum(DECISIONS),
    comment: z.string().trim().max(5000).nullish().describe('Required to return or reject; sent to the submitter'),
  })
  .strict();
export type DecisionInput = z.output<typeof decisionInput>;

export const entryIdParam = z.object({ id: idText });
