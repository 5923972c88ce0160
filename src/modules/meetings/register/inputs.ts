/**
 * What the register's forms and query strings accept. A document's symbol arrives in a URL
 * (decoded once by the router) and goes through `parseSymbol`; filters that are not one of the
 * offered values are dropped (the list shows everything), not an error page.
 */
import { z } from 'zod';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import { AMENDMENT_KINDS, DOCUMENT_KINDS, SOURCE_KINDS } from '../tables.js';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A source filter: a source kind, or 'country:XX' for a Member State. */
const SOURCE_FILTER = new RegExp(`^(?:${SOURCE_KINDS.join('|')}|country:[A-Z]{2})$`);

/** The filters of a meeting's document list (GET form). */
export const meetingDocumentFilters = (query: Record<string, unknown>) => ({
  kind: (DOCUMENT_KINDS as readonly string[]).includes(text(query.kind)) ? text(query.kind) : undefined,
  source: SOURCE_FILTER.test(text(query.source)) ? text(query.source) : undefined,
  item: /^\d{1,15}$/.test(text(query.item)) ? text(query.item) : undefined,
});

/** The document search (page and API). */
export const documentSearchInput = z.object({
  q: z.string().max(200).optional().describe('Words of a title (any of the six languages) or a symbol, exact or its beginning ("CWG-WSIS&SDG-41/")'),
  meeting: z
    .string()
    .max(80)
    .regex(/^.+-\d{1,6}$/)
    .optional()
    .describe('A meeting as group-number: "CWG-WSIS&SDG-41"'),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  source: z.string().regex(SOURCE_FILTER).optional().describe('A source kind, or "country:FR" for a Member State'),
  page: z.coerce.number().int().min(1).max(1000).optional(),
});
export type DocumentSearchInput = z.infer<typeof documentSearchInput>;

/** The six titles of a form (`title_en`, `title_fr`…). */
export const titlesFromForm = (values: Record<string, unknown>): Localized => Object.fromEntries(LOCALES.map((l) => [l, text(values[`title_${l}`])]));

export const isDocumentKind = (v: string): v is (typeof DOCUMENT_KINDS)[number] => (DOCUMENT_KINDS as readonly string[]).includes(v);
export const isSourceKind = (v: string): v is (typeof SOURCE_KINDS)[number] => (SOURCE_KINDS as readonly string[]).includes(v);
export const isAmendmentKind = (v: string): v is (typeof AMENDMENT_KINDS)[number] => (AMENDMENT_KINDS as readonly string[]).includes(v);
