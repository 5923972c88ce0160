/**
 * The period of a statement (`from`, `to`: days, both included), for the page, the DOCX and the
 * API: a day that does not exist, `from` after `to`, or a period longer than MAX_PERIOD_YEARS is
 * refused with a message of this folder's catalog. Zod schemas make the OpenAPI document.
 */
import { z } from 'zod';
import { LOCALES } from '../../../core/i18n/locales.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The longest period a statement covers (the fund is younger; a typo like 2205 is caught). */
export const MAX_PERIOD_YEARS = 50;

/** "2026-02-30" → null; "2026-02-28" → itself. */
export const parseDay = (text: unknown): string | null => {
  if (typeof text !== 'string' || !DAY.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text && text >= '1900-01-01' ? text : null;
};

const addYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;

/** The default period: the current calendar year to today (UTC). */
export const defaultPeriod = (now = new Date()) => {
  const today = now.toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
};

export type PeriodErrors = Partial<Record<'from' | 'to', string>>;

/** The period asked for (absent values take the defaults), or the message key of each wrong field. */
export const parsePeriod = (query: { from?: unknown; to?: unknown }, now = new Date()): { period: { from: string; to: string } } | { errors: PeriodErrors } => {
  const defaults = defaultPeriod(now);
  const given = (v: unknown) => v !== undefined && v !== '';
  const from = given(query.from) ? parseDay(query.from) : defaults.from;
  const to = given(query.to) ? parseDay(query.to) : defaults.to;
  const errors: PeriodErrors = {};
  if (!from) errors.from = 'trust-fund.transparency.errors.date';
  if (!to) errors.to = 'trust-fund.transparency.errors.date';
  if (from && to && from > to) errors.to = 'trust-fund.transparency.errors.order';
  else if (from && to && to >= addYears(from, MAX_PERIOD_YEARS)) errors.to = 'trust-fund.transparency.errors.too_long';
  return from && to && Object.keys(errors).length === 0 ? { period: { from, to } } : { errors };
};

const day = z.string().max(20).meta({ example: '2026-01-01' });

export const statementQuery = z
  .object({
    from: day.optional().describe('First day of the period (value dates), default: 1 January of this year'),
    to: day.optional().describe('Last day of the period, included; default: today'),
  })
  .superRefine((q, ctx) => {
    const result = parsePeriod(q);
    if ('errors' in result)
      for (const [path, message] of Object.entries(result.errors)) ctx.addIssue({ code: 'custom', path: [path], message, params: { years: MAX_PERIOD_YEARS } });
  });

export const langQuery = z.object({ lang: z.enum(LOCALES).optional().describe('Language of the names (default en)') });

/** Money in JSON: a decimal string of CHF ("1234.50"), never a number. */
const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ example: '125000.00' });
const balances = z.object({ unallocated: money, allocated: money, total: money });

export const statementAnswer = z.object({
  currency: z.literal('CHF'),
  from: z.string(),
  to: z.string(),
  opening: balances,
  receipts: z.array(
    z.object({
      donor: z.object({
        id: z.number().int(),
        kind: z.enum(['member-state', 'sector-member', 'organization']),
        countryCode: z.string().nullable(),
        name: z.string().describe('In `lang`; a Member State by the reference country list'),
      }),
      amount: money,
    }),
  ),
  receiptsTotal: money,
  psc: money.describe('Programme support costs of the period'),
  allocations: money.describe('Allocated to roadmap tasks in the period, net of reversals'),
  expenditures: money,
  closing: balances,
});
