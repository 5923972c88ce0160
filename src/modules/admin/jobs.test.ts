import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/audit/tables.js';
import { enqueueJob, runDueJobs } from '../../core/jobs/runner.js';
import { jobs } from '../../core/jobs/tables.js';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

const T0 = new Date('2031-06-01T09:00:00Z');

describe('admin/jobs', () => {
  it('lists the jobs by name and state with the latest failures, and puts a failed job back in the queue (audited)', async () => {
    const db = kit.database.db;
    const failing = new Map([
      [
        'roadmaps.remind',
        async () => {
          throw new Error('no e-mail address for the owner');
        },
      ],
    ]);
    const broken = (await enqueueJob(db, { name: 'roadmaps.remind', payload: { task: 3 }, runAt: T0, maxAttempts: 1 })) ?? 0;
    const flaky = (await enqueueJob(db, { name: 'roadmaps.remind', payload: { task: 4 }, runAt: T0, maxAttempts: 3 })) ?? 0;
    await runDueJobs(db, failing, { now: T0, by: 'test' });

    const admin = await kit.as(await buildUser(db, { roles: ['admin'] }));
    const page = await admin.get('/en/admin/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Background jobs');
    expect(page.body).toContain('<code dir="ltr">roadmaps.remind</code>');
    expect(page.body).toContain('no e-mail address for the owner');
    expect(page.body).toContain('1 of 1');
    // The flaky one waits for its second attempt: a next run and no retry button.
    expect(page.body).toContain('1 of 3');
    expect(page.body).toContain(`action="/en/admin/jobs/${broken}/retry"`);
    expect(page.body).not.toContain(`action="/en/admin/jobs/${flaky}/retry"`);

    const french = await admin.get('/fr/admin/jobs');
    expect(french.body).toContain('Tâches de fond');
    expect(french.body).toContain('1 sur 1');

    const retried = await admin.post(`/en/admin/jobs/${broken}/retry`);
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/en/admin/jobs');
    const after = await admin.get('/en/admin/jobs');
    expect(after.body).toContain('The job roadmaps.remind is back in the queue.');
    expect(after.body).not.toContain(`action="/en/admin/jobs/${broken}/retry"`);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, broken));
    expect(job).toMatchObject({ state: 'waiting', attempts: 0 });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'admin.jobs.retry'), eq(auditLog.subjectId, String(broken))));
    expect(audit).toHaveLength(1);

    // Twice: told it is no longer failed, nothing written.
    await admin.post(`/en/admin/jobs/${broken}/retry`);
    expect((await admin.get('/en/admin/jobs')).body).toContain('is no longer failed');
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'admin.jobs.retry'))).toHaveLength(1);
    // An unknown job: 404; without the CSRF token: refused.
    expect((await admin.post('/en/admin/jobs/999999/retry')).statusCode).toBe(404);
    expect((await admin.post(`/en/admin/jobs/${flaky}/retry`, {}, { csrf: false })).statusCode).toBe(403);
  });

  it('is for administrators only', async () => {
    const moderator = await kit.as(await buildUser(kit.database.db, { roles: ['moderator'] }));
    expect((await moderator.get('/en/admin/jobs')).statusCode).toBe(403);
    expect((await kit.client().get('/en/admin/jobs')).statusCode).toBe(303);
  });
});
