/**
 * `wsis serve`: one process, or with `--workers N` (PostgreSQL only) a primary process that
 * migrates and seeds once, then forks N web processes (node:cluster) that share the port, replaces
 * a worker that dies and stops them all gracefully on SIGTERM. Everything the processes share
 * lives in PostgreSQL (docs/ARCHITECTURE.md, "Several processes"); background work is safe under
 * concurrency by itself, so separate `wsis serve` processes behind a proxy behave the same.
 */
import cluster, { type Worker } from 'node:cluster';
import { hostname } from 'node:os';
import { type Config, MAX_WORKERS, openDataIdProblem } from '../config.js';
import type { BuildApp, PlatformModule } from '../module.js';
import type { Database } from '../db/client.js';
import { type Lending, lendDatabase } from '../db/lend.js';
import { smtpTransport } from '../mail/outbox.js';
import { platformJobs, startJobLoop } from '../jobs/background.js';
import { LocalFileStore } from '../storage/files.js';
import { type FirstStart, openConfiguredDatabase, prepareDatabase, SERVE_STATEMENT_TIMEOUT_MS } from './startup.js';

type Log = { info: (fields: object, msg: string) => void; error: (fields: object, msg: string) => void };

/** JSON lines on stderr like the web processes' pino logs, for the primary process (which has no Fastify). */
const primaryLog: Log = {
  info: (fields, msg) => process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, role: 'primary', ...fields, msg })}\n`),
  error: (fields, msg) => process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), pid: process.pid, role: 'primary', ...fields, msg })}\n`),
};

/** Refuses a `--workers` value the platform cannot run; the message says what to do. */
export const checkWorkers = (config: Config) => {
  const idProblem = openDataIdProblem(config);
  if (idProblem) throw new Error(idProblem);
  if (!Number.isInteger(config.workers)) throw new Error(`--workers (WSIS_WORKERS) must be a whole number from 1 to ${MAX_WORKERS}, or auto`);
  if (config.heap === null) throw new Error("WSIS_HEAP must be lean (less memory) or fast (V8's own heap sizing), or unset");
  if (config.workers > 1 && !config.databaseUrl) {
    throw new Error(
      `--workers ${config.workers} needs PostgreSQL: the embedded database (PGlite) is opened by one process only. Set DATABASE_URL to a PostgreSQL database to run several workers, or start without --workers.`,
    );
  }
};

/** Starts the platform and keeps it running until SIGTERM/SIGINT, then shuts down gracefully. */
export const serve = async (config: Config, { demo, modules, buildApp }: { demo: boolean; modules: PlatformModule[]; buildApp: BuildApp }) => {
  checkWorkers(config);
  const composition = { modules, buildApp };
  if (cluster.isWorker) return serveWorker(config, composition);
  if (config.workers > 1) return servePrimary(config, { demo, ...composition });
  return serveOne(config, { demo, ...composition });
};

/** What the entry file (src/cli.ts) hands the core: the modules and the function that builds the app. */
type Composition = { modules: PlatformModule[]; buildApp: BuildApp };

/**
 * Background work of a process, on the job runner kept in the database (core/jobs): one timer
 * loop schedules the periodic jobs (each once per period across processes) and runs the due jobs
 * (each claimed by one process): e-mail delivery when SMTP is configured (every 5 s; each message
 * claimed with SKIP LOCKED as well), notifications by e-mail into the outbox (at once, every 5 s;
 * the daily digests, checked every hour, once per person and day), reminders, the purges, and the
 * modules' `jobs` contributions. Returns the function that stops it.
 */
export const startBackgroundWork = (database: Database, config: Config, log: Log, modules: readonly PlatformModule[] = []) => {
  const mail = config.smtpUrl ? { transport: smtpTransport(config.smtpUrl), from: config.mailFrom } : undefined;
  const stop = startJobLoop(database.db, {
    ...platformJobs({ modules, baseUrl: config.baseUrl, mail, files: new LocalFileStore(config.filesDir) }),
    by: `${hostname()}:${process.pid}`,
    log,
  });
  return () => {
    stop();
    // The mail server's pooled connections: a message cut off is kept and tried again (outbox.tsx).
    void mail?.transport.close?.().catch(() => undefined);
  };
};

const printFirstStart = (first: FirstStart, demo: boolean) => {
  if (!first) return;
  process.stdout.write(
    [
      '',
      'First start: an administrator account was created. This password is shown only once.',
      `  e-mail:   ${first.adminEmail}`,
      `  password: ${first.adminPassword}`,
      demo ? '  Demo content was loaded and is marked as demo (start with --no-demo to skip it).' : '',
      '',
    ].join('\n'),
  );
};

