/**
 * `wsis bench`: measures the platform in-process and writes docs/benchmarks.md. Each result is
 * compared with a ceiling measured in the same run on the same machine (a bare Node HTTP server
 * for pages, the bare driver for queries), so the numbers read as "what our layers cost".
 * The database holds a Stocktaking corpus (`wsis seed bench`, 100,000 entries by default) in a
 * scratch database that is kept between runs: search latency over a query mix, the search page
 * under load against the same searches through the driver, and a real `wsis serve` process
 * (start-to-ready time, resident memory while serving).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';
import { initializeIfEmpty, seedReference } from './startup.js';
import { say } from './common.js';

type Row = { name: string; rps: number; p50: number; p99: number; ceiling: number; ratio: number };

/** What a browser (and fetch, curl --compressed, Python requests) sends: pages travel compressed. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

const runAutocannon = async (url: string, { connections, duration }: { connections: number; duration: number }) => {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration, headers: BROWSER_HEADERS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
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

type SearchTiming = { kind: string; count: number; p50: number; p95: number; max: number };
type SearchLoad = { httpRps: number; httpP50: number; httpP99: number; driverRps: number; ratio: number };
type Serving = { readyMs: number; firstSearchMs: number; rssMb: number; rps: number; p50: number; p99: number };
type Section = {
  kind: 'pglite' | 'postgresql';
  entries: number;
  seededIn: number | null;
  rows: Row[];
  dbCeiling: number;
  matrixDriver: number;
  search: SearchTiming[];
  /** null with `--only http`. */
  load: SearchLoad | null;
  serving: Serving | null;
  csv: { seconds: number; rows: number; bytes: number; peakRssMb: number } | null;
};

/** A scratch database holding `entries` corpus entries, kept between runs (seeding 100,000 takes minutes). */
const openCorpus = async (kind: 'pglite' | 'postgresql', entries: number): Promise<{ database: Database; env: NodeJS.ProcessEnv; seededIn: number | null }> => {
  let database: Database;
  let env: NodeJS.ProcessEnv;
  if (kind === 'postgresql') {
    const server = new URL(process.env.DATABASE_URL as string);
    const name = `wsis_bench_${entries}`;
    const admin = new pg.Client({ connectionString: server.toString(), user: decodeURIComponent(server.username) || 'postgres' });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    env = { DATABASE_URL: url.toString() };
  } else {
    const dataDir = join(tmpdir(), `wsis-bench-pglite-${entries}`);
    database = await openDatabase({ dataDir });
    env = { DATABASE_URL: '', WSIS_DATA_DIR: dataDir };
  }
  await migrateDatabase(database);
  const { MODULES } = await import('../../app.js');
  await seedReference(database, MODULES);
  await initializeIfEmpty(database, MODULES, { demo: false });
  const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from stocktaking_entries');
  const present = Number(rows[0]?.n ?? 0);
  let seededIn: number | null = null;
  if (present < entries) {
    say(`  seeding ${entries - present} Stocktaking entries (wsis seed bench; kept for the next runs)…`);
    const { seedBenchEntries } = await import('../../modules/stocktaking/bench/corpus.js');
    const started = performance.now();
    await seedBenchEntries(database.db, { entries: entries - present });
    seededIn = (performance.now() - started) / 1000;
    say(`  seeded in ${seededIn.toFixed(0)} s`);
  }
  return { database, env, seededIn };
};

/** The search page's URL for a query of the mix. */
const searchPath = (args: { locale: string; q?: string; filters?: Record<string, string[] | undefined>; page?: number }) => {
  const params = new URLSearchParams();
  if (args.q) params.set('q', args.q);
  for (const [facet, values] of Object.entries(args.filters ?? {})) for (const v of values ?? []) params.append(facet, v);
  if (args.page) params.set('page', String(args.page));
  return `/${args.locale}/stocktaking${params.size ? `?${params}` : ''}`;
};

