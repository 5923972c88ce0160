/** What an appointment and its end are made of, and the readers of the secretariat's forms. Errors are message keys per field. */
import { formText } from '../../../core/http/forms.js';
import { z } from 'zod';
import type { FormState } from '../../../core/views/components.js';
import { BUREAUX } from '../tables.js';

type Values = FormState['values'];

/** A person (by the e-mail of their account), a bureau, an action line and the day of the appointment. */
export const appointInput = z.object({
  email: z.email().max(320),
  bureau: z.enum(BUREAUX),
  actionLine: z.string().min(1).max(40),
  appointedOn: z.iso.date(),
});
export type AppointInput = z.output<typeof appointInput>;

export const endInput = z.object({ endedOn: z.iso.date() });
export type EndInput = z.output<typeof endInput>;

const KEYS: Record<string, string> = {
  email: 'roadmaps.focal_points.errors.email',
  bureau: 'roadmaps.focal_points.errors.bureau',
  actionLine: 'roadmaps.focal_points.errors.unknown_action_line',
  appointedOn: 'roadmaps.focal_points.errors.date',
  endedOn: 'roadmaps.focal_points.errors.date',
};

const read = <S extends z.ZodType>(schema: S, raw: Record<string, string>): { ok: true; input: z.output<S> } | { ok: false; errors: Record<string, string> } => {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= KEYS[field] ?? 'roadmaps.focal_points.errors.date';
  }
  return { ok: false, errors };
};

export const appointFromForm = (values: Values) =>
  read(appointInput, {
    email: formText(values, 'email'),
    bureau: formText(values, 'bureau'),
    actionLine: formText(values, 'actionLine'),
    appointedOn: formText(values, 'appointedOn'),
  });
export const endFromForm = (values: Values) => read(endInput, { endedOn: formText(values, 'endedOn') });
