/**
 * A real `wsis serve` in a child process and plain HTTP requests to it, for the fault tests (as in
 * prizes/integrity/durability.test.ts): each request has a bound, past which it counts as a hang.
 */
import type { ChildProcess } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { startWsis } from './servers.js';

export type ServeTarget = { url?: string; dataDir?: string };

/** `wsis serve` on the target, rate limits scaled out of the way of a surge (src/test/servers.ts starts it). */
export const startServe = (target: ServeTarget, { env = {} }: { env?: Record<string, string> } = {}) => startWsis({ ...target, env: { WSIS_RATE_LIMIT_SCALE: '1000000', ...env } });

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
