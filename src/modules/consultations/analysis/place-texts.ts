/**
 * The placing job: puts the texts that submissions stored (index-texts.ts, storeAnswerTexts) into
 * campaigns, question by question, each question in a transaction of its own under its lock
 * (placeQuestionTexts: claimed with `for update skip locked`, marked placed in the same
 * transaction, so exactly once however many runners). It runs right after a submission commits, in
 * the background of the process that took it (placeTextsSoon, not awaited by the request), and every
 * minute from the periodic runner of every server as a safety net (the module's `jobs`
 * contribution), which also catches what a stopped process left.
 */
import type { Db } from '../../../core/db/client.js';
import { findPlacingWork, placeQuestionTexts } from './index-texts.js';

/** Texts placed per transaction: the question's lock is held for one batch at most. */
const BATCH = 100;

export type PlacingOutcome = { placed: number; tidied: number };

/**
 * Places every text waiting and counts every stale campaign again, until none is left that this
 * runner can take (texts claimed by another runner are left to it). Returns what it did.
 */
export const placeWaitingTexts = async (db: Db, { consultationId }: { consultationId?: number } = {}): Promise<PlacingOutcome> => {
  const total = { placed: 0, tidied: 0 };
  for (;;) {
    let pass = 0;
    for (const work of await findPlacingWork(db, { consultationId })) {
      // Stale campaigns are counted again in the first batch only.
      for (let stale = work.stale; ; stale = false) {
        const done = await db.transaction((tx) => placeQuestionTexts(tx, { ...work, stale, limit: BATCH }));
        total.placed += done.placed;
        total.tidied += done.tidied;
        pass += done.placed + done.tidied;
        if (done.placed < BATCH) break;
      }
    }
    // Nothing this pass: what is left (if anything) is held by another runner.
    if (pass === 0) return total;
  }
};

type Runner = { running: Promise<void> | null; again: boolean };
const runners = new WeakMap<Db, Runner>();

/**
 * Starts placing in the background of this process (not awaited): called after a submission
 * committed. Calls arriving during a run make one more run after it, not one each, so a burst of
 * submissions keeps at most one runner per process busy. A failure goes to `onError`; the periodic
 * run places what was left.
 */
export const placeTextsSoon = (db: Db, onError: (error: unknown) => void): void => {
  let runner = runners.get(db);
  if (!runner) {
    runner = { running: null, again: false };
    runners.set(db, runner);
  }
  if (runner.running) {
    runner.again = true;
    return;
  }
  const state = runner;
  const loop = async () => {
    do {
      state.again = false;
      try {
        await placeWaitingTexts(db);
      } catch (error) {
        onError(error);
      }
    } while (state.again);
  };
  state.running = loop().finally(() => {
    state.running = null;
  });
};

/** Resolves when this process's background placing (placeTextsSoon) is idle: for tests and for a clean shutdown. */
export const whenTextsPlaced = async (db: Db): Promise<void> => {
  for (let runner = runners.get(db); runner?.running; runner = runners.get(db)) await runner.running;
};
