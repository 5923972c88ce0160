import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { jobs } from '../jobs/tables.js';
import { autovacuumRuns, maintainTables, tablesDue } from './maintenance.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => database.drop());

type Stats = { dead: number; vacuumed: boolean; analyzed: boolean };
const jobsStats = async (): Promise<Stats> => {
  const { rows } = await database.db.execute<{ dead: string | number; vacuumed: boolean; analyzed: boolean }>(
    sql`select n_dead_tup as dead, last_vacuum is not null as vacuumed, last_analyze is not null as analyzed from pg_stat_user_tables where relname = 'core_jobs'`,
  );
  const [row] = rows;
  return { dead: Number(row?.dead ?? 0), vacuumed: row?.vacuumed === true, analyzed: row?.analyzed === true };
};

/** Statistics reach the shared counters within about a second of a transaction's end. */
const until = async (check: () => Promise<boolean>) => {
  for (let tries = 0; tries < 50 && !(await check()); tries++) await new Promise((r) => setTimeout(r, 200));
};

describe("autovacuum's work where none runs", () => {
  it('knows whether an autovacuum launcher runs: never on PGlite, on a server as its setting says', async () => {
    const runs = await autovacuumRuns(database.db);
    if (database.kind === 'pglite') expect(runs).toBe(false);
    else {
      const { rows } = await database.db.execute<{ on: string }>(sql`select current_setting('autovacuum') as on`);
      expect(runs).toBe(rows[0]?.on === 'on');
    }
  });

  it('vacuums and analyses the job queue after a day of jobs was purged, then has nothing left to do', async () => {
    // A day of five-second jobs, done then purged: every row dead.
    await database.db.execute(
      sql`insert into core_jobs (name, key, run_at, state, finished_at) select 'core.notification-mailing', 'test@' || g, now(), 'done', now() from generate_series(1, 3000) g`,
    );
    await database.db.delete(jobs);
    await until(async () => (await jobsStats()).dead >= 3000);
    expect((await jobsStats()).dead).toBeGreaterThanOrEqual(3000);
    expect(await tablesDue(database.db)).toContainEqual({ schema: 'public', table: 'core_jobs', vacuum: true });

    const done = await maintainTables(database.db, { always: true });
    expect(done.vacuumed).toContain('core_jobs');
    const after = await jobsStats();
    expect(after).toMatchObject({ dead: 0, vacuumed: true, analyzed: true });
    // The planner now knows the queue is empty.
    const { rows } = await database.db.execute<{ reltuples: number }>(sql`select reltuples from pg_class where relname = 'core_jobs'`);
    expect(Number(rows[0]?.reltuples)).toBe(0);
    expect((await tablesDue(database.db)).map((t) => t.table)).not.toContain('core_jobs');
  });

  it('only analyses a table whose rows changed too little to vacuum, and leaves a quiet table alone', async () => {
    await maintainTables(database.db, { always: true });
    await database.db.execute(
      sql`insert into core_jobs (name, key, run_at, state) select 'core.notification-mailing', 'analyse@' || g, now(), 'waiting' from generate_series(1, 200) g`,
    );
    await until(async () => (await tablesDue(database.db)).some((t) => t.table === 'core_jobs'));
    expect(await tablesDue(database.db)).toContainEqual({ schema: 'public', table: 'core_jobs', vacuum: false });
    const done = await maintainTables(database.db, { always: true });
    expect(done.analyzed).toContain('core_jobs');
    expect(done.vacuumed).not.toContain('core_jobs');
    expect((await maintainTables(database.db, { always: true })).analyzed).not.toContain('core_jobs');
  });

  it('vacuums a table that holds rows but was never vacuumed, its activity counted before a restart (PGlite keeps no counters across one)', async () => {
    const fresh = await createTestDatabase({ seed: false });
    try {
      await fresh.db.execute(
        sql`insert into core_jobs (name, key, run_at, state) select 'core.notification-mailing', 'before-restart@' || g, now(), 'waiting' from generate_series(1, 30) g`,
      );
      // What a restart does to the counters: thirty rows, below every threshold, and none counted.
      await fresh.db.execute(sql`select pg_stat_reset()`);
      await until(async () => (await tablesDue(fresh.db)).some((t) => t.table === 'core_jobs'));
      expect(await tablesDue(fresh.db)).toContainEqual({ schema: 'public', table: 'core_jobs', vacuum: true });
      expect((await maintainTables(fresh.db, { always: true })).vacuumed).toContain('core_jobs');
      const { rows } = await fresh.db.execute<{ reltuples: number }>(sql`select reltuples from pg_class where relname = 'core_jobs'`);
      expect(Number(rows[0]?.reltuples)).toBe(30);
      expect((await tablesDue(fresh.db)).map((t) => t.table)).not.toContain('core_jobs');
    } finally {
      await fresh.drop();
    }
  });

  it('does nothing where autovacuum runs, unless asked to', async () => {
    const done = await maintainTables(database.db);
    if (await autovacuumRuns(database.db)) expect(done).toEqual({ autovacuum: true, vacuumed: [], analyzed: [] });
    else expect(done.autovacuum).toBe(false);
  });
});
