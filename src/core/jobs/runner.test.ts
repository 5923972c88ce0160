import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../../test/db.js';
import { type Database, type Db, openDatabase } from '../db/client.js';
import { claimDueJobs, enqueueJob, type JobHandler, purgeDoneJobs, requeueFailedJob, retryDelayMs, runDueJobs, schedulePeriodicJobs } from './runner.js';
import { jobs } from './tables.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await database.db.execute(sql`create table test_job_runs (job_id bigint not null, by text not null)`);
});
afterAll(async () => database.drop());

const T0 = new Date('2031-03-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const jobsNamed = (name: string) => database.db.select().from(jobs).where(eq(jobs.name, name)).orderBy(jobs.id);
const handlers = (entries: Record<string, JobHandler>) => new Map(Object.entries(entries));
/** A handler that counts its runs in test_job_runs (the proof of exactly once). */
const counted =
  (by: string): JobHandler =>
  async (db, { id }) =>
    db.execute(sql`insert into test_job_runs (job_id, by) values (${id}, ${by})`);

describe('enqueueing', () => {
  it('commits a job with the transaction that queued it, and leaves nothing when it rolls back', async () => {
    await database.db
      .transaction(async (tx) => {
        await enqueueJob(tx, { name: 'tx.rolled-back', payload: { to: 1 } });
        throw new Error('the command failed');
      })
      .catch(() => undefined);
    expect(await jobsNamed('tx.rolled-back')).toEqual([]);

    await database.db.transaction(async (tx) => enqueueJob(tx, { name: 'tx.committed', payload: { to: 2 } }));
    const [job] = await jobsNamed('tx.committed');
    expect(job).toMatchObject({ state: 'waiting', payload: { to: 2 }, attempts: 0 });
  });

  it('adds a job once per key', async () => {
    const first = await enqueueJob(database.db, { name: 'keyed', key: 'reminder:task-7:30d' });
    const second = await enqueueJob(database.db, { name: 'keyed', key: 'reminder:task-7:30d' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
    expect(await jobsNamed('keyed')).toHaveLength(1);
  });
});

describe('running', () => {
  it('runs a due job once with its payload, and not a job due later', async () => {
    const seen: unknown[] = [];
    await enqueueJob(database.db, { name: 'run.once', payload: { n: 1 }, runAt: T0 });
    await enqueueJob(database.db, { name: 'run.once', payload: { n: 2 }, runAt: at(60_000) });
    const run = handlers({ 'run.once': async (_db, { payload }) => seen.push(payload) });
    expect(await runDueJobs(database.db, run, { now: T0, by: 'a' })).toMatchObject({ claimed: 1, done: 1 });
    expect(await runDueJobs(database.db, run, { now: T0, by: 'a' })).toMatchObject({ claimed: 0 });
    expect(seen).toEqual([{ n: 1 }]);
    await runDueJobs(database.db, run, { now: at(60_000), by: 'a' });
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await jobsNamed('run.once')).map((j) => j.state)).toEqual(['done', 'done']);
  });

  it('retries a failing job with growing waits on the clock, then marks it done', async () => {
    let calls = 0;
    const run = handlers({
      'retry.flaky': async () => {
        calls++;
        if (calls <= 2) throw new Error(`SMTP refused (${calls})`);
      },
    });
    await enqueueJob(database.db, { name: 'retry.flaky', runAt: T0, maxAttempts: 5 });
    expect(await runDueJobs(database.db, run, { now: T0, by: 'a' })).toMatchObject({ retried: 1 });
    let [job] = await jobsNamed('retry.flaky');
    expect(job).toMatchObject({ state: 'waiting', attempts: 1, runAt: at(retryDelayMs(1)) });
    expect(job?.lastError).toContain('SMTP refused (1)');

    // Before the wait is over: nothing runs.
    expect(await runDueJobs(database.db, run, { now: at(retryDelayMs(1) - 1000), by: 'a' })).toMatchObject({ claimed: 0 });
    const second = at(retryDelayMs(1));
    await runDueJobs(database.db, run, { now: second, by: 'a' });
    [job] = await jobsNamed('retry.flaky');
    // The second wait is twice the first.
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(job).toMatchObject({ state: 'waiting', attempts: 2, runAt: new Date(second.getTime() + retryDelayMs(2)) });

    await runDueJobs(database.db, run, { now: new Date(second.getTime() + retryDelayMs(2)), by: 'a' });
    [job] = await jobsNamed('retry.flaky');
    expect(job).toMatchObject({ state: 'done', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('marks a job failed with its error once its attempts are spent', async () => {
    const run = handlers({
      'retry.broken': async () => {
        throw new Error('template missing');
      },
    });
    await enqueueJob(database.db, { name: 'retry.broken', runAt: T0, maxAttempts: 2 });
    await runDueJobs(database.db, run, { now: T0, by: 'a' });
    expect(await runDueJobs(database.db, run, { now: at(3600_000), by: 'a' })).toMatchObject({ failed: 1 });
    const [job] = await jobsNamed('retry.broken');
    expect(job).toMatchObject({ state: 'failed', attempts: 2, finishedAt: at(3600_000) });
    expect(job?.lastError).toContain('template missing');
    // Never again by itself…
    expect(await runDueJobs(database.db, run, { now: at(86_400_000), by: 'a' })).toMatchObject({ claimed: 0 });
    // …until it is put back.
    expect(await requeueFailedJob(database.db, { id: job?.id ?? 0, now: at(86_400_000) })).toMatchObject({ name: 'retry.broken' });
    expect(await requeueFailedJob(database.db, { id: job?.id ?? 0, now: at(86_400_000) })).toBeUndefined();
    const [back] = await jobsNamed('retry.broken');
    expect(back).toMatchObject({ state: 'waiting', attempts: 0 });
  });

  it('gives back the job of a process that died while running it, and runs it elsewhere', async () => {
    await enqueueJob(database.db, { name: 'stuck.job', runAt: T0 });
    // A process claims it and dies.
    expect(await claimDueJobs(database.db, { names: ['stuck.job'], now: T0, by: 'dead', batch: 5 })).toHaveLength(1);
    const run = handlers({ 'stuck.job': counted('alive') });
    // Still within its time: left alone.
    expect(await runDueJobs(database.db, run, { now: at(60_000), by: 'alive', stuckAfterMs: 600_000 })).toMatchObject({ claimed: 0 });
    expect(await runDueJobs(database.db, run, { now: at(600_001), by: 'alive', stuckAfterMs: 600_000 })).toMatchObject({ claimed: 1, done: 1 });
    const [job] = await jobsNamed('stuck.job');
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    expect(job?.lastError).toContain('abandoned by dead');
  });

  it('purges done jobs older than the given days, and failed ones only after 30 days', async () => {
    await enqueueJob(database.db, { name: 'purge.old', runAt: T0 });
    await enqueueJob(database.db, { name: 'purge.failed', runAt: T0, maxAttempts: 1 });
    await runDueJobs(
      database.db,
      handlers({
        'purge.old': async () => undefined,
        'purge.failed': async () => {
          throw new Error('no');
        },
      }),
      { now: T0, by: 'a' },
    );
    await purgeDoneJobs(database.db, { now: at(6 * 86_400_000), olderThanDays: 7 });
    expect(await jobsNamed('purge.old')).toHaveLength(1);
    await purgeDoneJobs(database.db, { now: at(8 * 86_400_000), olderThanDays: 7 });
    expect(await jobsNamed('purge.old')).toHaveLength(0);
    expect(await jobsNamed('purge.failed')).toHaveLength(1);
    await purgeDoneJobs(database.db, { now: at(31 * 86_400_000), olderThanDays: 7 });
    expect(await jobsNamed('purge.failed')).toHaveLength(0);
  });
});

describe('several processes', () => {
  it('enqueues a periodic job once per period whatever the number of schedulers', async () => {
    const periodic = [{ name: 'periodic.hourly', everyMs: 3600_000 }];
    const added = await Promise.all(Array.from({ length: 4 }, (_, i) => schedulePeriodicJobs(database.db, periodic, { now: at(i * 1000) })));
    expect(added.reduce((a, b) => a + b, 0)).toBe(1);
    // Later in the same hour: nothing; the next hour: its own run.
    expect(await schedulePeriodicJobs(database.db, periodic, { now: at(3599_000) })).toBe(0);
    expect(await schedulePeriodicJobs(database.db, periodic, { now: at(3600_000) })).toBe(1);
    const rows = await jobsNamed('periodic.hourly');
    expect(rows.map((r) => r.key)).toEqual(['periodic.hourly@2031-03-01T08:00:00.000Z', 'periodic.hourly@2031-03-01T09:00:00.000Z']);
    const run = handlers({ 'periodic.hourly': counted('scheduler') });
    await Promise.all([runDueJobs(database.db, run, { now: at(3600_000), by: 'a' }), runDueJobs(database.db, run, { now: at(3600_000), by: 'b' })]);
    expect((await jobsNamed('periodic.hourly')).map((r) => r.state)).toEqual(['done', 'done']);
  });

  it(`runs each of 2,000 jobs exactly once with two runners sharing the queue (${testDatabaseKind() === 'postgresql' ? 'two pools' : 'one embedded database'})`, async () => {
    await database.db.execute(sql`delete from test_job_runs`);
    await database.db.insert(jobs).values(Array.from({ length: 2000 }, (_, i) => ({ name: 'shared.queue', payload: { i }, runAt: T0 })));
    // On PostgreSQL the second runner is a second pool of connections, as a second process would have.
    const second: Database | undefined = database.url ? await openDatabase({ url: database.url, poolSize: 4 }) : undefined;
    const drain = async (db: Db, by: string) => {
      let total = 0;
      for (;;) {
        const { claimed } = await runDueJobs(db, handlers({ 'shared.queue': counted(by) }), { now: at(1000), by, batch: 25, concurrency: 3 });
        total += claimed;
        if (claimed === 0) return total;
      }
    };
    try {
      const [a, b] = await Promise.all([drain(database.db, 'runner-a'), drain(second?.db ?? database.db, 'runner-b')]);
      expect(a + b).toBe(2000);
    } finally {
      await second?.close();
    }
    const { rows } = await database.db.execute<{ runs: number; distinct: number }>(sql`select count(*)::int as runs, count(distinct job_id)::int as distinct from test_job_runs`);
    expect(rows[0]).toEqual({ runs: 2000, distinct: 2000 });
    const states = await database.db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from core_jobs where name = 'shared.queue' group by state`);
    expect(states.rows).toEqual([{ state: 'done', n: 2000 }]);
  });
});
