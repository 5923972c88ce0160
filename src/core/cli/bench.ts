/**
 * `wsis bench`: measures the platform in-process and writes docs/benchmarks.md. Each result is
 * compared with a ceiling measured in the same run on the same machine (a bare Node HTTP server
 * for pages, the bare driver for queries), so the numbers read as "what our layers cost".
 */
import { createServer } from 'node:http';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';
import { seedReference } from './startup.js';
import { say } from './common.js';

type Row = { name: string; rps: number; p50: number; p99: number; ceiling: number; ratio: number };

const runAutocannon = async (url: string, { connections, duration }: { connections: number; duration: number }) => {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration });
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

type Section = { kind: 'pglite' | 'postgresql'; rows: Row[]; dbCeiling: number; matrixDriver: number };

const measure = async (kind: 'pglite' | 'postgresql', { duration, connections }: { duration: number; connections: number }): Promise<Section> => {
  const config = loadConfig({ port: 0, rateLimitScale: 1_000_000, logLevel: 'warn' });
  say(`bench: ${kind}, ${connections} connections, ${duration}s per case`);
  const database = await openDatabase(kind === 'postgresql' && config.databaseUrl ? { url: config.databaseUrl } : { dataDir: 'memory://' });
  await migrateDatabase(database);
  const { buildApp, MODULES } = await import('../../app.js');
  await seedReference(database, MODULES);
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // The HTTP ceiling: a bare Node server that does nothing but answer.
  const bare = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  const rows: Row[] = [];
  const ceiling = await runAutocannon(bareUrl, { connections, duration });
  say(`  ceiling (bare node http): ${ceiling.rps.toFixed(0)} req/s`);
  for (const [name, path] of [
    ['GET /healthz', '/healthz'],
    ['GET /en (home page)', '/en'],
    ['GET /fr/matrix (18×17 table)', '/fr/matrix'],
    ['GET /api/v1/action-lines', '/api/v1/action-lines'],
  ] as const) {
    const r = await runAutocannon(`${base}${path}`, { connections, duration });
    rows.push({ name, ...r, ceiling: ceiling.rps, ratio: r.rps / ceiling.rps });
    say(`  ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`);
  }
  const dbCeiling = await driverRate(database, 'select 1', { concurrency: connections, ms: duration * 1000 });
  const matrixDriver = await driverRate(database, 'select action_line, sdg, targets from reference_matrix_links', { concurrency: connections, ms: duration * 1000 });
  say(`  driver: select 1 ${dbCeiling.toFixed(0)} q/s; matrix links ${matrixDriver.toFixed(0)} q/s`);
  await app.close();
  bare.close();
  await database.close();
  return { kind, rows, dbCeiling, matrixDriver };
};

/** Runs every case on PGlite, and on PostgreSQL too when DATABASE_URL is set. */
export const runBench = async ({ duration, connections, out }: { duration: number; connections: number; out: string }) => {
  const sections = [await measure('pglite', { duration, connections })];
  if (process.env.DATABASE_URL) sections.push(await measure('postgresql', { duration, connections }));
  const cpu = cpus();
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}; ${connections} concurrent connections, ${duration} s per case (autocannon against the in-process server).`,
    '',
    'Each ratio compares a case with a ceiling measured in the same run: a bare Node HTTP server',
    'answering "ok", which no web framework can beat on this machine. Queries through the bare',
    'driver show what the database itself allows.',
  ];
  for (const section of sections) {
    lines.push(
      '',
      `## ${section.kind === 'pglite' ? 'Embedded PGlite (worker thread)' : 'PostgreSQL server (DATABASE_URL)'}`,
      '',
      '| case | req/s | p50 ms | p99 ms | ceiling req/s | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...section.rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ceiling.toFixed(0)} | ${r.ratio.toFixed(2)} |`),
      '',
      '| through the bare driver | queries/s |',
      '| --- | ---: |',
      `| \`select 1\` | ${section.dbCeiling.toFixed(0)} |`,
      `| all 124 matrix links | ${section.matrixDriver.toFixed(0)} |`,
    );
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
  say(`bench: results written to ${out}`);
};

export const registerBenchCommand = (program: Command) => {
  program
    .command('bench')
    .description('measure request throughput and latency against a bare-server ceiling; writes docs/benchmarks.md (uses DATABASE_URL when set, else an in-memory PGlite)')
    .option('--duration <s>', 'seconds per case', (v) => Number.parseInt(v, 10), 5)
    .option('--connections <n>', 'concurrent connections', (v) => Number.parseInt(v, 10), 10)
    .option('--out <file>', 'where to write the results', 'docs/benchmarks.md')
    .action(async (opts: { duration: number; connections: number; out: string }) => {
      await runBench(opts);
    });
};
