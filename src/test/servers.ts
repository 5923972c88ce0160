/**
 * Real `wsis serve` processes on a fresh PostgreSQL database, and a small HTTP client with a
 * cookie jar that can also connect from another loopback address (127.0.0.2, …): what the tests of
 * several processes and of the reverse proxy need.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../../', import.meta.url));

const serverUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('these tests need DATABASE_URL (a PostgreSQL server)');
  return new URL(url);
};

const admin = async () => {
  const url = serverUrl();
  const client = new pg.Client({ connectionString: url.toString(), user: decodeURIComponent(url.username) || 'postgres' });
  await client.connect();
  return client;
};

/** A new, empty database on the server of DATABASE_URL (not migrated: `wsis serve` does it). */
export const createEmptyDatabase = async (prefix = 'wsis_processes') => {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const a = await admin();
  await a.query(`create database ${name}`);
  await a.end();
  const url = serverUrl();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const b = await admin();
      await b.query(`drop database if exists ${name} with (force)`);
      await b.end();
    },
  };
};

export type WsisServer = { child: ChildProcess; ready: Promise<URL>; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/**
 * Starts `wsis serve --no-demo --port 0` (plus `args`) on the PostgreSQL database `url`, or on the
 * embedded database in `dataDir`; `ready` resolves with its address. The one way the tests start a
 * real server process (several processes, the proxy, the faults, the durability of votes).
 */
export const startWsis = ({ url, dataDir, args = [], env = {} }: { url?: string; dataDir?: string; args?: string[]; env?: Record<string, string> }): WsisServer => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--no-demo', '--port', '0', ...(dataDir ? ['--data', dataDir] : []), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<URL>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) resolve(new URL(m[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(({ code, signal }) => reject(new Error(`wsis serve exited (${code ?? signal}): ${output}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => output, exited };
};

/** Stops a server with SIGTERM (SIGKILL after 20 s) and waits for it. */
export const stopWsis = async (server: WsisServer) => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
};

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request; `from` is the local address to connect from (any 127.x.y.z on Linux). */
export const httpRequest = ({
  base,
  method = 'GET',
  path,
  headers = {},
  body,
  from,
}: {
  base: URL;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  from?: string;
}) =>
  new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        localAddress: from,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** The `_csrf` field of the first form of a page. */
export const csrfOf = (html: string) => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
};

/**
 * A browser's cookie jar over any number of servers (one site behind a proxy, or two processes
 * that must behave as one): cookies set by one answer are sent to every server.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly from?: string) {}

  private remember(answer: Answer) {
    const set = answer.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(set) ? set : [set]) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return answer;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(base: URL, path: string, headers: Record<string, string> = {}) {
    return this.remember(await httpRequest({ base, path, headers: { ...this.cookieHeader(), ...headers }, from: this.from }));
  }

  /** Posts a urlencoded form. */
  async post(base: URL, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(form).toString();
    return this.remember(
      await httpRequest({
        base,
        method: 'POST',
        path,
        body,
        headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        from: this.from,
      }),
    );
  }
}
