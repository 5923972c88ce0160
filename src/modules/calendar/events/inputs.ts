/**
 * The secretariat's form for one of the calendar's own dates: titles in six languages, kind, the
 * day or the date-time in a named time zone, an optional end, place, link, group, action lines.
 * Pure: form values in, a checked event or localized-key errors out.
 */
import { formList, formLocalized, formText } from '../../../core/http/forms.js';
import { CALENDAR_KINDS, type CalendarKind } from '../../../core/contributions.js';
import { LOCALES, type Localized } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import { addDays, dayIn, isTimeZone, wallClock, zonedToUtc } from '../dates.js';
import type { CalendarEvent } from '../queries.js';

export type EventInput = {
  kind: CalendarKind;
  title: Localized;
  startsAt: Date;
  endsAt: Date | null;
  allDay: boolean;
  timeZone: string;
  location: Localized;
  href: string | null;
  group: string | null;
  actionLines: string[];
};

const many = (values: FormState['values'], name: string) =>
  formList(values, name)
    .map((x) => x.trim())
    .filter(Boolean);

const ACTION_LINE = /^C(?:[1-9]|1[01])$/;

/** Errors are message keys of this folder's catalog, by field name. */
export const eventFromForm = (values: FormState['values']): { ok: true; input: EventInput } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const title = formLocalized(values, 'title', 300);
  if (!title.en && Object.keys(title).length === 0) errors['title.en'] = 'calendar.events.errors.title';
  const kind = formText(values, 'kind') as CalendarKind;
  if (!CALENDAR_KINDS.includes(kind)) errors.kind = 'calendar.events.errors.kind';
  const timeZone = formText(values, 'timeZone');
  if (!isTimeZone(timeZone)) errors.timeZone = 'calendar.events.errors.time_zone';
  const allDay = formText(values, 'allDay') === 'yes';
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  // A day for an all-day date; a date-time otherwise (the browser's datetime-local gives "YYYY-MM-DDTHH:mm").
  const read = (text: string) => (allDay ? zonedToUtc(text.slice(0, 10), zone) : /T\d{2}:\d{2}/.test(text) ? zonedToUtc(text.slice(0, 16), zone) : null);
  const startText = formText(values, 'start');
  const startsAt = startText ? read(startText) : null;
  if (!startsAt) errors.start = startText ? 'calendar.events.errors.date' : 'calendar.events.errors.start_required';
  const endText = formText(values, 'end');
  let endsAt: Date | null = null;
  if (endText) {
    // An all-day end is the last day, inclusive, as people say it; stored as the next midnight.
    endsAt = allDay ? read(addDays(endText.slice(0, 10), 1)) : read(endText);
    if (!endsAt || !/^\d{4}-\d{2}-\d{2}/.test(endText)) errors.end = 'calendar.events.errors.date';
    else if (startsAt && endsAt <= startsAt) errors.end = 'calendar.events.errors.range';
  } else if (allDay && startsAt) endsAt = zonedToUtc(addDays(startText.slice(0, 10), 1), zone);
  const href = formText(values, 'href').slice(0, 500);
  if (href && !/^(https:\/\/[^\s]+|\/[^\s/][^\s]*)$/.test(href)) errors.href = 'calendar.events.errors.href';
  const actionLines = many(values, 'actionLines');
  if (actionLines.some((a) => !ACTION_LINE.test(a))) errors.actionLines = 'calendar.events.errors.action_line';
  if (Object.keys(errors).length > 0 || !startsAt) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind,
      title,
      startsAt,
      endsAt,
      allDay,
      timeZone,
      location: formLocalized(values, 'location', 200),
      href: href || null,
      group: formText(values, 'group').slice(0, 100) || null,
      actionLines: [...new Set(actionLines)],
    },
  };
};

/** A stored event as the form's values, its dates in its own zone. */
export const eventFormValues = (e: CalendarEvent): FormState['values'] => ({
  kind: e.kind,
  ...Object.fromEntries(LOCALES.map((l) => [`title.${l}`, e.title[l] ?? ''])),
  ...Object.fromEntries(LOCALES.map((l) => [`location.${l}`, e.location[l] ?? ''])),
  allDay: e.allDay ? 'yes' : 'no',
  timeZone: e.timeZone,
  start: e.allDay ? dayIn(e.startsAt, e.timeZone) : wallClock(e.startsAt, e.timeZone).slice(0, 16),
  end: e.endsAt ? (e.allDay ? dayIn(new Date(e.endsAt.getTime() - 1), e.timeZone) : wallClock(e.endsAt, e.timeZone).slice(0, 16)) : '',
  href: e.href ?? '',
  group: e.group ?? '',
  actionLines: e.actionLines,
});
