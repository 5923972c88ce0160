import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/tables.js';
import { CALENDAR_KINDS } from '../../core/contributions.js';
import type { Localized } from '../../core/i18n/locales.js';

/**
 * Dates the calendar keeps itself, that no module owns: WSIS Forum editions, World
 * Telecommunication and Information Society Day (17 May), the deadlines of the reports to the
 * Council, the PP, the CSTD and the HLPF. The other dates come from the modules' manifests
 * (`contributes.calendar`). `allDay` dates are days in `timeZone`: `startsAt`/`endsAt` are that
 * zone's midnights, `endsAt` exclusive.
 */
export const calendarEvents = pgTable(
  'calendar_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: CALENDAR_KINDS }).notNull(),
    title: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }),
    allDay: boolean().notNull().default(true),
    timeZone: text().notNull().default('Europe/Zurich'),
    location: jsonb().$type<Localized>().notNull().default({}),
    /** A page about it: a path of the platform ('/prizes/2027') or an address elsewhere. */
    href: text(),
    group: text(),
    actionLines: text().array().notNull().default(sql`'{}'::text[]`),
    cancelled: boolean().notNull().default(false),
    /** Increases with every change (iCalendar SEQUENCE). */
    sequence: integer().notNull().default(0),
    createdBy: bigint({ mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calendar_events_starts_idx').on(t.startsAt), check('calendar_events_dates_ordered', sql`${t.endsAt} is null or ${t.startsAt} < ${t.endsAt}`)],
);
