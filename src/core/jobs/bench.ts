/**
 * The job runner's case of `wsis bench` (`--only jobs`), on the PostgreSQL server only: a queue of
 * `jobs` jobs in a scratch database of its own (wsis_bench_jobs, made again each run), drained by
 * two processes (bench-worker.ts, each with its own pool) running the real runner; each run
 * inserts a row in bench_job_runs, so the count proves that no job ran twice and none was left.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { JOB_BATCH as BATCH, JOB_CONCURRENCY as CONCURRENCY } from './pace.js';
import { jobs as jobsTable } from './tables.js';

const DATABASE = 'wsis_bench_jobs';

const scratchDatabase = async (serverUrl: string) => {
  const { default: pg } = await import('pg');
  const server = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: server.toString(), user: decodeURIComponent(server.username) || 'postgres' });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  server.pathname = `/${DATABASE}`;
  return server.toString();
};

type Message = { ready?: true; ran?: number };

/** Runs the case and returns its markdown lines; `say` prints progress. */
export const benchJobs = async ({ serverUrl, jobs = 20_000, say }: { serverUrl: string; jobs?: number; say: (line: string) => void }) => {
  const url = await scratchDatabase(serverUrl);
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateDatabase(database);
    await database.db.execute(sql`create table bench_job_runs (job_id bigint not null, by text not null)`);
    const now = new Date();
    for (let i = 0; i < jobs; i += 5000) {
      await database.db.insert(jobsTable).values(Array.from({ length: Math.min(5000, jobs - i) }, (_, k) => ({ name: 'bench.count', payload: { n: i + k }, runAt: now })));
    }
    const file = fileURLToPath(new URL(`./bench-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
    const workers = [0, 1].map(() => fork(file, [], { env: { ...process.env, WSIS_BENCH_JOBS_URL: url, WSIS_BENCH_JOBS_NOW: String(now.getTime() + 1000) } }));
    const next = (worker: (typeof workers)[number]) =>
      new Promise<Message>((resolve, reject) => {
        worker.once('message', (m) => resolve(m as Message));
        worker.once('exit', (code) => reject(new Error(`a bench worker exited with ${code}`)));
      });
    await Promise.all(workers.map(next));
    // The machine's pace just before: one connection asking `select 1` in turn for 2 s.
    let pings = 0;
    const pingStart = performance.now();
    while (performance.now() - pingStart < 2000) {
      await database.db.execute(sql`select 1`);
      pings++;
    }
    const pingRate = pings / ((performance.now() - pingStart) / 1000);
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const finished = workers.map(next);
    for (const worker of workers) worker.send('go');
    const ran = (await Promise.all(finished)).map((m) => m.ran ?? 0);
    const seconds = (performance.now() - started) / 1000;
    const loadAfter = loadavg()[0] ?? 0;
    await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((r) => w.once('exit', r)) : undefined)));
    const { rows } = await database.db.execute<{ runs: number; distinct: number; done: number }>(sql`
      select (select count(*)::int from bench_job_runs) as runs, (select count(distinct job_id)::int from bench_job_runs) as distinct,
             (select count(*)::int from core_jobs where state = 'done') as done`);
    const counted = rows[0] ?? { runs: 0, distinct: 0, done: 0 };
    const rate = jobs / seconds;
    const twice = counted.runs - counted.distinct;
    say(
      `  job runner: ${jobs} jobs by 2 processes in ${seconds.toFixed(2)} s, ${rate.toFixed(0)} jobs/s (${ran.join(' + ')}); runs counted ${counted.runs}, distinct ${counted.distinct}, done ${counted.done}`,
    );
    return [
      '',
      '## Job runner (PostgreSQL server, two processes)',
      '',
      `A queue of ${jobs.toLocaleString('en')} due jobs in a database of its own, drained by two \`node\` processes (each its own pool) running the real runner as \`wsis serve\` does (\`runDueJobs\`, batches of ${BATCH} claimed with \`FOR UPDATE SKIP LOCKED\`, ${CONCURRENCY} jobs at a time); each run inserts a row in a counting table. Timed from both processes being ready to both having found the queue empty.`,
      '',
      '| | value |',
      '| --- | ---: |',
      `| jobs per second (goal ≥ 500) | **${rate.toFixed(0)}** |`,
      `| seconds for ${jobs.toLocaleString('en')} jobs | ${seconds.toFixed(2)} |`,
      `| jobs run by each process | ${ran.map((n) => n.toLocaleString('en')).join(' / ')} |`,
      `| ceiling: \`select 1\` one after another on one connection, just before (queries/s) | ${pingRate.toFixed(0)} |`,
      `| runs counted / distinct jobs / jobs done | ${counted.runs.toLocaleString('en')} / ${counted.distinct.toLocaleString('en')} / ${counted.done.toLocaleString('en')} |`,
      `| **jobs run twice** (goal 0) | **${twice}** |`,
      '',
      `Load average (1 minute) when the case started and ended: ${loadBefore.toFixed(2)} and ${loadAfter.toFixed(2)} on ${cpus().length} cores, shared with PostgreSQL (and with any other work on the machine): other work lowers the rate and the ceiling alike.`,
    ];
  } finally {
    await database.close();
  }
};
