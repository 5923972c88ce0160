/** Pure rules of meetings: the default deadline for contributions and the status moves. No I/O. */
import { wallClock, zonedToUtc } from '../../../core/i18n/time-zones.js';
import type { MeetingStatus } from '../tables.js';

/**
 * The default deadline for contributions: `days` calendar days before the opening day, at 23:59
 * in the meeting's time zone (a meeting opening on Monday 22 March in Geneva, 12 days: Wednesday
 * 10 March, 23:59 Geneva time).
 */
export const defaultDeadline = (startsAt: Date, zone: string, days: number): Date => {
  const openingDay = wallClock(startsAt, zone).slice(0, 10);
  const day = new Date(Date.parse(`${openingDay}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  // 23:59 exists in every zone (clocks change at night's small hours); UTC is the last resort.
  return zonedToUtc(`${day}T23:59`, zone) ?? new Date(`${day}T23:59:00Z`);
};

/** The status moves: planned → convened → held; planned or convened → cancelled. */
export const TRANSITIONS = {
  convene: { from: ['planned'], to: 'convened' },
  hold: { from: ['convened'], to: 'held' },
  cancel: { from: ['planned', 'convened'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;
export type Transition = keyof typeof TRANSITIONS;
export const isTransition = (v: string): v is Transition => Object.hasOwn(TRANSITIONS, v);

/** The moves open to a meeting in `status`. */
export const transitionsFrom = (status: MeetingStatus): Transition[] =>
  (Object.keys(TRANSITIONS) as Transition[]).filter((t) => (TRANSITIONS[t].from as readonly MeetingStatus[]).includes(status));
