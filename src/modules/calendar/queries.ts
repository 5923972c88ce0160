/**
 * Read side of the calendar: its own dates (calendar_events) and every module's dates collected
 * through the manifests. The calendar knows no module by name: `collectCalendarDates` asks each.
 */
import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { collectCalendarDates } from '../../core/contributions.js';
import type { DbOrTx } from '../../core/db/client.js';
import type { PlatformModule } from '../../core/module.js';
import { type CalendarFilters, type CalendarItem, matchesFilters, toItem } from './dates.js';
import { calendarEvents } from './tables.js';

export type CalendarEvent = typeof calendarEvents.$inferSelect;

/** The calendar's own dates overlapping [from, to) (a moment without end: its start inside), cancelled ones included (the feeds announce them). */
export const findEventsOverlapping = (db: DbOrTx, { from, to }: { from: Date; to: Date }) =>
  db
    .select()
    .from(calendarEvents)
    .where(and(lt(calendarEvents.startsAt, to), or(gt(calendarEvents.endsAt, from), and(isNull(calendarEvents.endsAt), sql`${calendarEvents.startsAt} >= ${from.toISOString()}`))))
    .orderBy(asc(calendarEvents.startsAt), asc(calendarEvents.id));

/** Every own date for the secretariat, newest first. */
export const findAllEvents = (db: DbOrTx) => db.select().from(calendarEvents).orderBy(desc(calendarEvents.startsAt), desc(calendarEvents.id)).limit(500);

export const findEvent = async (db: DbOrTx, id: number): Promise<CalendarEvent | null> => (await db.select().from(calendarEvents).where(eq(calendarEvents.id, id)))[0] ?? null;

/** Every module's dates overlapping the range, as the calendar shows them, filtered. */
export const findCalendarItems = async (
  db: DbOrTx,
  { modules, from, to, filters = {} }: { modules: readonly PlatformModule[]; from: Date; to: Date; filters?: CalendarFilters },
): Promise<CalendarItem[]> => (await collectCalendarDates(modules, db, { from, to })).map(toItem).filter((item) => matchesFilters(item, filters));

/** The range of "everything" in the feeds: from the first World Information Society Day (2006) to five years ahead. */
export const feedRange = (now = new Date()) => ({ from: new Date(Date.UTC(2006, 0, 1)), to: new Date(Date.UTC(now.getUTCFullYear() + 6, 0, 1)) });
