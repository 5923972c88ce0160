/**
 * What the reports' forms carry (Zod schemas) and the readers of the plain HTML forms. Errors are
 * message keys per field (`reports.workflow.errors.*`).
 */
import { formText, formValue } from '../../../core/http/forms.js';
import { z } from 'zod';
import { LOCALES, type Locale, TRANSLATION_KINDS } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import { DISTRIBUTIONS, TEMPLATE_KEYS } from '../tables.js';

type Values = FormState['values'];

const date = z.iso.date();
/** A report's settings (what the secretariat may change while it is a draft). */
export const settingsInput = z.object({
  ownerId: z.int().positive().nullable(),
  deadline: date.nullable(),
  cutoff: date,
  symbol: z.string().trim().max(100).nullable(),
  distribution: z.enum(DISTRIBUTIONS),
  originalLanguage: z.enum(LOCALES),
});
export type SettingsInput = z.output<typeof settingsInput>;

/** A new report: a template, a year, and its settings. */
export const createInput = settingsInput.extend({ templateKey: z.string().trim().min(1).max(40), year: z.int() });
export type CreateInput = z.output<typeof createInput>;

export const isTemplateKey = (key: string): key is (typeof TEMPLATE_KEYS)[number] => (TEMPLATE_KEYS as readonly string[]).includes(key);

const ERROR_OF: Record<string, string> = {
  ownerId: 'reports.workflow.errors.owner',
  deadline: 'reports.workflow.errors.date',
  cutoff: 'reports.workflow.errors.date',
  symbol: 'reports.workflow.errors.symbol',
  distribution: 'reports.workflow.errors.distribution',
  originalLanguage: 'reports.workflow.errors.language',
  templateKey: 'reports.workflow.errors.unknown_template',
  year: 'reports.workflow.errors.year',
  body: 'reports.workflow.errors.comment',
  sectionId: 'reports.workflow.errors.paragraph',
  paragraph: 'reports.workflow.errors.paragraph',
  locale: 'reports.workflow.errors.language',
  parentId: 'reports.workflow.errors.paragraph',
};

const intOrNull = (raw: string) => (raw.trim() === '' ? null : /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN);

const parse = <S extends z.ZodType>(schema: S, raw: unknown): { ok: true; input: z.output<S> } | { ok: false; errors: Record<string, string> } => {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= ERROR_OF[field] ?? 'reports.workflow.errors.invalid';
  }
  return { ok: false, errors };
};

const settingsRaw = (values: Values) => ({
  ownerId: intOrNull(formValue(values, 'ownerId')),
  deadline: formText(values, 'deadline') || null,
  cutoff: formText(values, 'cutoff'),
  symbol: formText(values, 'symbol') || null,
  distribution: formValue(values, 'distribution'),
  originalLanguage: formValue(values, 'originalLanguage'),
});

export const settingsFromForm = (values: Values) => parse(settingsInput, settingsRaw(values));
export const createFromForm = (values: Values) =>
  parse(createInput, {
    ...settingsRaw(values),
    templateKey: formValue(values, 'templateKey'),
    year: /^\d{1,6}$/.test(formText(values, 'year')) ? Number(formValue(values, 'year')) : Number.NaN,
  });

/** The narratives of one language as a form sends them: `text.<sectionId>` and `status.<sectionId>`. */
export type NarrativesInput = { locale: Locale; texts: Record<string, { text: string; kind: (typeof TRANSLATION_KINDS)[number] }> };

export const narrativesFromForm = (values: Values, locale: Locale, sectionIds: string[]): NarrativesInput => ({
  locale,
  texts: Object.fromEntries(
    sectionIds.map((id) => {
      const kind = formValue(values, `status.${id}`);
      return [
        id,
        {
          text: formValue(values, `text.${id}`).replace(/\r\n/g, '\n'),
          kind: (TRANSLATION_KINDS as readonly string[]).includes(kind) ? (kind as NarrativesInput['texts'][string]['kind']) : 'original',
        },
      ];
    }),
  ),
});

/** A comment or an answer. */
export const commentInput = z.object({
  sectionId: z.string().min(1).max(100),
  paragraph: z.int().min(0).max(10_000),
  locale: z.enum(LOCALES),
  body: z.string().trim().min(1).max(5000),
  parentId: z.int().positive().nullable(),
});
export type CommentInput = z.output<typeof commentInput>;

export const commentFromForm = (values: Values) =>
  parse(commentInput, {
    sectionId: formValue(values, 'sectionId'),
    paragraph: /^\d{1,5}$/.test(formValue(values, 'paragraph')) ? Number(formValue(values, 'paragraph')) : Number.NaN,
    locale: formValue(values, 'locale'),
    body: formValue(values, 'body'),
    parentId: intOrNull(formValue(values, 'parentId')),
  });
