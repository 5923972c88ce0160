/**
 * Validation with Zod, one error message per field in the reader's language. The same mapping
 * serves HTML forms (errors beside fields) and the API (RFC 9457 `errors` with JSON pointers).
 */
import { z } from 'zod';
import { type Locale, LOCALES, type Localized } from '../i18n/locales.js';
import type { Translate } from '../i18n/translate.js';
import type { FormState } from '../views/components.js';

type Issue = z.core.$ZodIssue;

/**
 * The message of a value of the wrong type that was not given at all. Zod leaves the value out
 * of its issues (unless each parse asks for `reportInput`), so without this every value of the
 * wrong type (a text where an object is expected) read "This field is required". Zod's error map
 * sees the value: it marks the missing ones, for the whole process (every schema is Zod's).
 */
const MISSING = 'core.errors.required';
z.config({ customError: (issue) => (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null || issue.input === '') ? MISSING : undefined) });

/** A message that is a catalog key ("stocktaking.errors.country_format"), not Zod's English. */
const I18N_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Custom issues carry an i18n key as message and their ICU values in `params`. */
export const issueMessage = (issue: Issue, t: Translate): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message === MISSING ? t('core.errors.required') : t('core.errors.invalid_type');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('core.errors.required') : t('core.errors.too_short', { min: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('core.errors.too_few', { min: Number(issue.minimum) });
      return t('core.errors.too_small', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('core.errors.too_long', { max: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('core.errors.too_many', { max: Number(issue.maximum) });
      return t('core.errors.too_big', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('core.errors.invalid_email');
      if (issue.format === 'url') return t('core.errors.invalid_url');
      if (issue.format === 'date' || issue.format === 'datetime') return t('core.errors.invalid_date');
      // A pattern given with its own message (an i18n key) says what the format is.
      return I18N_KEY.test(issue.message ?? '') ? t(issue.message) : t('core.errors.invalid_format');
    case 'invalid_value':
      return t('core.errors.invalid_choice');
    case 'unrecognized_keys':
      return t('core.errors.unknown_fields', { fields: issue.keys.join(', ') });
    case 'custom':
      return issue.message?.includes('.') ? t(issue.message, (issue.params ?? {}) as Record<string, string | number>) : t('core.errors.invalid_format');
    default:
      return t('core.errors.invalid_format');
  }
};

/** Field name of an issue: its path joined with dots (top-level fields in forms). */
const fieldOf = (issue: Issue) => issue.path.map(String).join('.') || '_form';

export const fieldErrors = (issues: readonly Issue[], t: Translate): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue);
    errors[field] ??= issueMessage(issue, t);
  }
  return errors;
};

/** RFC 9457 `errors` member: JSON pointers with localized details. */
export const problemErrors = (issues: readonly Issue[], t: Translate) =>
  issues.map((issue) => ({ pointer: `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`, detail: issueMessage(issue, t) }));

/** What the browser sent, kept to re-fill the form (never the CSRF token). */
export const formValues = (body: unknown): FormState['values'] => {
  const values: FormState['values'] = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') values[k] = v;
      else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return values;
};

type Values = FormState['values'];

/** The first value a form sent for `name` ('' when none). */
export const formValue = (values: Values, name: string): string => {
  const v = values[name];
  return String((Array.isArray(v) ? v[0] : v) ?? '');
};

/** The first value a form sent for `name`, without the spaces around it ('' when none). */
export const formText = (values: Values, name: string): string => formValue(values, name).trim();

/** Every value a form sent for `name` (checkboxes, a multiple select). */
export const formList = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

/**
 * A text in the six languages from the fields `prefix.ar` … `prefix.zh`, each trimmed and cut to
 * `max` characters; a language left empty is absent.
 */
export const formLocalized = (values: Values, prefix: string, max = Number.POSITIVE_INFINITY): Localized =>
  Object.fromEntries(LOCALES.map((l) => [l, formValue(values, `${prefix}.${l}`).trim().slice(0, max)]).filter(([, v]) => v));

/** The schema of a text in the six languages: each language optional, trimmed, at most `max` characters. */
export const localizedText = (max: number) =>
  z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().max(max).optional()])) as Record<Locale, z.ZodOptional<z.ZodString>>);

/** The fields `prefix.ar` … `prefix.zh` of a text in the six languages, to fill its form again. */
export const localizedFormValues = (prefix: string, value: Localized) => Object.fromEntries(LOCALES.map((l) => [`${prefix}.${l}`, value[l] ?? '']));

export type FormResult<T> = { ok: true; data: T; form: FormState } | { ok: false; form: FormState };

/** Validates a submitted form; on failure returns the typed values and the localized errors. */
export const parseForm = <S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> => {
  const values = formValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, form: { values, errors: {} } };
  return { ok: false, form: { values, errors: fieldErrors(result.error.issues, t) } };
};

/** Adds an error (an i18n key) to a form that passed validation but failed a rule. */
export const withError = (form: FormState, field: string, message: string): FormState => ({ ...form, errors: { ...form.errors, [field]: message } });
