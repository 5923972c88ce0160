/**
 * What a roadmap version's draft is made of (Zod schema) and the reader of the plain HTML form
 * (one text area per language and field; codes typed one per line or separated by commas).
 * Errors are message keys per field.
 */
import { formList, formLocalized, formText, formValue, localizedText } from '../../../core/http/forms.js';
import { z } from 'zod';
import { LOCALES } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import type { RoadmapVersion } from '../queries.js';

type Values = FormState['values'];

/** The fields of a version that are texts in six languages, in the order pages, the diff and the DOCX show them. */
export const TEXT_FIELDS = ['ituRole', 'objectives', 'expectedResults'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const code = z.string().trim().min(1).max(20);

/** A draft's content. Target codes are checked against the reference data by the command. */
export const draftInput = z.object({
  ituRole: localizedText(5000).default({}),
  objectives: localizedText(20_000).default({}),
  expectedResults: localizedText(20_000).default({}),
  partnerOrganizationIds: z.array(z.int().positive()).max(200).default([]),
  sdgTargets: z.array(code).max(200).default([]),
  connectTargets: z.array(code).max(200).default([]),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type DraftInput = z.output<typeof draftInput>;

/** The symbol of the CWG document that presented a version ('CWG-WSIS&SDG-42/5'), and the day. */
export const presentInput = z.object({
  symbol: z.string().trim().min(1).max(100),
  presentedOn: z.iso.date(),
});
export type PresentInput = z.output<typeof presentInput>;

const codesFrom = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** The draft form's values for a version (to fill the form). */
export const draftFormValues = (v: RoadmapVersion): Values => ({
  ...Object.fromEntries(TEXT_FIELDS.flatMap((f) => LOCALES.map((l) => [`${f}.${l}`, v[f][l] ?? '']))),
  partnerOrganizationIds: v.partnerOrganizationIds.map(String),
  sdgTargets: v.sdgTargets.join(', '),
  connectTargets: v.connectTargets.join(', '),
  note: v.note ?? '',
});

/** The draft form read into the command's input, or errors (message keys) by field. */
export const draftFromForm = (values: Values): { ok: true; input: DraftInput } | { ok: false; errors: Record<string, string> } => {
  const partners = formList(values, 'partnerOrganizationIds');
  if (partners.some((p) => !/^[1-9]\d{0,15}$/.test(p))) return { ok: false, errors: { partnerOrganizationIds: 'roadmaps.versions.errors.unknown_partner' } };
  const parsed = draftInput.safeParse({
    ituRole: formLocalized(values, 'ituRole', 5000),
    objectives: formLocalized(values, 'objectives', 20_000),
    expectedResults: formLocalized(values, 'expectedResults', 20_000),
    partnerOrganizationIds: partners.map(Number),
    sdgTargets: codesFrom(formValue(values, 'sdgTargets')),
    connectTargets: codesFrom(formValue(values, 'connectTargets')),
    note: formText(values, 'note') || null,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??=
        field === 'sdgTargets'
          ? 'roadmaps.versions.errors.unknown_sdg_target'
          : field === 'connectTargets'
            ? 'roadmaps.versions.errors.unknown_connect_target'
            : 'roadmaps.versions.errors.too_long';
    }
    return { ok: false, errors };
  }
  return { ok: true, input: parsed.data };
};

/** The presentation form read, or errors by field. */
export const presentFromForm = (values: Values): { ok: true; input: PresentInput } | { ok: false; errors: Record<string, string> } => {
  const parsed = presentInput.safeParse({ symbol: formValue(values, 'symbol'), presentedOn: formValue(values, 'presentedOn') });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= field === 'symbol' ? 'roadmaps.versions.errors.symbol' : 'roadmaps.versions.errors.date';
  }
  return { ok: false, errors };
};

/** A path segment for an action line ('C7.e-health' as is; letters, digits, dot and hyphen only). */
export const isActionLineCode = (raw: string) => /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/.test(raw);