/** Starts `wsis serve` as its own process on the corpus: time until it listens, then its peak RSS under the search load. */
const measureServing = async (env: NodeJS.ProcessEnv, paths: string[], { duration, connections }: { duration: number; connections: number }): Promise<Serving> => {
  const started = performance.now();
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, 'serve', '--no-demo', '--port', '0'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', WSIS_RATE_LIMIT_SCALE: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ready at (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr.on('data', () => undefined);
      child.once('exit', (code) => reject(new Error(`wsis serve exited (${code}) before it was ready`)));
    });
    const readyMs = performance.now() - started;
    const rssOf = () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    };
    let rssMb = existsSync(`/proc/${child.pid}/status`) ? rssOf() : 0;
    const sampler = setInterval(() => {
      if (existsSync(`/proc/${child.pid}/status`)) rssMb = Math.max(rssMb, rssOf());
    }, 100);
    const { default: autocannon } = await import('autocannon');
    // The first search waits for the search indexes the process reads once it listens (facet and
    // word indexes: 3 s on PostgreSQL, 7 s on PGlite at 100,000 entries); timed from ready.
    const firstStarted = performance.now();
    const first = await fetch(new URL(paths[0] ?? '/en/stocktaking', url));
    await first.text();
    const firstSearchMs = performance.now() - firstStarted;
    // Warm-up, not measured: compiles the code of the search page.
    await autocannon({ url, connections, duration: Math.max(3, duration), requests: paths.map((path) => ({ method: 'GET', path })) });
    const result = await autocannon({ url, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) });
    clearInterval(sampler);
    return { readyMs, firstSearchMs, rssMb, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
};

