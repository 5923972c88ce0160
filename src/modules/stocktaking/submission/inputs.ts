/**
 * The entry form: what the browser sends (every value a string or a list of strings) turned
 * into the API's entry input, so the form and the API are checked by the same rules
 * (../inputs.ts). Field errors are keyed by the form's field names.
 */
import type { z } from 'zod';
import { issueMessage } from '../../../core/http/forms.js';
import type { Translate } from '../../../core/i18n/translate.js';
import type { FormState } from '../../../core/views/components.js';
import { type EntryInput, entryInput } from '../inputs.js';

type Values = FormState['values'];

const text = (values: Values, name: string) => {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
const optional = (values: Values, name: string) => text(values, name).trim() || null;
const list = (values: Values, name: string) => {
  const v = values[name];
  return (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean);
};
const integer = (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : Number.NaN);

/** The API shape of a submitted form (not yet validated). */
export const inputFromForm = (values: Values) => {
  const contactName = optional(values, 'contactName');
  const contactEmail = optional(values, 'contactEmail');
  const organization = text(values, 'organizationId');
  return {
    language: text(values, 'language'),
    title: text(values, 'title'),
    summary: text(values, 'summary'),
    description: optional(values, 'description'),
    impact: optional(values, 'impact'),
    partners: optional(values, 'partners'),
    actionLines: list(values, 'actionLines'),
    sdgs: list(values, 'sdgs').map(integer),
    sdgTargets: list(values, 'sdgTargets'),
    countries: list(values, 'countries'),
    leadCountry: text(values, 'leadCountry'),
    stakeholderType: text(values, 'stakeholderType'),
    scope: text(values, 'scope'),
    targetGroups: list(values, 'targetGroups'),
    status: text(values, 'status'),
    startDate: optional(values, 'startDate'),
    endDate: optional(values, 'endDate'),
    website: optional(values, 'website'),
    contact: contactName || contactEmail ? { name: contactName ?? '', email: contactEmail ?? '' } : null,
    organizationId: organization && organization !== 'none' ? integer(organization) : null,
  };
};

/** The form field an issue belongs to: `sdgs.2` → `sdgs`, `contact.email` → `contactEmail`. */
const formField = (path: readonly PropertyKey[]) => {
  const [first, second] = path.map(String);
  if (first === 'contact') return second === 'email' ? 'contactEmail' : 'contactName';
  return first ?? '_form';
};

export const formErrors = (issues: readonly z.core.$ZodIssue[], t: Translate): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[formField(issue.path)] ??= issueMessage(issue, t);
  return errors;
};

/** Checks the form with the API's rules. */
export const parseEntryForm = (values: Values, t: Translate): { ok: true; input: EntryInput } | { ok: false; errors: Record<string, string> } => {
  const result = entryInput.safeParse(inputFromForm(values));
  return result.success ? { ok: true, input: result.data } : { ok: false, errors: formErrors(result.error.issues, t) };
};

/** The form's values for an entry's content in one language (the edit form's starting point). */
export const formValuesOf = (input: {
  language: string;
  title: string;
  summary: string;
  description: string | null;
  impact: string | null;
  partners: string | null;
  actionLines: string[];
  sdgs: number[];
  sdgTargets: string[];
  countries: string[];
  leadCountry: string;
  stakeholderType: string;
  scope: string;
  targetGroups: string[];
  status: string;
  startDate: string | null;
  endDate: string | null;
  website: string | null;
  contact: { name: string; email: string } | null;
  organizationId: number | null;
}): Values => ({
  language: input.language,
  title: input.title,
  summary: input.summary,
  description: input.description ?? '',
  impact: input.impact ?? '',
  partners: input.partners ?? '',
  actionLines: input.actionLines,
  sdgs: input.sdgs.map(String),
  sdgTargets: input.sdgTargets,
  countries: input.countries,
  leadCountry: input.leadCountry,
  stakeholderType: input.stakeholderType,
  scope: input.scope,
  targetGroups: input.targetGroups,
  status: input.status,
  startDate: input.startDate ?? '',
  endDate: input.endDate ?? '',
  website: input.website ?? '',
  contactName: input.contact?.name ?? '',
  contactEmail: input.contact?.email ?? '',
  organizationId: input.organizationId === null ? 'none' : String(input.organizationId),
});
