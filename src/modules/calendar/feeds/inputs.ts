/** Query strings of the feeds and of the events API (Zod: they validate requests and make the OpenAPI document). */
import { z } from 'zod';
import { CALENDAR_KINDS } from '../../../core/contributions.js';
import { LOCALES } from '../../../core/i18n/locales.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A day ("2027-05-17", from its UTC midnight) or an instant with its offset; a day that does not exist (30 February) is refused. */
export const parseInstant = (text: string): Date | null => {
  if (DAY.test(text)) {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? d : null;
  }
  if (!INSTANT.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
};

const instant = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== null, { message: 'calendar.feeds.errors.date' })
  .meta({ example: '2027-05-01' });

export const filterQuery = {
  kind: z.enum(CALENDAR_KINDS).optional().describe('Only dates of this kind'),
  group: z.string().min(1).max(100).optional().describe('Only dates of this group (CWG-WSIS&SDG)'),
  actionLine: z
    .string()
    .regex(/^C(?:[1-9]|1[01])$/, 'calendar.feeds.errors.action_line')
    .optional()
    .describe('Only dates concerning this WSIS action line (C1…C11)'),
};

export const feedQuery = z.object({
  ...filterQuery,
  lang: z.enum(LOCALES).optional().describe('Language of the titles and of the page links (default en)'),
});

/** Longest range the events API answers at once. */
export const MAX_RANGE_DAYS = 3660;

export const eventsQuery = z
  .object({
    from: instant.optional().describe('Start of the range (a day or an instant); default: today'),
    to: instant.optional().describe('End of the range, exclusive; default: one year after `from`'),
    ...filterQuery,
  })
  .superRefine((q, ctx) => {
    const from = q.from ? parseInstant(q.from) : null;
    const to = q.to ? parseInstant(q.to) : null;
    if (from && to && to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.feeds.errors.range' });
    else if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.feeds.errors.range_too_long', params: { days: MAX_RANGE_DAYS } });
  });

const localizedTitles = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string()])) as Record<(typeof LOCALES)[number], z.ZodString>);

export const eventAnswer = z.object({
  uid: z.string().describe('iCalendar UID, stable'),
  module: z.string().describe('The module that gives the date'),
  id: z.string().describe("The date's id within its module"),
  kind: z.enum(CALENDAR_KINDS),
  title: localizedTitles.describe('Title in the six languages'),
  start: z.string().describe('UTC instant'),
  end: z.string().nullable().describe('UTC instant, exclusive'),
  allDay: z.boolean(),
  timeZone: z.string().describe('IANA time zone of the date'),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  sequence: z.number().int(),
  group: z.string().nullable(),
  actionLines: z.array(z.string()),
  url: z.string().describe('Page about it (English)'),
  ics: z.string().describe('The .ics file of this date alone'),
});

export const eventsAnswer = z.object({ from: z.string(), to: z.string(), items: z.array(eventAnswer) });
