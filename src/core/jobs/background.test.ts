import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { sessions, users } from '../auth/tables.js';
import { defineModule } from '../module.js';
import { moduleJobName, platformJobs } from './background.js';
import { enqueueJob, runDueJobs, schedulePeriodicJobs } from './runner.js';
import { jobs } from './tables.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const T0 = new Date('2031-05-04T10:00:00Z');
const runs: { name: string; payload: unknown; now: string }[] = [];
const roadmaps = defineModule({
  id: 'roadmaps',
  contributes: {
    jobs: [
      { name: 'sweep', everyMs: 3600_000, run: async (_db, { payload, now }) => runs.push({ name: 'sweep', payload, now: now.toISOString() }) },
      { name: 'remind', run: async (_db, { payload, now }) => runs.push({ name: 'remind', payload, now: now.toISOString() }) },
    ],
  },
});

describe('the platform jobs on the runner', () => {
  it("runs the core's periodic jobs and a module's jobs, periodic and enqueued, on the runner's clock", async () => {
    const { handlers, periodic } = platformJobs({ modules: [roadmaps], baseUrl: 'http://localhost' });
    // Without SMTP no delivery job: mail stays in the outbox.
    expect(handlers.has('core.mail-delivery')).toBe(false);
    expect(periodic.map((p) => p.name)).toEqual(expect.arrayContaining(['core.notification-reminders', 'core.purge-sessions', 'core.maintenance', 'roadmaps.sweep']));
    expect(periodic.map((p) => p.name)).not.toContain('roadmaps.remind');

    // An expired session, for the purge.
    const [user] = await database.db.insert(users).values({ email: 'jobs@example.org', name: 'Jobs', passwordHash: 'x' }).returning({ id: users.id });
    await database.db.insert(sessions).values({ idHash: 'expired-session-for-the-job', userId: user?.id ?? 0, expiresAt: new Date(Date.now() - 1000) });

    await enqueueJob(database.db, { name: moduleJobName('roadmaps', 'remind'), payload: { task: 7 }, runAt: T0 });
    await schedulePeriodicJobs(database.db, periodic, { now: T0 });
    for (;;) {
      const { claimed, failed } = await runDueJobs(database.db, handlers, { now: T0, by: 'test', batch: 50 });
      expect(failed).toBe(0);
      if (claimed === 0) break;
    }
    expect(runs).toEqual(
      expect.arrayContaining([
        { name: 'sweep', payload: {}, now: T0.toISOString() },
        { name: 'remind', payload: { task: 7 }, now: T0.toISOString() },
      ]),
    );
    expect(await database.db.select().from(sessions).where(eq(sessions.idHash, 'expired-session-for-the-job'))).toEqual([]);
    const states = await database.db.select({ name: jobs.name, state: jobs.state }).from(jobs);
    expect(states.every((s) => s.state === 'done')).toBe(true);
    expect(states.map((s) => s.name)).toContain('core.purge-jobs');
  });
});
