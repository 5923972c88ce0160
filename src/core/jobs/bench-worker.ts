/**
 * One process of the job runner's bench (core/jobs/bench.ts): opens its own pool on the database
 * given in WSIS_BENCH_JOBS_URL, says `ready`, waits for `go`, then drains the queue with the real
 * runner (each run counted in bench_job_runs) and reports how many jobs it ran.
 */
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { JOB_BATCH as BATCH, JOB_CONCURRENCY as CONCURRENCY } from './pace.js';
import { type JobHandler, runDueJobs } from './runner.js';

const url = process.env.WSIS_BENCH_JOBS_URL;
if (!url || !process.send) throw new Error('bench-worker runs under `wsis bench` (fork with WSIS_BENCH_JOBS_URL)');
const by = `${hostname()}:${process.pid}`;
const database = await openDatabase({ url, poolSize: CONCURRENCY + 1 });
const count: JobHandler = (db, { id }) => db.execute(sql`insert into bench_job_runs (job_id, by) values (${id}, ${by})`);
const handlers = new Map([['bench.count', count]]);
const now = new Date(Number(process.env.WSIS_BENCH_JOBS_NOW));

process.once('message', async () => {
  let ran = 0;
  for (;;) {
    const { claimed, done } = await runDueJobs(database.db, handlers, { now, by, batch: BATCH, concurrency: CONCURRENCY });
    ran += done;
    if (claimed === 0) break;
  }
  await database.close();
  process.send?.({ ran }, () => process.exit(0));
});
process.send({ ready: true });
