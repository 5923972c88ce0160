/**
 * Autovacuum's work, for a database where no autovacuum runs: embedded PGlite is one backend with
 * no background workers, and a PostgreSQL server may have autovacuum switched off. Without it the
 * planner never gets statistics (it guesses every table's size and may choose a scan of a whole
 * table), the space of updated and deleted rows is never reused (tables and indexes only grow: the
 * job queue, sessions, rate-limit counters and campaign placing rewrite rows all day), and the
 * pending lists of the full-text (GIN) indexes are merged by whichever insert overflows them.
 *
 * A periodic job (core/jobs/background.ts) runs it; where an autovacuum launcher runs it does
 * nothing. The thresholds are PostgreSQL's defaults for autovacuum, so a table is vacuumed or
 * analysed when a server with autovacuum would have done it.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from './client.js';

/** PostgreSQL's defaults: autovacuum_vacuum_threshold / _scale_factor, the insert variants, autovacuum_analyze_threshold / _scale_factor. */
export const THRESHOLDS = {
  vacuum: { base: 50, scale: 0.2 },
  vacuumInsert: { base: 1000, scale: 0.2 },
  analyze: { base: 50, scale: 0.1 },
} as const;

/** Whether an autovacuum launcher runs for this database (false on PGlite, and on a server with autovacuum off). */
export const autovacuumRuns = async (db: DbOrTx): Promise<boolean> => {
  const { rows } = await db.execute<{ runs: boolean }>(sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as runs`);
  return rows[0]?.runs === true;
};

export type TableDue = { schema: string; table: string; vacuum: boolean };

/**
 * The tables autovacuum would vacuum (and analyse) or only analyse now, by the activity counted
 * since it last did; and the tables that hold rows but were never vacuumed nor analysed
 * (`reltuples` -1): PGlite does not keep its activity counters across restarts, so the rows
 * written before the last start are counted nowhere else.
 */
export const tablesDue = async (db: DbOrTx): Promise<TableDue[]> => {
  const { vacuum, vacuumInsert, analyze } = THRESHOLDS;
  const { rows } = await db.execute<{ schema: string; table: string; vacuum: boolean }>(sql`
    select schema, "table", never or dead as vacuum from (
      select s.schemaname as schema, s.relname as "table",
        (c.reltuples < 0 and pg_relation_size(c.oid) > 0) as never,
        s.n_dead_tup > ${vacuum.base} + ${vacuum.scale} * greatest(c.reltuples, 0)
          or s.n_ins_since_vacuum > ${vacuumInsert.base} + ${vacuumInsert.scale} * greatest(c.reltuples, 0) as dead,
        s.n_mod_since_analyze > ${analyze.base} + ${analyze.scale} * greatest(c.reltuples, 0) as changed
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    ) t
    where never or dead or changed
    order by schema, "table"`);
  return rows.map((r) => ({ schema: r.schema, table: r.table, vacuum: r.vacuum === true }));
};

export type Maintenance = { autovacuum: boolean; vacuumed: string[]; analyzed: string[] };

/**
 * Vacuums (and analyses) or analyses the tables that are due, one at a time, unless an autovacuum
 * launcher runs (`always`: whatever runs, for the tests). On the database itself, never in a
 * transaction (VACUUM cannot run in one). A table another session holds in a way
 * VACUUM waits for (a schema change) is taken on the next run: VACUUM's own lock does not stop
 * reads and writes.
 */
export const maintainTables = async (db: Db, { always = false }: { always?: boolean } = {}): Promise<Maintenance> => {
  const autovacuum = await autovacuumRuns(db);
  const done: Maintenance = { autovacuum, vacuumed: [], analyzed: [] };
  if (autovacuum && !always) return done;
  for (const { schema, table, vacuum } of await tablesDue(db)) {
    const name = sql`${sql.identifier(schema)}.${sql.identifier(table)}`;
    await db.execute(vacuum ? sql`vacuum (analyze) ${name}` : sql`analyze ${name}`);
    (vacuum ? done.vacuumed : done.analyzed).push(table);
  }
  return done;
};