const measure = async (
  kind: 'pglite' | 'postgresql',
  { duration, connections, entries, rounds, only }: { duration: number; connections: number; entries: number; rounds: number; only?: 'http' },
): Promise<Section> => {
  const config = loadConfig({ port: 0, rateLimitScale: 1_000_000, logLevel: 'warn' });
  say(`bench: ${kind}, ${entries} Stocktaking entries, ${connections} connections, ${duration}s per case`);
  const { database, env, seededIn } = await openCorpus(kind, entries);
  const { buildApp } = await import('../../app.js');
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
  for (const [name, path] of [
    ['GET /healthz', '/healthz'],
    ['GET /en (home page)', '/en'],
    ['GET /fr/matrix (18×17 table)', '/fr/matrix'],
    ['GET /api/v1/action-lines', '/api/v1/action-lines'],
  ] as const) {
    const ceiling = await runAutocannon(bareUrl, { connections, duration });
    const r = await runAutocannon(`${base}${path}`, { connections, duration });
    rows.push({ name, ...r, ceiling: ceiling.rps, ratio: r.rps / ceiling.rps });
    say(`  ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (bare node http just before: ${ceiling.rps.toFixed(0)} req/s, ratio ${(r.rps / ceiling.rps).toFixed(2)})`);
  }
  const dbCeiling = await driverRate(database, 'select 1', { concurrency: connections, ms: duration * 1000 });
  const matrixDriver = await driverRate(database, 'select action_line, sdg, targets from reference_matrix_links', { concurrency: connections, ms: duration * 1000 });
  say(`  driver: select 1 ${dbCeiling.toFixed(0)} q/s; matrix links ${matrixDriver.toFixed(0)} q/s`);
  if (only === 'http') {
    await app.close();
    bare.close();
    await database.close();
    return { kind, entries, seededIn, rows, dbCeiling, matrixDriver, search: [], load: null, serving: null, csv: null };
  }

  // Search: latency of each query of the mix, one at a time (in-process timer).
  const { buildQueryMix, frequentWords, timeQueryMix } = await import('../../modules/stocktaking/bench/query-mix.js');
  const { findEntries } = await import('../../modules/stocktaking/queries.js');
  const mix = buildQueryMix(await frequentWords(database.db));
  const search = await timeQueryMix(database.db, mix, { rounds });
  for (const t of search) say(`  search (${t.kind}, ${t.count}): p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);

  // The search page under load, against the same searches through the driver (findEntries on the pool).
  const paths = mix.map((m) => searchPath(m.args));
  const { default: autocannon } = await import('autocannon');
  const http = await autocannon({ url: base, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) });
  if (http.non2xx > 0 || http.errors > 0) throw new Error(`search page: ${http.non2xx} non-2xx answers, ${http.errors} errors`);
  // Like autocannon's connections, each caller goes through the mix from its start.
  let done = 0;
  const end = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let next = 0; Date.now() < end; next++) {
        const q = mix[next % mix.length];
        if (q) await findEntries(database.db, q.args);
        done++;
      }
    }),
  );
  const driverRps = done / duration;
  const load: SearchLoad = { httpRps: http.requests.average, httpP50: http.latency.p50, httpP99: http.latency.p99, driverRps, ratio: http.requests.average / driverRps };
  say(`  search page: ${load.httpRps.toFixed(1)} req/s over HTTP, ${driverRps.toFixed(1)} searches/s through the driver (ratio ${load.ratio.toFixed(2)})`);

  // The full CSV export (measured by the exports feature, when present).
  let csv: Section['csv'] = null;
  const exportsBench = new URL('../../modules/stocktaking/exports/bench.js', import.meta.url);
  if (existsSync(exportsBench)) {
    const { measureCsvExport } = (await import(exportsBench.href)) as { measureCsvExport: (o: { baseUrl: string }) => Promise<NonNullable<Section['csv']>> };
    csv = await measureCsvExport({ baseUrl: base });
    say(`  CSV export: ${csv.rows} rows in ${csv.seconds.toFixed(1)} s`);
  }
  await app.close();
  bare.close();
  await database.close();

  // A real `wsis serve` on the same database (PGlite allows one process at a time, so after closing ours).
  let serving: Serving | null = null;
  try {
    serving = await measureServing(env, paths, { duration, connections });
    say(
      `  wsis serve: ready in ${(serving.readyMs / 1000).toFixed(1)} s, first search ${(serving.firstSearchMs / 1000).toFixed(1)} s later, peak RSS ${serving.rssMb.toFixed(0)} MB, search page ${serving.rps.toFixed(1)} req/s (ratio to the driver ${(serving.rps / load.driverRps).toFixed(2)})`,
    );
  } catch (error) {
    say(`  wsis serve could not be measured: ${(error as Error).message}`);
  }
  return { kind, entries, seededIn, rows, dbCeiling, matrixDriver, search, load, serving, csv };
};

const ms = (n: number) => n.toFixed(1);

/** The search, serving and export lines of a section (not measured with `--only http`). */
const searchLines = (section: Section, load: SearchLoad) => {
  const searchRows = section.search.map((t) => `| ${t.kind} | ${t.count} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`);
  return [
    '',
    '| search (findEntries, one at a time) | searches | p50 ms | p95 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...searchRows,
    '',
    '| search under load, same query mix | per second | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...(section.serving
      ? [
          `| GET /:locale/stocktaking, \`wsis serve\` in its own process | ${section.serving.rps.toFixed(1)} | ${section.serving.p50} | ${section.serving.p99} |`,
          `| GET /:locale/stocktaking, server in the bench process (autocannon shares its thread) | ${load.httpRps.toFixed(1)} | ${load.httpP50} | ${load.httpP99} |`,
          `| findEntries through the driver, in the bench process | ${load.driverRps.toFixed(1)} | | |`,
          `| **ratio page / driver** (\`wsis serve\`, as deployed) | **${(section.serving.rps / load.driverRps).toFixed(2)}** | | |`,
          `| ratio page / driver (server and client in one thread) | ${load.ratio.toFixed(2)} | | |`,
        ]
      : [
          `| GET /:locale/stocktaking (HTML page) | ${load.httpRps.toFixed(1)} | ${load.httpP50} | ${load.httpP99} |`,
          `| findEntries through the driver | ${load.driverRps.toFixed(1)} | | |`,
          `| **ratio page / driver** | **${load.ratio.toFixed(2)}** | | |`,
        ]),
    '',
    '| `wsis serve` as its own process | |',
    '| --- | ---: |',
    section.serving ? `| start to ready (migrations, reference data, listening) | ${(section.serving.readyMs / 1000).toFixed(2)} s |` : '| start to ready | not measured |',
    section.serving
      ? `| first search answered after ready (it waits for the search indexes read in the background) | ${(section.serving.firstSearchMs / 1000).toFixed(2)} s |`
      : '',
    section.serving ? `| peak resident memory under the search load | ${section.serving.rssMb.toFixed(0)} MB |` : '| peak resident memory | not measured |',
    section.serving ? `| search page req/s in that process | ${section.serving.rps.toFixed(1)} |` : '',
    ...(section.csv
      ? [
          '',
          `Full CSV export (\`/api/v1/entries.csv\`): ${section.csv.rows.toLocaleString('en')} rows, ${(section.csv.bytes / 2 ** 20).toFixed(0)} MiB in ${section.csv.seconds.toFixed(1)} s (peak RSS of the bench process ${section.csv.peakRssMb.toFixed(0)} MB).`,
        ]
      : []),
  ];
};

