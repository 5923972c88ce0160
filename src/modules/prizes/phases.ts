/**
 * An edition's phases and the one the clock is in. The current phase is always computed from the
 * dates (UTC instants), never set by hand.
 */
import { PHASES, type Phase, type editions } from './tables.js';

export type Edition = typeof editions.$inferSelect;
export type PhaseDates = Record<Phase, { start: Date; end: Date }>;
/** Before the submission phase, in a gap between two phases, or after the announcement. */
export type EditionMoment = Phase | 'upcoming' | 'between' | 'closed';

export const phasesOf = (e: Edition): PhaseDates => ({
  submission: { start: e.submissionStart, end: e.submissionEnd },
  validation: { start: e.validationStart, end: e.validationEnd },
  voting: { start: e.votingStart, end: e.votingEnd },
  selection: { start: e.selectionStart, end: e.selectionEnd },
  announcement: { start: e.announcementStart, end: e.announcementEnd },
});

/** The columns of a set of phase dates. */
export const phaseColumns = (p: PhaseDates) => ({
  submissionStart: p.submission.start,
  submissionEnd: p.submission.end,
  validationStart: p.validation.start,
  validationEnd: p.validation.end,
  votingStart: p.voting.start,
  votingEnd: p.voting.end,
  selectionStart: p.selection.start,
  selectionEnd: p.selection.end,
  announcementStart: p.announcement.start,
  announcementEnd: p.announcement.end,
});

/**
 * The five phases around `now`, ten days each, the clock in the middle of phase `current`: the
 * dates of the demonstration, benchmark and test editions.
 */
export const phaseDatesAround = (current: Phase, now = Date.now()): PhaseDates => {
  const day = 86_400_000;
  const at = PHASES.indexOf(current);
  return Object.fromEntries(PHASES.map((p, i) => [p, { start: new Date(now + ((i - at) * 10 - 5) * day), end: new Date(now + ((i - at) * 10 + 5) * day) }])) as PhaseDates;
};

/** Where the edition stands at `now`: each phase is [start, end). */
export const momentOf = (e: Edition, now = new Date()): EditionMoment => {
  const phases = phasesOf(e);
  const t = now.getTime();
  if (t < phases.submission.start.getTime()) return 'upcoming';
  for (const phase of PHASES) if (t >= phases[phase].start.getTime() && t < phases[phase].end.getTime()) return phase;
  if (t >= phases.announcement.end.getTime()) return 'closed';
  return 'between';
};

/** The first pair of phases out of order (a phase must end after it starts and before the next starts). */
export const phaseOrderError = (p: PhaseDates): { phase: Phase; bound: 'start' | 'end' } | null => {
  let previousEnd: Date | null = null;
  for (const phase of PHASES) {
    const { start, end } = p[phase];
    if (previousEnd && start.getTime() < previousEnd.getTime()) return { phase, bound: 'start' };
    if (end.getTime() <= start.getTime()) return { phase, bound: 'end' };
    previousEnd = end;
  }
  return null;
};

/** Whether the public may see the list of nominees at `now`. */
export const nomineesArePublic = (e: Edition, now = new Date()) =>
  (e.nomineesPublishedAt !== null && e.nomineesPublishedAt.getTime() <= now.getTime()) || now.getTime() >= e.votingStart.getTime();

/** Whether the public may see vote counts at `now`. */
export const countsArePublic = (e: Edition, now = new Date()) => now.getTime() >= e.votingEnd.getTime() || (e.countsPublicDuringVoting && now.getTime() >= e.votingStart.getTime());
