/**
 * `wsis bench`: measures the platform in-process and writes docs/benchmarks.md. Each result is
 * compared with a ceiling measured in the same run on the same machine (a bare Node HTTP server
 * for pages, the bare driver for queries), so the numbers read as "what our layers cost".
 * The core measures its own pages and the ceilings, then runs every module's cases (`bench` in its
 * manifest) without naming them: the pages and statements each module lists, its corpus in a
 * scratch database kept between runs, its own measures against the in-process server, a real
 * `wsis serve` process on the load a module gives (start-to-ready time, resident memory), and
 * cases in a database of their own after the sections (PostgreSQL).
 */
import { spawn } from 'node:child_process';
import { createServer, get } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';
import type { BuildApp, PlatformModule } from '../module.js';
import type { BenchContext, BenchKind, BenchReport, BenchServing, ServedDownload, YearCorpus } from './bench-contract.js';
import { initializeIfEmpty, seedReference } from './startup.js';
import { say } from './common.js';
import { startServe } from './serve-process.js';

type Row = { name: string; rps: number; p50: number; p99: number; ceiling: number; ratio: number };

/** What a browser (and fetch, curl --compressed, Python requests) sends: pages travel compressed. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

const runAutocannon = async (url: string, { connections, duration }: { connections: number; duration: number }) => {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration, headers: BROWSER_HEADERS });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors (statuses ${JSON.stringify(result.statusCodeStats)})`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
};

/** Queries per second through the bare pool with `concurrency` callers for `ms`. */
const driverRate = async (database: Database, sql: string, { concurrency, ms }: { concurrency: number; ms: number }) => {
  const end = Date.now() + ms;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await database.pool.query(sql);
        count++;
      }
    }),
  );
  return count / (ms / 1000);
};

type Section = {
  kind: BenchKind;
  entries: number;
  seededIn: number | null;
  rows: Row[];
  dbCeiling: number;
  /** The modules' statements through the bare driver. */
  driverRows: { name: string; rate: number }[];
  /** The modules' own lines (their measures, and the `wsis serve` process on their load). */
  moduleLines: string[];
  /** `wsis user add` from start to exit, and `node -e 0` (the ceiling), medians in ms. */
  cliExit?: { ms: number; ceilingMs: number; runs: number };
};

/** Milliseconds from spawn to exit of a process (it must exit with 0). */
const timeToExit = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.slice(-6).join(' ')} exited ${code}: ${err.trim()}`))));
  });

/**
 * A `wsis` command that does not serve, `wsis user add`, from start to exit on the section's
 * database, against `node -e 0` (starting Node itself), each run `runs` times in turn; medians.
 */
const measureCliExit = async (env: NodeJS.ProcessEnv, runs = 5) => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const cli: number[] = [];
  const ceiling: number[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < runs; i++) {
    ceiling.push(await timeToExit(['-e', '0'], env));
    cli.push(
      await timeToExit(
        [...process.execArgv, process.argv[1] as string, 'user', 'add', '--email', `bench-cli-${stamp}-${i}@example.invalid`, '--password', `Bench-${stamp}-cli-${i}-pass`],
        env,
      ),
    );
  }
  return { ms: median(cli), ceilingMs: median(ceiling), runs };
};

/** Everything the entry gives the bench: the modules, how to build the app, the modules' option values. */
type BenchSetup = { modules: PlatformModule[]; buildApp: BuildApp; options: Record<string, number | undefined> };

/** A scratch database (`wsis_bench_<name>` on the PostgreSQL server, a PGlite folder `wsis-bench-pglite-<name>`), kept between runs, migrated and with the reference data. */
const openScratch = async (kind: BenchKind, name: string, modules: PlatformModule[]): Promise<{ database: Database; env: NodeJS.ProcessEnv }> => {
  let database: Database;
  let env: NodeJS.ProcessEnv;
  if (kind === 'postgresql') {
    const server = new URL(process.env.DATABASE_URL as string);
    const dbName = `wsis_bench_${name}`;
    const admin = new pg.Client({ connectionString: server.toString(), user: decodeURIComponent(server.username) || 'postgres' });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
    if (exists.rowCount === 0) await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(server.toString());
    url.pathname = `/${dbName}`;
    database = await openDatabase({ url: url.toString() });
    env = { DATABASE_URL: url.toString() };
  } else {
    const dataDir = join(tmpdir(), `wsis-bench-pglite-${name}`);
    database = await openDatabase({ dataDir });
    env = { DATABASE_URL: '', WSIS_DATA_DIR: dataDir };
  }
  await migrateDatabase(database);
  await seedReference(database, modules);
  await initializeIfEmpty(database, modules, { demo: false });
  return { database, env };
};

/** A scratch database holding each module's corpus of `entries` items, kept between runs (seeding 100,000 takes minutes). */
const openCorpus = async (kind: BenchKind, entries: number, modules: PlatformModule[]): Promise<{ database: Database; env: NodeJS.ProcessEnv; seededIn: number | null }> => {
  const { database, env } = await openScratch(kind, String(entries), modules);
  let seededIn: number | null = null;
  for (const m of modules) {
    const seconds = (await m.bench?.prepare?.(database, { size: entries, say })) ?? null;
    if (seconds !== null) seededIn = (seededIn ?? 0) + seconds;
  }
  return { database, env, seededIn };
};

/**
 * A case's own scratch database of one year's data (BenchContext.yearCorpus): every module's
 * `yearCorpus` made there (each checks what is there first), without naming the modules.
 */
const openYearCorpus = async (kind: BenchKind, modules: PlatformModule[], name: string, { year, size }: { year: number; size: number }): Promise<YearCorpus> => {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bench: a year corpus name is lower-case letters, digits and _ ('${name}')`);
  const { database, env } = await openScratch(kind, `${name}_${year}_${size}`, modules);
  const started = performance.now();
  const holds: string[] = [];
  for (const m of modules) if (m.bench?.yearCorpus) holds.push(await m.bench.yearCorpus(database, { year, size, say }));
  const seconds = (performance.now() - started) / 1000;
  return { database, env, holds, seededIn: seconds >= 1 ? seconds : null };
};

