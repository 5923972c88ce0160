/**
 * What a task and a progress update are made of (Zod schemas shared by the forms, the API and the
 * commands), the list filters, and the readers of the plain HTML forms. Errors are message keys
 * per field; rules that need the database (targets, owner, entries) are the commands'.
 */
import { formLocalized, formText, localizedText } from '../../../core/http/forms.js';
import { z } from 'zod';
import { LOCALES, type Localized } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import { BUREAUX, TASK_STATUSES } from '../tables.js';

type Values = FormState['values'];
/** Codes typed in one field, separated by commas or spaces ('4.4, 9.c'). */
const codes = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

const day = z.iso.date();
const someLanguage = (value: Localized) => Object.values(value).some((v) => v && v.trim().length > 0);

export const taskInput = z
  .object({
    title: localizedText(300).refine(someLanguage, { message: 'roadmaps.tasks.errors.title_required' }),
    description: localizedText(5000).default({}),
    ownerBureau: z.enum(BUREAUX),
    ownerUserId: z.int().positive().nullable().default(null),
    startsOn: day,
    deadline: day,
    status: z.enum(TASK_STATUSES).default('not-started'),
    outputId: z.int().positive().nullable().default(null),
    sdgTargets: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
    connectTargets: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
    evidence: z.array(z.int().positive()).max(100).default([]),
  })
  .refine((t) => t.deadline >= t.startsOn, { path: ['deadline'], message: 'roadmaps.tasks.errors.deadline_before_start' });
export type TaskInput = z.output<typeof taskInput>;

export const updateInput = z.object({
  reportedOn: day,
  status: z.enum(TASK_STATUSES),
  text: z.string().trim().min(1).max(5000),
  locale: z.enum(LOCALES).optional(),
});
export type UpdateInput = z.output<typeof updateInput>;

/** The list's filters (page and API): reported status, bureau, late, stale, SDG target, owner. */
export const taskFilters = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  bureau: z.enum(BUREAUX).optional(),
  late: z.enum(['true', 'false']).optional(),
  stale: z.enum(['true', 'false']).optional(),
  target: z.string().trim().max(20).optional(),
  line: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TaskFilters = z.output<typeof taskFilters>;

export type FormErrors = Record<string, string>;
export type Parsed<T> = { ok: true; input: T } | { ok: false; errors: FormErrors };

const FIELD_KEYS: Record<string, string> = {
  startsOn: 'roadmaps.tasks.errors.day',
  deadline: 'roadmaps.tasks.errors.day',
  reportedOn: 'roadmaps.tasks.errors.day',
  ownerBureau: 'roadmaps.tasks.errors.bureau',
  status: 'roadmaps.tasks.errors.status',
  text: 'roadmaps.tasks.errors.text_required',
  sdgTargets: 'roadmaps.tasks.errors.codes',
  connectTargets: 'roadmaps.tasks.errors.codes',
  evidence: 'roadmaps.tasks.errors.evidence',
};

const errorsOf = (issues: readonly z.core.$ZodIssue[]): FormErrors => {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'title');
    const key = issue.message.startsWith('roadmaps.') ? issue.message : (FIELD_KEYS[field] ?? 'roadmaps.tasks.errors.invalid');
    errors[field === 'title' ? 'title.en' : field] ??= key;
  }
  return errors;
};

/** The task form (titles per language `title.en`…, owner by e-mail resolved by the route, codes typed). */
export const taskFromForm = (values: Values, ownerUserId: number | null): Parsed<TaskInput> => {
  const evidence = codes(formText(values, 'evidence')).map((s) => (/^\d{1,12}$/.test(s) ? Number(s) : -1));
  const output = formText(values, 'outputId');
  const parsed = taskInput.safeParse({
    title: formLocalized(values, 'title'),
    description: formLocalized(values, 'description'),
    ownerBureau: formText(values, 'ownerBureau'),
    ownerUserId,
    startsOn: formText(values, 'startsOn'),
    deadline: formText(values, 'deadline'),
    status: formText(values, 'status') || undefined,
    outputId: /^\d{1,12}$/.test(output) ? Number(output) : null,
    sdgTargets: codes(formText(values, 'sdgTargets')),
    connectTargets: codes(formText(values, 'connectTargets')),
    evidence,
  });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues) };
};

export const updateFromForm = (values: Values): Parsed<UpdateInput> => {
  const parsed = updateInput.safeParse({ reportedOn: formText(values, 'reportedOn'), status: formText(values, 'status'), text: formText(values, 'text') });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues) };
};

/** A task's values for its edit form. */
export const taskFormValues = (t: {
  title: Localized;
  description: Localized;
  ownerBureau: string;
  ownerEmail: string | null;
  startsOn: string;
  deadline: string;
  status: string;
  outputId: number | null;
  sdgTargets: string[];
  connectTargets: string[];
  evidence: number[];
}): Values => ({
  ...Object.fromEntries(
    LOCALES.flatMap((l) => [
      [`title.${l}`, t.title[l] ?? ''],
      [`description.${l}`, t.description[l] ?? ''],
    ]),
  ),
  ownerBureau: t.ownerBureau,
  ownerEmail: t.ownerEmail ?? '',
  startsOn: t.startsOn,
  deadline: t.deadline,
  status: t.status,
  outputId: t.outputId ? String(t.outputId) : '',
  sdgTargets: t.sdgTargets.join(', '),
  connectTargets: t.connectTargets.join(', '),
  evidence: t.evidence.join(', '),
});
