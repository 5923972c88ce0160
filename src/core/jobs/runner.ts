/**
 * The job runner: durable background work kept in the database (core_jobs), shared by every process
 * on it. A job is enqueued in the transaction of the change that causes it (committed or rolled
 * back with it), claimed by one process with `FOR UPDATE SKIP LOCKED`, run by the handler of its
 * name, then marked done, or given another attempt later with exponential backoff, or failed with
 * its error once its attempts are spent. A job whose process died while running it is given back
 * after STUCK_AFTER_MS. Periodic work is a job enqueued once per period under the key
 * `<name>@<period start>`. Time always comes from the caller (`now`), so tests move a clock.
 * Why our own and not a library: docs/ARCHITECTURE.md, "Background jobs".
 */
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { jobs } from './tables.js';

export type Job = typeof jobs.$inferSelect;

/** What a handler receives besides the database: the job's payload, the runner's clock, which attempt this is (1, 2, …). */
export type JobContext = { payload: unknown; now: Date; attempt: number; id: number };

/**
 * Does a job's work. It runs outside any transaction (the embedded database has one connection:
 * a handler opens its own transactions). It must tolerate being run again after a crash between
 * its end and the job being marked done (at least once on a crash; exactly once otherwise).
 */
export type JobHandler = (db: Db, job: JobContext) => Promise<unknown>;

export type JobHandlers = ReadonlyMap<string, JobHandler>;

/** A job the scheduler enqueues once every `everyMs` (periods aligned on the Unix epoch, so every process agrees). */
export type PeriodicJob = { name: string; everyMs: number; maxAttempts?: number };

export const DEFAULT_MAX_ATTEMPTS = 5;
/** A running job whose process has not finished it in this time is considered abandoned and given back. */
export const STUCK_AFTER_MS = 15 * 60_000;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … up to 1 h. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/**
 * Queues a job; pass the command's transaction to commit it with the change. With `key`, a job
 * already queued under that key (whatever its state) wins and nothing is added: returns the new
 * job's id, or undefined when the key was taken.
 */
export const enqueueJob = async (
  db: DbOrTx,
  { name, payload = {}, runAt, key, maxAttempts = DEFAULT_MAX_ATTEMPTS }: { name: string; payload?: unknown; runAt?: Date; key?: string; maxAttempts?: number },
) => {
  const [row] = await db
    .insert(jobs)
    .values({ name, payload, key, maxAttempts, ...(runAt ? { runAt } : {}) })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return row?.id;
};

/** The start of the period of length `everyMs` that contains `now`. */
export const periodStart = (now: Date, everyMs: number) => new Date(Math.floor(now.getTime() / everyMs) * everyMs);

/**
 * Enqueues the current period's run of each periodic job, once across every scheduler and
 * process (`insert … on conflict (key) do nothing`). A period nobody scheduled (every server
 * stopped) is skipped, not caught up. Returns how many runs this call added.
 */
export const schedulePeriodicJobs = async (db: DbOrTx, periodic: readonly PeriodicJob[], { now }: { now: Date }) => {
  if (periodic.length === 0) return 0;
  const rows = await db
    .insert(jobs)
    .values(
      periodic.map(({ name, everyMs, maxAttempts = 1 }) => {
        const start = periodStart(now, everyMs);
        return { name, key: `${name}@${start.toISOString()}`, runAt: start, maxAttempts };
      }),
    )
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length;
};

/**
 * Gives back the jobs whose process stopped while running them (locked longer than `stuckAfterMs`):
 * waiting again, or failed when that was their last attempt. Returns how many.
 */
export const releaseStuckJobs = async (db: DbOrTx, { now, stuckAfterMs = STUCK_AFTER_MS }: { now: Date; stuckAfterMs?: number }) => {
  const before = new Date(now.getTime() - stuckAfterMs);
  const rows = await db
    .update(jobs)
    .set({
      state: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'waiting' end`,
      lastError: sql`'abandoned by ' || coalesce(${jobs.lockedBy}, '?') || ' (running since ' || ${jobs.lockedAt}::text || ')'`,
      finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then ${now}::timestamptz end`,
      runAt: now,
      lockedBy: null,
      lockedAt: null,
    })
    .where(and(eq(jobs.state, 'running'), lt(jobs.lockedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
};

/**
 * Claims up to `batch` due jobs that this process has handlers for, in order of `run_at`: one
 * statement, `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING`, so two
 * processes claiming at once get different jobs.
 */
export const claimDueJobs = async (db: DbOrTx, { names, now, by, batch }: { names: readonly string[]; now: Date; by: string; batch: number }) => {
  if (names.length === 0) return [];
  const { rows } = await db.execute<{ id: string | number; name: string; payload: unknown; attempts: number }>(sql`
    update core_jobs set state = 'running', locked_by = ${by}, locked_at = ${now}::timestamptz, attempts = attempts + 1
    where id in (
      select id from core_jobs
      where state = 'waiting' and run_at <= ${now}::timestamptz and name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})
      order by run_at, id
      for update skip locked
      limit ${batch}
    ) and state = 'waiting'
    returning id, name, payload, attempts`);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, payload: r.payload, attempts: Number(r.attempts) }));
};