const databaseLabel = (config: Config, database: Database) => (database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL');

/** Builds the web application on an open database and listens; SIGTERM/SIGINT close it gracefully. */
const listen = async (config: Config, database: Database, { buildApp }: Composition, onStop: () => void | Promise<void> = () => undefined) => {
  const app = await buildApp({ config, database });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await onStop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  // Caches filled in the background (the search indexes of the Stocktaking, at 100,000 entries 1–3 s);
  // /readyz answers 503 until they are.
  void app.platform.warming.start();
  const address = app.server.address();
  const url = config.port === 0 && address && typeof address === 'object' ? `http://${config.host}:${address.port}` : config.baseUrl;
  return { app, url };
};

/** One process: database, web server and background work. */
const serveOne = async (config: Config, { demo, ...composition }: { demo: boolean } & Composition) => {
  const { database, first } = await prepareDatabase(config, composition.modules, { demo });
  let stopWork: () => void = () => undefined;
  let lending: Lending | undefined;
  const { app, url } = await listen(config, database, composition, async () => {
    stopWork();
    await lending?.close();
  });
  // A command refused because the server holds the data folder is told where it answers;
  // others run on the database the server lends them on a socket in the folder.
  database.dataLock?.update({ url });
  if (database.pglite && database.dataLock) {
    lending = await lendDatabase({ folder: config.dataDir, pool: database.pool, pglite: database.pglite }).catch((error: unknown) => {
      app.log.warn({ err: error }, 'commands cannot reach the embedded database while the server runs (no socket)');
      return undefined;
    });
  }
  printFirstStart(first, demo);
  process.stdout.write(`WSIS Platform ready at ${url} (database: ${databaseLabel(config, database)})\n`);
  stopWork = startBackgroundWork(database, config, app.log, composition.modules);
  return { app, database };
};

/** A worker of `--workers N`: the primary has migrated; this process only serves requests. */
const serveWorker = async (config: Config, composition: Composition) => {
  const database = await openConfiguredDatabase(config, { statementTimeoutMs: SERVE_STATEMENT_TIMEOUT_MS });
  const { app } = await listen(config, database, composition);
  return { app, database };
};

/** Restart delays of a worker that keeps dying soon after it started: 0.5 s doubling up to 30 s. */
export const restartDelayMs = (quickFailures: number) => Math.min(30_000, 500 * 2 ** quickFailures);
const QUICK_FAILURE_MS = 10_000;
const DRAIN_MS = 30_000;

/** The primary of `--workers N`: prepares the database once, forks the workers, keeps N running, runs the background work. */
const servePrimary = async (config: Config, { demo, modules }: { demo: boolean } & Composition) => {
  const { database, first } = await prepareDatabase(config, modules, { demo });
  const log = primaryLog;
  const startedAt = new Map<number, number>();
  let quickFailures = 0;
  let stopping = false;
  const restarts = new Set<NodeJS.Timeout>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    quickFailures = lived < QUICK_FAILURE_MS ? quickFailures + 1 : 0;
    const delay = restartDelayMs(quickFailures);
    log.error({ worker: worker.id, workerPid: worker.process.pid, code, signal, restartInMs: delay }, 'worker exited; starting a new one');
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    restarts.add(timer);
  });

  const ready = new Promise<number>((resolve) => {
    const listening = new Set<number>();
    const onListening = (worker: Worker, address: { port: number }) => {
      listening.add(worker.id);
      if (listening.size === config.workers) {
        cluster.off('listening', onListening);
        resolve(address.port);
      }
    };
    cluster.on('listening', onListening);
  });
  for (let i = 0; i < config.workers; i++) fork();
  const stopWork = startBackgroundWork(database, config, log, modules);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down: workers finish their in-flight requests');
    for (const timer of restarts) clearTimeout(timer);
    stopWork();
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const exits = running.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    for (const w of running) w.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const w of running) if (!w.isDead()) w.process.kill('SIGKILL');
    }, DRAIN_MS);
    await Promise.all(exits);
    clearTimeout(killer);
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const port = await ready;
  const url = config.port === 0 ? `http://${config.host}:${port}` : config.baseUrl;
  printFirstStart(first, demo);
  process.stdout.write(`WSIS Platform ready at ${url} (database: ${databaseLabel(config, database)}, ${config.workers} workers)\n`);
  return { database };
};
