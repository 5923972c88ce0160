/**
 * A real `wsis serve` process for the bench (`--workers n` above 1: node:cluster workers beside
 * the primary), as it is deployed: its own processes, so a load generator in the bench process
 * does not share their processor. Its resident memory and processor time are read from /proc,
 * summed over the primary and its workers.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export type ServeProcess = {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Milliseconds from spawn until it listened. */
  readyMs: number;
  /** Resident memory now, MB, the primary's and the workers' summed. */
  rssMb: () => number;
  /** Processor time used so far (user + system), ms, the primary's and the workers' summed. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux Node runs on). */
const TICKS = 100;

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const childrenOf = (pid: number) => read(`/proc/${pid}/task/${pid}/children`).split(' ').filter(Boolean).map(Number);
const rssOfPid = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) / 1024;
/** utime + stime of one process, ms (fields 14 and 15, counted after the command name's closing parenthesis). */
const cpuOfPid = (pid: number) => {
  const stat = read(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / TICKS;
};

/** GET /readyz on a new connection (a cluster hands each connection to the next worker): its status code. */
const readyStatus = (url: string) =>
  new Promise<number>((resolve) => {
    const req = get(new URL('/readyz', url), { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });

/** Polls `/readyz` until it answered 200 `consecutive` times in a row; an error after `limitMs`. */
const untilReady = async (url: string, { consecutive, limitMs }: { consecutive: number; limitMs: number }) => {
  const until = performance.now() + limitMs;
  let inARow = 0;
  while (inARow < consecutive) {
    if (performance.now() > until) throw new Error(`${url}/readyz did not answer 200 within ${limitMs / 1000} s`);
    if ((await readyStatus(url)) === 200) inARow++;
    else {
      inARow = 0;
      await sleep(100);
    }
  }
};

/**
 * Starts `wsis serve --no-demo --port 0` on the database `env` names (rate limits scaled out of the
 * way, warnings only in its log) and resolves once it listens, or once it is ready (`until`).
 */
export const startServe = async ({
  env,
  workers = 1,
  until = 'listening',
  cli = [process.execPath, ...process.execArgv, process.argv[1] as string],
}: {
  /** What the process needs beyond this one's environment (DATABASE_URL, WSIS_TRUST_PROXY, …). */
  env: NodeJS.ProcessEnv;
  workers?: number;
  /** How to start the `wsis` program (this one by default). */
  cli?: string[];
  /**
   * 'warm': resolves once `/readyz` has answered 200 on `2 × workers` new connections in a row (each
   * process's caches filled), as a load balancer sends traffic; 'listening' (default): once it listens.
   */
  until?: 'listening' | 'warm';
}): Promise<ServeProcess> => {
  const started = performance.now();
  const [program, ...rest] = cli as [string, ...string[]];
  // WSIS_SERVE_CPU_PROF=<folder>: the serving processes write V8 processor profiles there when they
  // stop (cluster workers too: they inherit the flags), to see where a case's server time goes.
  const profile = process.env.WSIS_SERVE_CPU_PROF;
  const args = profile && program === process.execPath ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...rest] : rest;
  const child = spawn(program, [...args, 'serve', '--no-demo', '--port', '0', ...(workers > 1 ? ['--workers', String(workers)] : [])], {
    env: { ...process.env, LOG_LEVEL: 'warn', WSIS_RATE_LIMIT_SCALE: '1000000', WSIS_WORKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ready at (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err = (err + chunk.toString()).slice(-2000);
      });
      child.once('exit', (code) => reject(new Error(`wsis serve exited (${code}) before it was ready${err ? `: ${err.trim().split('\n').at(-1)}` : ''}`)));
    });
    const readyMs = performance.now() - started;
    if (until === 'warm') await untilReady(url, { consecutive: 2 * workers, limitMs: 120_000 });
    const pid = child.pid as number;
    const pids = () => [pid, ...childrenOf(pid)];
    return {
      url,
      readyMs,
      rssMb: () => pids().reduce((sum, p) => sum + rssOfPid(p), 0),
      cpuMs: () => pids().reduce((sum, p) => sum + cpuOfPid(p), 0),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

/**
 * Processor time used so far by the PostgreSQL server's processes on this machine (every process
 * named `postgres`, ms), or null when none can be read (a server elsewhere, or another user's
 * processes hidden): the database's share of a case, beside the serving processes'.
 */
export const localPostgresCpuMs = (): number | null => {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat.includes('(postgres)')) continue;
    found = true;
    total += cpuOfPid(Number(entry));
  }
  return found ? total : null;
};
