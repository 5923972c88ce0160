/**
 * What a meeting, an agenda item and a decision are made of (Zod schemas), the API's list
 * filters, and the readers of the secretariat's plain HTML forms (dates typed in the meeting's
 * time zone). Errors are message keys per field.
 */
import { formList, formLocalized, formText, formValue, localizedFormValues, localizedText } from '../../../core/http/forms.js';
import { z } from 'zod';
import type { Localized } from '../../../core/i18n/locales.js';
import { isTimeZone, wallClock, zonedToUtc } from '../../../core/i18n/time-zones.js';
import type { FormState } from '../../../core/views/components.js';
import { MEETING_ACCESS, MEETING_STATUSES } from '../tables.js';

type Values = FormState['values'];

/** The meeting's place when the form names no time zone (ITU headquarters, Geneva). */
export const DEFAULT_TIME_ZONE = 'Europe/Zurich';

/** A meeting's settings; instants in UTC, `timeZone` the place's. A missing deadline takes the group's default. */
export const meetingInput = z.object({
  groupId: z.int().positive(),
  number: z.int().positive().max(100_000),
  title: localizedText(300),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: z.string().refine(isTimeZone),
  place: localizedText(300).default({}),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
  chair: z.string().trim().max(200).nullable().default(null),
  viceChairs: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  access: z.enum(MEETING_ACCESS).default('public'),
  contributionsDeadline: z.iso.datetime({ offset: true }).nullable().default(null),
  actionLines: z.array(z.string().max(40)).max(40).default([]),
});
export type MeetingInput = z.output<typeof meetingInput>;

const FIELD_ERRORS: Record<string, string> = {
  number: 'meetings.management.errors.number',
  onlineUrl: 'meetings.management.errors.online_url',
  chair: 'meetings.management.errors.too_long',
  viceChairs: 'meetings.management.errors.too_long',
  groupId: 'meetings.management.errors.group',
};

/**
 * The meeting form: group, number, title and place per language (`title.<l>`, `place.<l>`), the
 * time zone and the start, end and deadline typed in it, online link, chair, vice-chairs (one a
 * line), access, action lines.
 */
export const meetingFromForm = (values: Values): { ok: true; input: MeetingInput } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const zone = formValue(values, 'timeZone');
  if (!isTimeZone(zone)) errors.timeZone = 'meetings.management.errors.time_zone';
  const at = (name: string) => {
    const text = formText(values, name);
    if (text === '') return null;
    const instant = zonedToUtc(text, isTimeZone(zone) ? zone : 'UTC');
    // A valid-looking time that the zone skips (clocks going forward) gets its own message.
    if (!instant)
      errors[name] = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && isTimeZone(zone) ? 'meetings.management.errors.time_skipped' : 'meetings.management.errors.date_time';
    return instant;
  };
  const startsAt = at('startsAt');
  const endsAt = at('endsAt');
  const deadline = at('contributionsDeadline');
  if (!startsAt && !errors.startsAt) errors.startsAt = 'meetings.management.errors.date_time';
  if (!endsAt && !errors.endsAt) errors.endsAt = 'meetings.management.errors.date_time';
  const title = formLocalized(values, 'title', 300);
  if (Object.keys(title).length === 0) errors['title.en'] = 'meetings.management.errors.title_required';
  const number = formText(values, 'number');
  const online = formText(values, 'onlineUrl');
  const parsed = meetingInput.safeParse({
    groupId: /^\d{1,15}$/.test(formValue(values, 'groupId')) ? Number(formValue(values, 'groupId')) : 0,
    number: /^\d{1,6}$/.test(number) ? Number(number) : 0,
    title,
    startsAt: startsAt?.toISOString() ?? '',
    endsAt: endsAt?.toISOString() ?? '',
    timeZone: zone,
    place: formLocalized(values, 'place', 300),
    onlineUrl: online || null,
    chair: formText(values, 'chair') || null,
    viceChairs: formValue(values, 'viceChairs')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
    access: formValue(values, 'access') || undefined,
    contributionsDeadline: deadline?.toISOString() ?? null,
    actionLines: formList(values, 'actionLines'),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      if (field === 'title' || field === 'place') continue;
      errors[field] ??= FIELD_ERRORS[field] ?? 'meetings.management.errors.invalid';
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
};

/** A meeting as the form's values, its dates shown in its own time zone. */
export const meetingFormValues = (
  m: Omit<MeetingInput, 'startsAt' | 'endsAt' | 'contributionsDeadline'> & { startsAt: Date; endsAt: Date; contributionsDeadline: Date | null },
): Values => ({
  groupId: String(m.groupId),
  number: String(m.number),
  ...localizedFormValues('title', m.title),
  ...localizedFormValues('place', m.place),
  timeZone: m.timeZone,
  startsAt: wallClock(m.startsAt, m.timeZone),
  endsAt: wallClock(m.endsAt, m.timeZone),
  contributionsDeadline: m.contributionsDeadline ? wallClock(m.contributionsDeadline, m.timeZone) : '',
  onlineUrl: m.onlineUrl ?? '',
  chair: m.chair ?? '',
  viceChairs: m.viceChairs.join('\n'),
  access: m.access,
  actionLines: m.actionLines,
});

/** An agenda item as printed: '1', '2', '2.1' (numbers joined by dots). */
export const AGENDA_NUMBER = /^[1-9]\d{0,2}(\.[1-9]\d{0,2}){0,3}$/;

/** An agenda item's form: its number and its title per language. */
export const agendaItemFromForm = (values: Values): { ok: true; number: string; title: Localized } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const number = formText(values, 'number');
  if (!AGENDA_NUMBER.test(number)) errors.number = 'meetings.management.errors.item_number';
  const title = formLocalized(values, 'title', 500);
  if (Object.keys(title).length === 0) errors['title.en'] = 'meetings.management.errors.title_required';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, number, title };
};

/** A decision's form: its number, its text per language, its agenda item, the symbols of the documents it discussed. */
export const decisionFromForm = (
  values: Values,
): { ok: true; number: number; text: Localized; agendaItemId: number | null; documentIds: number[] } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const number = formText(values, 'number');
  if (!/^[1-9]\d{0,3}$/.test(number)) errors.number = 'meetings.management.errors.decision_number';
  const text = formLocalized(values, 'text', 5000);
  if (Object.keys(text).length === 0) errors['text.en'] = 'meetings.management.errors.text_required';
  const item = formValue(values, 'agendaItemId');
  if (item !== '' && !/^\d{1,15}$/.test(item)) errors.agendaItemId = 'meetings.management.errors.invalid';
  const documentIds = formList(values, 'documentIds')
    .filter((d) => /^\d{1,15}$/.test(d))
    .map(Number);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, number: Number(number), text, agendaItemId: item ? Number(item) : null, documentIds };
};

/** The list's filters (page and API): group code, a date range [from, to] of days (UTC), status. */
export const meetingFilters = z.object({
  group: z.string().max(100).optional().meta({ example: 'CWG-WSIS&SDG' }),
  from: z.iso.date().optional().describe('Meetings ending on or after this day (UTC)').meta({ example: '2027-01-01' }),
  to: z.iso.date().optional().describe('Meetings starting on or before this day (UTC)').meta({ example: '2027-12-31' }),
  status: z.enum(MEETING_STATUSES).optional(),
});
export type MeetingFilters = z.output<typeof meetingFilters>;