/**
 * Seconds from the request to the last byte of a file fetched whole, its bytes counted and dropped
 * (node:http: fetch's streams took 4.5–5.3 s to read the 119 MB CSV that curl read in 2.6 s).
 */
const fetchWhole = (url: URL) =>
  new Promise<{ seconds: number; bytes: number }>((resolve, reject) => {
    const started = performance.now();
    get(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${url.pathname}: HTTP ${res.statusCode}`));
        return;
      }
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
      });
      res.on('end', () => resolve({ seconds: (performance.now() - started) / 1000, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });

/** A file downloaded twice: the first time after start (its code not yet compiled), and again. */
const download = async (url: URL): Promise<ServedDownload> => {
  const first = await fetchWhole(url);
  const again = await fetchWhole(url);
  return { path: url.pathname, seconds: first.seconds, again: again.seconds, bytes: first.bytes };
};

/**
 * Starts `wsis serve` as its own process on the corpus (`--workers n` above 1): time until it
 * listens, then its peak RSS under a module's load (with workers, the primary's and the workers' summed).
 */
const measureServing = async (
  env: NodeJS.ProcessEnv,
  paths: string[],
  { duration, connections, workers = 1, downloads = [] }: { duration: number; connections: number; workers?: number; downloads?: string[] },
): Promise<BenchServing> => {
  const server = await startServe({ env, workers });
  try {
    const url = server.url;
    let rssMb = server.rssMb();
    const sampler = setInterval(() => {
      rssMb = Math.max(rssMb, server.rssMb());
    }, 100);
    const { default: autocannon } = await import('autocannon');
    // The first request may wait for the caches the process fills once it listens (the search
    // indexes: 3 s on PostgreSQL, 7 s on PGlite at 100,000 entries); timed from ready.
    const firstStarted = performance.now();
    const first = await fetch(new URL(paths[0] ?? '/healthz', url));
    await first.text();
    const firstRequestMs = performance.now() - firstStarted;
    // Warm-up, not measured: compiles the code of the page.
    await autocannon({ url, connections, duration: Math.max(3, duration), requests: paths.map((path) => ({ method: 'GET', path })) });
    const result = await autocannon({ url, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) });
    clearInterval(sampler);
    const served: ServedDownload[] = [];
    for (const path of downloads) served.push(await download(new URL(path, url)));
    return { readyMs: server.readyMs, firstRequestMs, rssMb, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, downloads: served };
  } finally {
    await server.stop();
  }
};

const measure = async (
  kind: BenchKind,
  { duration, connections, entries, rounds, only }: { duration: number; connections: number; entries: number; rounds: number; only?: string },
  { modules, buildApp, options }: BenchSetup,
): Promise<Section> => {
  // A module's case alone: none of the core's page cases, only the modules that have that case.
  const moduleCase = only !== undefined && only !== 'http' ? only : undefined;
  const config = loadConfig({ port: 0, rateLimitScale: 1_000_000, logLevel: 'warn' });
  say(`bench: ${kind}, corpora of ${entries} items, ${connections} connections, ${duration}s per case`);
  const { database, env, seededIn } = await openCorpus(kind, entries, modules);
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // The HTTP ceiling: a bare Node server that does nothing but answer.
  const bare = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  // The ceiling is measured again right before each case: on a shared machine the speed drifts
  // within a run, and each ratio compares two measures taken seconds apart.
  const rows: Row[] = [];
  const pages = moduleCase ? [] : [{ name: 'GET /healthz', path: '/healthz' }, ...modules.flatMap((m) => m.bench?.pages ?? [])];
  for (const { name, path } of pages) {
    const ceiling = await runAutocannon(bareUrl, { connections, duration });
    const r = await runAutocannon(`${base}${path}`, { connections, duration });
    rows.push({ name, ...r, ceiling: ceiling.rps, ratio: r.rps / ceiling.rps });
    say(`  ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (bare node http just before: ${ceiling.rps.toFixed(0)} req/s, ratio ${(r.rps / ceiling.rps).toFixed(2)})`);
  }
  const dbCeiling = moduleCase ? 0 : await driverRate(database, 'select 1', { concurrency: connections, ms: duration * 1000 });
  const driverRows: Section['driverRows'] = [];
  for (const { name, sql } of moduleCase ? [] : modules.flatMap((m) => m.bench?.driver ?? [])) {
    driverRows.push({ name, rate: await driverRate(database, sql, { concurrency: connections, ms: duration * 1000 }) });
  }
  if (!moduleCase) say(`  driver: select 1 ${dbCeiling.toFixed(0)} q/s${driverRows.map((d) => `; ${d.name} ${d.rate.toFixed(0)} q/s`).join('')}`);
  if (only === 'http') {
    await app.close();
    bare.close();
    await database.close();
    return { kind, entries, seededIn, rows, dbCeiling, driverRows, moduleLines: [] };
  }

  // Each module's own cases against this server.
  const context: BenchContext = {
    kind,
    database,
    baseUrl: base,
    connections,
    duration,
    rounds,
    options,
    modules,
    say,
    only: moduleCase,
    yearCorpus: (name, args) => openYearCorpus(kind, modules, name, args),
    serve: kind === 'postgresql' ? (args) => startServe({ env: { ...env, ...args?.env }, workers: args?.workers, until: 'warm' }) : undefined,
  };
  const reports: BenchReport[] = [];
  for (const m of modules) if (m.bench?.measure && (!moduleCase || m.bench.cases?.includes(moduleCase))) reports.push(await m.bench.measure(context));
  await app.close();
  bare.close();
  await database.close();

  // A real `wsis serve` on the same database (PGlite allows one process at a time, so after closing
  // ours), on the load of the first module that gives one.
  const loaded = moduleCase ? undefined : reports.find((r) => r.serveLoad?.length);
  let serving: BenchServing | null = null;
  if (loaded?.serveLoad) {
    try {
      serving = await measureServing(env, loaded.serveLoad, { duration, connections, downloads: loaded.serveDownloads });
      say(
        `  wsis serve: ready in ${(serving.readyMs / 1000).toFixed(1)} s, first request ${(serving.firstRequestMs / 1000).toFixed(1)} s later, peak RSS ${serving.rssMb.toFixed(0)} MB, ${serving.rps.toFixed(1)} req/s`,
      );
      for (const d of serving.downloads)
        say(`  wsis serve: ${d.path} downloaded in ${d.seconds.toFixed(1)} s, again in ${d.again.toFixed(1)} s (${(d.bytes / 2 ** 20).toFixed(0)} MiB)`);
    } catch (error) {
      say(`  wsis serve could not be measured: ${(error as Error).message}`);
    }
  }
  const moduleLines = reports.flatMap((r) => r.lines(r === loaded ? serving : null));
  // A command that serves nothing, on the same database (PGlite: after the server has stopped).
  let cliExit: Section['cliExit'];
  try {
    cliExit = await measureCliExit(env);
    say(
      `  wsis user add: exits in ${(cliExit.ms / 1000).toFixed(2)} s (node -e 0: ${(cliExit.ceilingMs / 1000).toFixed(2)} s, ratio ${(cliExit.ceilingMs / cliExit.ms).toFixed(2)})`,
    );
  } catch (error) {
    say(`  wsis user add could not be measured: ${(error as Error).message}`);
  }
  // On PostgreSQL, the same load against two web processes (`--workers 2`), compared with one.
  if (kind === 'postgresql' && loaded?.serveLoad && serving) {
    try {
      const two = await measureServing(env, loaded.serveLoad, { duration, connections, workers: 2 });
      say(`  wsis serve --workers 2: ${two.rps.toFixed(1)} req/s (${(two.rps / serving.rps).toFixed(2)} of one process), peak RSS ${two.rssMb.toFixed(0)} MB`);
      moduleLines.push(...processLines(serving, two));
    } catch (error) {
      say(`  wsis serve --workers 2 could not be measured: ${(error as Error).message}`);
    }
  }
  return { kind, entries, seededIn, rows, dbCeiling, driverRows, moduleLines, cliExit };
};

/** The serving measure with one process and with two, as a markdown table. */
const processLines = (one: BenchServing, two: BenchServing) => {
  const row = (name: string, a: number, b: number, digits = 1) => `| ${name} | ${a.toFixed(digits)} | ${b.toFixed(digits)} | ${a > 0 ? (b / a).toFixed(2) : ''} |`;
  return [
    '',
    '### `wsis serve`: one process and two (`--workers 2`)',
    '',
    'The same load (the heaviest page a module gives, after a warm-up) against one web process, then two sharing the port; each process keeps its own caches. On 2 cores shared with autocannon and PostgreSQL a second process has no core of its own.',
    '',
    '| | one process | 2 processes | 2 / one |',
    '| --- | ---: | ---: | ---: |',
    row('requests per second', one.rps, two.rps),
    row('p50 ms', one.p50, two.p50, 0),
    row('p99 ms', one.p99, two.p99, 0),
    row('start to ready, s', one.readyMs / 1000, two.readyMs / 1000, 2),
    row('peak resident memory, MB (every process)', one.rssMb, two.rssMb, 0),
  ];
};

/** Runs every case on PGlite, and on PostgreSQL too when DATABASE_URL is set. */
export const runBench = async (
  {
    duration,
    connections,
    out,
    entries,
    pgliteEntries,
    rounds,
    only,
  }: {
    duration: number;
    connections: number;
    out: string;
    entries: number;
    pgliteEntries: number;
    rounds: number;
    /** 'http': only the page and API cases against the ceiling (a short run), none of the modules' own measures; a module's case name: that case alone. */
    only?: string;
  },
  setup: BenchSetup,
) => {
  const loadAtStart = loadavg();
  // 'jobs': the job runner's case alone (PostgreSQL), without the sections.
  const sections = only === 'jobs' ? [] : [await measure('pglite', { duration, connections, entries: pgliteEntries, rounds, only }, setup)];
  if (process.env.DATABASE_URL && only !== 'jobs') sections.push(await measure('postgresql', { duration, connections, entries, rounds, only }, setup));
  const loadAtEnd = loadavg();
  const cpu = cpus();
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}; ${connections} concurrent connections, ${duration} s per case (autocannon against the in-process server).`,
    '',
    `Load average (1, 5, 15 minutes) of the machine at the start of the run: ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}; at the end: ${loadAtEnd.map((l) => l.toFixed(2)).join(', ')}. Other work on the same cores inflates every latency here; a load above the number of cores means the numbers are pessimistic.`,
    '',
    'Each ratio compares a case with a ceiling measured right before it: a bare Node HTTP server',
    'answering "ok", which no web framework can beat on this machine. Queries through the bare',
    'driver show what the database itself allows. Requests carry `Accept-Encoding: gzip, deflate,',
    'br`, as browsers send it (before 2026-12-04 they did not, and pages travelled uncompressed).',
    ...setup.modules.flatMap((m) => (m.bench?.about ? ['', ...m.bench.about] : [])),
  ];
  for (const section of sections) {
    lines.push(
      '',
      `## ${section.kind === 'pglite' ? 'Embedded PGlite (worker thread)' : 'PostgreSQL server (DATABASE_URL)'}, ${section.entries.toLocaleString('en')} entries`,
      '',
      ...(section.rows.length
        ? [
            '| case | req/s | p50 ms | p99 ms | ceiling req/s | ratio |',
            '| --- | ---: | ---: | ---: | ---: | ---: |',
            ...section.rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ceiling.toFixed(0)} | ${r.ratio.toFixed(2)} |`),
            '',
            '| through the bare driver | queries/s |',
            '| --- | ---: |',
            `| \`select 1\` | ${section.dbCeiling.toFixed(0)} |`,
            ...section.driverRows.map((d) => `| ${d.name} | ${d.rate.toFixed(0)} |`),
          ]
        : []),
      ...section.moduleLines,
      ...(section.cliExit
        ? [
            '',
            `| a \`wsis\` command that serves nothing, start to exit (median of ${section.cliExit.runs}, in turn) | seconds |`,
            '| --- | ---: |',
            `| \`wsis user add\` (opens the database, hashes the password, adds the account) | ${(section.cliExit.ms / 1000).toFixed(2)} |`,
            `| \`node -e 0\` (the ceiling: Node starting and exiting) | ${(section.cliExit.ceilingMs / 1000).toFixed(2)} |`,
            `| **ratio node -e 0 / wsis user add** (goal: the command exits within 2 s) | **${(section.cliExit.ceilingMs / section.cliExit.ms).toFixed(2)}** |`,
          ]
        : []),
      ...(section.seededIn !== null ? ['', `Corpus loaded by \`wsis seed bench\` in ${section.seededIn.toFixed(0)} s in this run.`] : []),
    );
  }
  // Cases in a database of their own (the WSIS Prizes vote), on the PostgreSQL server only.
  if (process.env.DATABASE_URL && (only === undefined || only === 'http')) {
    for (const m of setup.modules) {
      if (m.bench?.final) lines.push(...(await m.bench.final({ serverUrl: process.env.DATABASE_URL, connections, duration, options: setup.options, modules: setup.modules, say })));
    }
  }
  // The job runner (core/jobs): two processes sharing one queue, on the PostgreSQL server only.
  if (only === undefined || only === 'jobs') {
    if (process.env.DATABASE_URL) {
      const { benchJobs } = await import('../jobs/bench.js');
      lines.push(...(await benchJobs({ serverUrl: process.env.DATABASE_URL, say })));
    } else say('bench: the job runner case needs PostgreSQL (DATABASE_URL): two processes cannot share the embedded database');
  }
  writeFileSync(out, `${lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')}\n`);
  say(`bench: results written to ${out}`);
};