/** Runs every case on PGlite, and on PostgreSQL too when DATABASE_URL is set. */
export const runBench = async ({
  duration,
  connections,
  out,
  entries,
  pgliteEntries,
  rounds,
  voters = 0,
  only,
}: {
  duration: number;
  connections: number;
  out: string;
  entries: number;
  pgliteEntries: number;
  rounds: number;
  /** Voter accounts of the WSIS Prizes vote benchmark (PostgreSQL only; 0 skips it). */
  voters?: number;
  /** 'http': only the page and API cases against the ceiling (a short run), no search, export, serve or votes. */
  only?: 'http';
}) => {
  const loadAtStart = loadavg();
  const sections = [await measure('pglite', { duration, connections, entries: pgliteEntries, rounds, only })];
  if (process.env.DATABASE_URL) sections.push(await measure('postgresql', { duration, connections, entries, rounds, only }));
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
    '',
    'The database holds a Stocktaking corpus made by `wsis seed bench` (published entries in the six',
    'languages). Search latency is timed in-process, one search at a time, over a query mix taken',
    'from the corpus: the twenty most frequent words of each language alone and with facet filters,',
    'two-word queries, misspelt words (typo-tolerant path) and filters without words. Run',
    '`npm run bench -- --entries 10000` for a quick run.',
    '',
    'The cost of the web layer for search is the search page over HTTP against the same searches',
    'through the driver, with the same number of concurrent callers. The page is measured on',
    '`wsis serve` in its own process, as it is deployed, with autocannon in the bench process; the',
    'in-process figure is also given, but there autocannon reads the 80 KB pages in the same thread',
    'as the server, so it charges the client to the web layer. On 2 cores neither is free of the',
    'load generator: with PGlite the separate process makes three busy threads (the server, its',
    'database worker and autocannon) on two cores.',
  ];
  for (const section of sections) {
    lines.push(
      '',
      `## ${section.kind === 'pglite' ? 'Embedded PGlite (worker thread)' : 'PostgreSQL server (DATABASE_URL)'}, ${section.entries.toLocaleString('en')} entries`,
      '',
      '| case | req/s | p50 ms | p99 ms | ceiling req/s | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...section.rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ceiling.toFixed(0)} | ${r.ratio.toFixed(2)} |`),
      '',
      '| through the bare driver | queries/s |',
      '| --- | ---: |',
      `| \`select 1\` | ${section.dbCeiling.toFixed(0)} |`,
      `| all 124 matrix links | ${section.matrixDriver.toFixed(0)} |`,
      ...(section.load ? searchLines(section, section.load) : []),
      ...(section.seededIn !== null ? ['', `Corpus loaded by \`wsis seed bench\` in ${section.seededIn.toFixed(0)} s in this run.`] : []),
    );
  }
  // The WSIS Prizes vote (PostgreSQL only), in its own scratch database of voters kept between runs.
  if (process.env.DATABASE_URL && voters > 0) {
    const { runVotingBench, votingBenchDatabase } = await import('../../modules/prizes/integrity/bench.js');
    const voting = await runVotingBench({ databaseUrl: await votingBenchDatabase(process.env.DATABASE_URL), voters, connections, seconds: Math.max(duration, 10) });
    for (const r of [voting.result, voting.surge]) {
      if (r) say(`  votes (${r.connections} connections): ${r.acceptedPerSecond.toFixed(0)}/s accepted, p99 ${r.p99Ms.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}`);
    }
    lines.push(...voting.lines);
  }
  writeFileSync(out, `${lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')}\n`);
  say(`bench: results written to ${out}`);
};

export const registerBenchCommand = (program: Command) => {
  program
    .command('bench')
    .description(
      'measure throughput and latency against a bare-server ceiling, search over a 100,000-entry corpus, start time and memory; writes docs/benchmarks.md (PGlite, and PostgreSQL when DATABASE_URL is set, in a scratch database wsis_bench_<entries> kept between runs)',
    )
    .option('--duration <s>', 'seconds per case', (v) => Number.parseInt(v, 10), 5)
    .option('--connections <n>', 'concurrent connections', (v) => Number.parseInt(v, 10), 10)
    .option('--entries <n>', 'Stocktaking entries in the corpus', (v) => Number.parseInt(v, 10), 100_000)
    .option('--pglite-entries <n>', 'entries in the PGlite corpus (default: --entries)', (v) => Number.parseInt(v, 10))
    .option('--rounds <n>', 'timed rounds of the search query mix', (v) => Number.parseInt(v, 10), 2)
    .option('--out <file>', 'where to write the results', 'docs/benchmarks.md')
    .option('--voters <n>', 'voter accounts of the WSIS Prizes vote benchmark on PostgreSQL (0 to skip)', (v) => Number.parseInt(v, 10), 1_000_000)
    .option('--only <cases>', "'http': only the page and API cases against the bare ceiling (a short run; no search, export, serve or votes)")
    .action(async (opts: { duration: number; connections: number; out: string; entries: number; pgliteEntries?: number; rounds: number; voters: number; only?: string }) => {
      if (opts.only !== undefined && opts.only !== 'http') throw new Error(`--only: unknown cases '${opts.only}' (known: http)`);
      await runBench({ ...opts, pgliteEntries: opts.pgliteEntries ?? opts.entries, only: opts.only, voters: opts.only ? 0 : opts.voters });
    });
};
