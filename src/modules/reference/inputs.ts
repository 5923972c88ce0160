import { z } from 'zod';
import { LOCALES } from '../../core/i18n/locales.js';

/** Shape of a target code: '4.4', '17.19', '9.c', or a bare goal number ('4' = the goal as a whole). */
const TARGET_CODE = /^\d{1,2}(\.(\d{1,2}|[a-z]))?$/;

/** "4.4, 4.5 9.c" → ['4.4', '4.5', '9.c'] (separators: commas, semicolons, spaces). */
export const splitTargetCodes = (raw: string) => [
  ...new Set(
    raw
      .split(/[\s,;،؛、，；]+/) // Latin, Arabic and Chinese separators
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean),
  ),
];

const targetsField = z
  .string()
  .max(500)
  .default('')
  .transform((raw, ctx) => {
    const codes = splitTargetCodes(raw);
    const malformed = codes.filter((c) => !TARGET_CODE.test(c));
    if (malformed.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'reference.admin.errors.unknown_targets', params: { codes: malformed.join(', '), count: malformed.length } });
      return z.NEVER;
    }
    return codes;
  });

const rationaleField = z.string().trim().max(5000).default('');

/** The edit form of one matrix link. */
export const updateMatrixLinkInput = z.object({ targets: targetsField, rationale: rationaleField });
export type UpdateMatrixLinkInput = z.output<typeof updateMatrixLinkInput>;

export const SDG_NUMBERS = Array.from({ length: 17 }, (_, i) => String(i + 1)) as [string, ...string[]];

/** The form that adds a link to the matrix. */
export const addMatrixLinkInput = z.object({
  actionLine: z.string().trim().min(1).max(40),
  sdg: z.string().trim().min(1).pipe(z.enum(SDG_NUMBERS)).transform(Number),
  targets: targetsField,
  rationale: rationaleField,
});
export type AddMatrixLinkInput = z.output<typeof addMatrixLinkInput>;

/** Filter of the admin matrix list. */
export const matrixAdminQuery = z.object({ actionLine: z.string().max(40).optional() });

/** `?lang=fr` on the API (the platform's onRequest hook reads it; declared here for the OpenAPI document). */
export const langQuery = z.object({ lang: z.enum(LOCALES).optional() });

export const countriesQuery = langQuery.extend({
  region: z.enum(['AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR']).optional(),
  ituMember: z.enum(['true', 'false']).optional(),
});

/** Parses an SDG number from a URL segment ('7' → 7); anything else is null (→ 404). */
export const parseSdgNumber = (raw: string): number | null => (/^\d{1,2}$/.test(raw) ? Number(raw) : null);