export const registerBenchCommand = (program: Command, { modules, buildApp }: { modules: PlatformModule[]; buildApp: BuildApp }) => {
  const command = program
    .command('bench')
    .description(
      "measure throughput and latency against a bare-server ceiling, every module's cases (search over a 100,000-entry corpus, …), start time and memory; writes docs/benchmarks.md (PGlite, and PostgreSQL when DATABASE_URL is set, in a scratch database wsis_bench_<entries> kept between runs)",
    )
    .option('--duration <s>', 'seconds per case', (v) => Number.parseInt(v, 10), 5)
    .option('--connections <n>', 'concurrent connections', (v) => Number.parseInt(v, 10), 10)
    .option('--entries <n>', "items in each module's corpus", (v) => Number.parseInt(v, 10), 100_000)
    .option('--pglite-entries <n>', 'items in the PGlite corpora (default: --entries)', (v) => Number.parseInt(v, 10))
    .option('--rounds <n>', 'timed rounds of a query mix', (v) => Number.parseInt(v, 10), 2)
    .option('--out <file>', 'where to write the results', 'docs/benchmarks.md')
    .option(
      '--only <cases>',
      `'http': only the page and API cases against the bare ceiling (a short run; none of the modules' own measures); 'jobs': the job runner with two processes (PostgreSQL); or one module's case alone (${modules.flatMap((m) => m.bench?.cases ?? []).join(', ') || 'none'})`,
    );
  const moduleOptions = modules.flatMap((m) => m.bench?.options ?? []);
  for (const o of moduleOptions) command.option(o.flags, o.description, (v) => Number.parseInt(v, 10), o.defaultValue);
  command.action(
    async (opts: { duration: number; connections: number; out: string; entries: number; pgliteEntries?: number; rounds: number; only?: string } & Record<string, unknown>) => {
      const known = ['http', 'jobs', ...modules.flatMap((m) => m.bench?.cases ?? [])];
      if (opts.only !== undefined && !known.includes(opts.only)) throw new Error(`--only: unknown cases '${opts.only}' (known: ${known.join(', ')})`);
      const options = Object.fromEntries(moduleOptions.map((o) => [new Option(o.flags).attributeName(), opts[new Option(o.flags).attributeName()] as number | undefined]));
      await runBench({ ...opts, pgliteEntries: opts.pgliteEntries ?? opts.entries, only: opts.only }, { modules, buildApp, options });
    },
  );
};
