/**
 * What a module gives to `wsis bench` and `wsis seed bench` through its manifest (`bench`,
 * `benchSeed`): the core measures the ceilings, runs every module's cases without naming them and
 * writes docs/benchmarks.md.
 */
import type { Database } from '../db/client.js';
import type { PlatformModule } from '../module.js';
import type { Progress } from './common.js';
import type { ServeProcess } from './serve-process.js';

export type BenchKind = 'pglite' | 'postgresql';

/** A command-line option a module adds (`--voters <n>`), read as an integer. */
export type BenchOption = { flags: string; description: string; defaultValue?: number };

/** What a module's cases get: the in-process server and the scratch database of the section. */
export type BenchContext = {
  kind: BenchKind;
  database: Database;
  /** The platform in this process, listening (`http://127.0.0.1:PORT`). */
  baseUrl: string;
  connections: number;
  /** Seconds per case. */
  duration: number;
  /** Timed rounds of a query mix. */
  rounds: number;
  /** The values of every module's options, by attribute name (`voters`). */
  options: Record<string, number | undefined>;
  modules: PlatformModule[];
  say: (line: string) => void;
  /** One of the module's `cases` when `wsis bench --only <case>` asked for it alone; undefined: every case. */
  only?: string;
  /**
   * A scratch database of the case's own (`wsis_bench_<name>_<year>_<size>` on PostgreSQL, a data
   * folder on PGlite), kept between runs, holding every module's data dated in `year` (each
   * module's `yearCorpus`, `size` items for the modules that scale): for a case that reads what
   * every module holds for one year (the reports). The caller closes the database.
   */
  yearCorpus: (name: string, args: { year: number; size: number }) => Promise<YearCorpus>;
  /**
   * Starts a real `wsis serve` on this section's database, in processes of its own (`workers`
   * above 1: node:cluster), so the case's load generator does not share their processor; the
   * caller stops it. Resolves once `/readyz` says each process is ready (caches warm), as a load
   * balancer sends traffic. PostgreSQL only (PGlite allows one process, the in-process server's).
   */
  serve?: (args?: { workers?: number; env?: NodeJS.ProcessEnv }) => Promise<ServeProcess>;
};

/** A case's own database of one year's data: how to reach it from a child process (`env`), what each module holds there, the seconds spent making it (null: all there already). */
export type YearCorpus = { database: Database; env: NodeJS.ProcessEnv; holds: string[]; seededIn: number | null };

/** A real `wsis serve` process measured on the module's load, after the in-process cases. */
export type BenchServing = {
  readyMs: number;
  firstRequestMs: number;
  rssMb: number;
  rps: number;
  p50: number;
  p99: number;
  /** Each of the report's `serveDownloads`, fetched from that process after its load. */
  downloads: ServedDownload[];
};

/** One file downloaded whole from a `wsis serve` process by a client in the bench process: the first time, and again. */
export type ServedDownload = { path: string; seconds: number; again: number; bytes: number };

export type BenchReport = {
  /** Request paths for the `wsis serve` process (its heaviest page, with a realistic mix). */
  serveLoad?: string[];
  /**
   * Paths of large files to download twice from that `wsis serve` process after its load (an
   * export as a client elsewhere gets it: the server's threads do not read the file too).
   */
  serveDownloads?: string[];
  /** The module's markdown lines in the section, given that measure when it ran on its load. */
  lines: (serving: BenchServing | null) => string[];
};

export type ModuleBench = {
  options?: BenchOption[];
  /** Lines for the introduction of docs/benchmarks.md: what the module's corpus and cases are. */
  about?: string[];
  /**
   * Fills the scratch database (kept between runs) with the module's corpus up to `size` items,
   * before the server starts; the seconds it took, or null when nothing was added.
   */
  prepare?: (database: Database, args: { size: number; say: (line: string) => void }) => Promise<number | null>;
  /** Pages or API paths measured under load against the bare-server ceiling. */
  pages?: { name: string; path: string }[];
  /** Statements measured through the bare driver beside `select 1`. */
  driver?: { name: string; sql: string }[];
  /** The module's own cases against the in-process server. */
  measure?: (context: BenchContext) => Promise<BenchReport>;
  /** Names of parts of `measure` that `wsis bench --only <name>` runs alone (the core's page cases and the serving measure are then skipped). */
  cases?: string[];
  /**
   * Makes (or completes) the module's data dated in `year` in a case's own database
   * (BenchContext.yearCorpus), `size` items where the module scales with it; kept between runs,
   * so it checks what is there first. What the database holds of it ('100,000 published entries').
   */
  yearCorpus?: (database: Database, args: { year: number; size: number; say: (line: string) => void }) => Promise<string>;
  /** Once after every section, on the PostgreSQL server only, in a database of its own (the vote); markdown lines. */
  final?: (context: Omit<BenchContext, 'kind' | 'database' | 'baseUrl' | 'rounds' | 'yearCorpus'> & { serverUrl: string }) => Promise<string[]>;
};

/** A module's part of `wsis seed bench`: one option (its count) and what it loads. */
export type ModuleBenchSeed = {
  option: BenchOption;
  /** Adds `count` items (marked as demo); what was added and what the database holds now ('100 entries'). */
  run: (database: Database, args: { count: number; seed: number; progress: Progress }) => Promise<{ added: string; total: string }>;
};
