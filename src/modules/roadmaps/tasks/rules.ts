/**
 * The traffic light of a task, computed from what is stored (never typed): a pure function of the
 * deadline, the reported status, the instant of the last update and today. Also the reminder days.
 */
import type { TaskStatus } from '../tables.js';

/** No progress update for this long makes an open task stale. */
export const STALE_DAYS = 90;
/** Reminders to the owner this many days before the deadline. */
export const REMINDER_DAYS = [30, 7] as const;
export const DAY_MS = 86_400_000;

/** What the light shows: closed tasks say so; an open one is late, stale, at risk or on track (worst first). */
export const LIGHTS = ['late', 'stale', 'at-risk', 'on-track', 'not-started', 'done', 'cancelled'] as const;
export type Light = (typeof LIGHTS)[number];

export type LightInput = { deadline: string; status: TaskStatus; lastUpdateAt: Date };

/** The day of an instant in UTC, as `YYYY-MM-DD` (dates of tasks are days, compared as text). */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

export const isOpen = (status: TaskStatus) => status !== 'done' && status !== 'cancelled';

/** Late: the deadline (a day) has passed and the task is neither done nor cancelled. */
export const isLate = (t: Pick<LightInput, 'deadline' | 'status'>, now: Date) => isOpen(t.status) && t.deadline < dayOf(now);

/** Stale: open, and no update for STALE_DAYS days. */
export const isStale = (t: Pick<LightInput, 'lastUpdateAt' | 'status'>, now: Date) => isOpen(t.status) && now.getTime() - t.lastUpdateAt.getTime() >= STALE_DAYS * DAY_MS;

/** The light of a task at `now`: late before stale before at risk (as reported, or typed late by the owner). */
export const trafficLight = (t: LightInput, now: Date): Light => {
  if (!isOpen(t.status)) return t.status as Light;
  if (isLate(t, now) || t.status === 'late') return 'late';
  if (isStale(t, now)) return 'stale';
  return t.status as Light;
};

/** Days from `now`'s day to a day (negative once passed). */
export const daysUntil = (day: string, now: Date) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${dayOf(now)}T00:00:00Z`)) / DAY_MS);

/**
 * Which deadline reminder is due at `now`: 30 while 8 to 30 days remain, 7 while 0 to 7 remain,
 * none otherwise (a task created 5 days before its deadline gets only the 7-day one).
 */
export const deadlineReminder = (deadline: string, now: Date): 30 | 7 | null => {
  const days = daysUntil(deadline, now);
  if (days < 0) return null;
  if (days <= 7) return 7;
  if (days <= 30) return 30;
  return null;
};

/** The bar of a task on a timeline from `from` to `to` (days), in [0, 1] fractions. */
export const barOf = (t: { startsOn: string; deadline: string }, { from, to }: { from: string; to: string }) => {
  const span = Math.max(1, Date.parse(to) - Date.parse(from));
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const start = clamp((Date.parse(t.startsOn) - Date.parse(from)) / span);
  const end = clamp((Date.parse(t.deadline) + DAY_MS - Date.parse(from)) / span);
  return { start, width: Math.max(0.004, end - start) };
};
