import { eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { notFound } from '../../../core/http/problems.js';
import { requeueFailedJob } from '../../../core/jobs/runner.js';
import { jobs } from '../../../core/jobs/tables.js';
import type { Actor } from '../../../core/permissions/index.js';

/**
 * Puts one failed job back in the queue, due at once with a fresh set of attempts (assumes
 * 'admin.jobs.retry'). Unknown job: 404. A job that is no longer failed (retried by another
 * administrator meanwhile) is left alone: `{ ok: false }`.
 */
export const retryJob = async (db: Db, { actor, id, now = new Date() }: { actor: Actor; id: number; now?: Date }) =>
  db.transaction(async (tx) => {
    const [job] = await tx.select({ id: jobs.id, name: jobs.name, state: jobs.state, lastError: jobs.lastError }).from(jobs).where(eq(jobs.id, id)).for('update');
    if (!job) throw notFound();
    const requeued = await requeueFailedJob(tx, { id, now });
    if (!requeued) return { ok: false, name: job.name } as const;
    await recordAction(tx, {
      actor,
      action: 'admin.jobs.retry',
      subjectType: 'job',
      subjectId: String(id),
      before: { state: job.state, lastError: job.lastError },
      after: { state: 'waiting', name: job.name },
    });
    return { ok: true, name: job.name } as const;
  });
