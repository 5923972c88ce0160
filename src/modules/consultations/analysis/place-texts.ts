/**
 * The placing job: puts the texts that submissions stored (index-texts.ts, storeAnswerTexts) into
 * campaigns, question by question, each question in a transaction of its own under its lock
 * (placeQuestionTexts: claimed with `for update skip locked`, marked placed in the same
 * transaction, so exactly once however many runners). It runs right after a submission commits, in
 * the background of the process that took it (placeTextsSoon, not awaited by the request), and every
 * minute from the periodic runner of every server as a safety net (the module's `jobs`
 * contribution), which also catches what a stopped process left. While submissions keep arriving,
 * the background placing yields to them (YIELD): campaigns are for the analysts, the answers are
 * what the respondents wait for.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../../core/db/client.js';
import { findPlacingWork, placeQuestionTexts } from './index-texts.js';

/** Texts placed per transaction: the question's lock is held for one batch at most. */
const BATCH = 100;

export type PlacingOutcome = { placed: number; tidied: number };

/**
 * The background placing's manners while submissions arrive (one in the last BUSY_MS): it places
 * BUSY_BATCH texts per transaction (a few milliseconds of the database's time each, where a batch
 * of BATCH held a core for half a second, and every submission meanwhile queued behind it: round 1's
 * p99 rose to 150–550 ms in the bench's submit case while its median stayed near 10 ms), and after
 * each batch it waits FACTOR times as long as the batch took, so it takes at most a tenth of the
 * time the submissions could use. The texts are placed within seconds once the submissions pause.
 * Without submissions it runs at full speed, BATCH texts per transaction.
 */
const YIELD = { BUSY_MS: 1_000, FACTOR: 9, BUSY_BATCH: 2 };

/** How long the background placing waits after a batch of `batchMs`, the last submission `sinceCallMs` ago. */
export const yieldAfterBatch = (batchMs: number, sinceCallMs: number): number => (sinceCallMs < YIELD.BUSY_MS ? batchMs * YIELD.FACTOR : 0);

/** How many texts the background placing takes in its next transaction, the last submission `sinceCallMs` ago. */
export const batchWhile = (sinceCallMs: number): number => (sinceCallMs < YIELD.BUSY_MS ? YIELD.BUSY_BATCH : BATCH);

/**
 * Places every text waiting and counts every stale campaign again, until none is left that this
 * runner can take (texts claimed by another runner are left to it). `pause`, after each batch with
 * the milliseconds it took, and `batch`, the size of the next one, let a background runner yield.
 * Returns what it did.
 */
export const placeWaitingTexts = async (
  db: Db,
  { consultationId, pause, batch = () => BATCH }: { consultationId?: number; pause?: (batchMs: number) => Promise<void>; batch?: () => number } = {},
): Promise<PlacingOutcome> => {
  const total = { placed: 0, tidied: 0 };
  for (;;) {
    let pass = 0;
    for (const work of await findPlacingWork(db, { consultationId })) {
      // Stale campaigns are counted again in the first batch only.
      for (let stale = work.stale; ; stale = false) {
        const started = performance.now();
        const limit = batch();
        const done = await db.transaction((tx) => placeQuestionTexts(tx, { ...work, stale, limit }));
        await pause?.(performance.now() - started);
        total.placed += done.placed;
        total.tidied += done.tidied;
        pass += done.placed + done.tidied;
        if (done.placed < limit) break;
      }
    }
    // Nothing this pass: what is left (if anything) is held by another runner.
    if (pass === 0) return total;
  }
};

/** `lastCall`: when the last submission asked for a run (performance.now()). */
type Runner = { running: Promise<void> | null; again: boolean; lastCall: number };
const runners = new WeakMap<Db, Runner>();

/**
 * Starts placing in the background of this process (not awaited): called after a submission
 * committed. Calls arriving during a run make one more run after it, not one each, so a burst of
 * submissions keeps at most one runner per process busy, and that runner yields to them (YIELD). A failure goes to `onError`; the periodic
 * run places what was left.
 */
export const placeTextsSoon = (db: Db, onError: (error: unknown) => void): void => {
  let runner = runners.get(db);
  if (!runner) {
    runner = { running: null, again: false, lastCall: 0 };
    runners.set(db, runner);
  }
  runner.lastCall = performance.now();
  if (runner.running) {
    runner.again = true;
    return;
  }
  const state = runner;
  const pause = async (batchMs: number) => {
    const wait = yieldAfterBatch(batchMs, performance.now() - state.lastCall);
    if (wait > 0) await sleep(wait);
  };
  const batch = () => batchWhile(performance.now() - state.lastCall);
  const loop = async () => {
    do {
      state.again = false;
      try {
        await placeWaitingTexts(db, { pause, batch });
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
