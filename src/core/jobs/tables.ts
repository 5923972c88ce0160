import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The job runner's queue (core/jobs/runner.ts): one row per run of a job, waiting until `run_at`,
 * claimed by one process (`locked_by`, `locked_at`), then done or failed with its last error.
 * `key` makes an enqueue idempotent: a periodic job's run for one period (`<name>@<period start>`),
 * a reminder for one person and deadline. Done rows are purged after two days, failed rows (shown
 * on admin/jobs, where an administrator can retry them) after 30.
 */
export const jobs = pgTable(
  'core_jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    payload: jsonb().$type<unknown>().notNull().default({}),
    state: text({ enum: ['waiting', 'running', 'done', 'failed'] })
      .notNull()
      .default('waiting'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lastError: text(),
    key: text().unique(),
    lockedBy: text(),
    lockedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Claiming: the due waiting jobs in order.
    index('core_jobs_due_idx').on(t.runAt, t.id).where(sql`${t.state} = 'waiting'`),
    // Giving back the jobs of a process that died.
    index('core_jobs_running_idx').on(t.lockedAt).where(sql`${t.state} = 'running'`),
    // The purge, the admin page's latest failures and counts.
    index('core_jobs_state_finished_idx').on(t.state, t.finishedAt),
  ],
);
