/**
 * A real `wsis serve` in a child process and plain HTTP requests to it, for the fault tests (as in
 * prizes/integrity/durability.test.ts): each request has a bound, past which it counts as a hang.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type ServeTarget = { url?: string; dataDir?: string };

export const startServe = (target: ServeTarget, { env = {} }: { env?: Record<string, string> } = {}) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--no-demo', '--port', '0', ...(target.dataDir ? ['--data', target.dataDir] : [])], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: target.url ?? '', LOG_LEVEL: 'warn', WSIS_RATE_LIMIT_SCALE: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  const ready = new Promise<URL>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
      const m = /ready at (http:\/\/[^\s]+)/.exec(output.text);
      if (m?.[1]) resolve(new URL(m[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
    });
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${output.text}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, output };
};

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve({ code: child.exitCode, signal: child.signalCode })
      : child.once('exit', (code, signal) => resolve({ code, signal })),
  );

/** An answer; status 0 when the connection failed, -1 when no answer came within the bound. */
export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number };

export const send = (
  agent: Agent,
  {
    base,
    method = 'GET',
    path,
    headers = {},
    body,
    boundMs = 10_000,
  }: { base: URL; method?: string; path: string; headers?: Record<string, string>; body?: string; boundMs?: number },
) =>
  new Promise<Answer>((resolve) => {
    const started = performance.now();
    const done = (status: number, h: Answer['headers'] = {}, text = '') => resolve({ status, headers: h, body: text, ms: performance.now() - started });
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        timeout: boundMs,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => done(res.statusCode ?? 0, res.headers, text));
        res.on('error', () => done(0));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      done(-1);
    });
    req.on('error', () => done(0));
    req.end(body);
  });