const errorText = (error: unknown) => (error instanceof Error ? error.stack || error.message : String(error)).slice(0, 4000);

export type RunOutcome = { claimed: number; done: number; retried: number; failed: number };

/**
 * One pass of the worker loop: gives back abandoned jobs, claims a batch of due jobs, runs each
 * (`concurrency` at a time), then marks them done (in one statement), waiting for another attempt, or failed. A job given
 * back to another process meanwhile (this one was too slow) is not marked by this one.
 */
export const runDueJobs = async (
  db: Db,
  handlers: JobHandlers,
  {
    now,
    by,
    batch = 20,
    stuckAfterMs = STUCK_AFTER_MS,
    concurrency = 1,
    onError,
  }: {
    now: Date;
    by: string;
    batch?: number;
    stuckAfterMs?: number;
    /** How many of the batch's jobs run at once (a pool of connections lets them overlap); handlers are safe side by side anyway. */
    concurrency?: number;
    /** Told of each failed run (for the log); the error is kept on the job anyway. */
    onError?: (job: { id: number; name: string; attempt: number }, error: unknown) => void;
  },
): Promise<RunOutcome> => {
  await releaseStuckJobs(db, { now, stuckAfterMs });
  const claimed = await claimDueJobs(db, { names: [...handlers.keys()], now, by, batch });
  const done: number[] = [];
  let retried = 0;
  let failed = 0;
  const runOne = async (job: (typeof claimed)[number]) => {
    const handler = handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for ${job.name}`);
      await handler(db, { payload: job.payload, now, attempt: job.attempts, id: job.id });
      done.push(job.id);
    } catch (error) {
      onError?.({ id: job.id, name: job.name, attempt: job.attempts }, error);
      const mine = and(eq(jobs.id, job.id), eq(jobs.state, 'running'), eq(jobs.lockedBy, by));
      const lastError = errorText(error);
      const rows = await db
        .update(jobs)
        .set({
          state: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'waiting' end`,
          runAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
          finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then ${now}::timestamptz end`,
          lastError,
          lockedBy: null,
          lockedAt: null,
        })
        .where(mine)
        .returning({ state: jobs.state });
      if (rows[0]?.state === 'failed') failed++;
      else if (rows[0]) retried++;
    }
  };
  // `concurrency` lanes take the batch's jobs in order, each one job at a time.
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const job = claimed[next++];
      if (job) await runOne(job);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, claimed.length)) }, lane));
  if (done.length > 0) {
    await db
      .update(jobs)
      .set({ state: 'done', finishedAt: now, lockedBy: null, lockedAt: null })
      .where(and(inArray(jobs.id, done), eq(jobs.state, 'running'), eq(jobs.lockedBy, by)));
  }
  return { claimed: claimed.length, done: done.length, retried, failed };
};

/**
 * Deletes the jobs done more than `olderThanDays` days before `now`, and the failed ones after
 * `failedKeptDays` (time enough for the administrators to see them; a periodic job failing every
 * period while the database was away would otherwise pile up). Returns how many.
 */
export const purgeDoneJobs = async (db: DbOrTx, { now, olderThanDays, failedKeptDays = 30 }: { now: Date; olderThanDays: number; failedKeptDays?: number }) => {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const rows = await db
    .delete(jobs)
    .where(or(and(eq(jobs.state, 'done'), lt(jobs.finishedAt, daysAgo(olderThanDays))), and(eq(jobs.state, 'failed'), lt(jobs.finishedAt, daysAgo(failedKeptDays)))))
    .returning({ id: jobs.id });
  return rows.length;
};

/** Puts a failed job back in the queue for a fresh set of attempts, due at `now`; undefined when it is not failed (already retried, unknown). */
export const requeueFailedJob = async (db: DbOrTx, { id, now }: { id: number; now: Date }) => {
  const [row] = await db
    .update(jobs)
    .set({ state: 'waiting', attempts: 0, runAt: now, finishedAt: null, lockedBy: null, lockedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'failed')))
    .returning({ id: jobs.id, name: jobs.name });
  return row;
};
