import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * Claims this period's run of a periodic job (a purge, a report) for the calling process: true for
 * exactly one caller per period across every process on the database, false for the others. The
 * claim is one conditional upsert of the job's row in core_settings (`job:<name>`, the time of
 * the last run in updated_at, the database's clock): a second process arriving at the same moment
 * waits for the first one's row lock, then finds the period taken. A run that fails is not
 * retried before the next period.
 */
export const claimPeriodicRun = async (db: DbOrTx, { name, everyMs, by }: { name: string; everyMs: number; by: string }): Promise<boolean> => {
  const { rows } = await db.execute<{ key: string }>(sql`
    insert into core_settings as s (key, value, updated_at)
    values (${`job:${name}`}, ${JSON.stringify({ by })}::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()
      where s.updated_at <= now() - make_interval(secs => ${everyMs / 1000})
    returning s.key`);
  return rows.length > 0;
};

/** Runs `job` when this process claims the period (claimPeriodicRun); says whether it ran. */
export const runPeriodic = async (db: DbOrTx, options: { name: string; everyMs: number; by: string }, job: () => Promise<unknown>): Promise<boolean> => {
  if (!(await claimPeriodicRun(db, options))) return false;
  await job();
  return true;
};
