/**
 * The reverse-proxy configuration of docs/deploy/nginx.conf, run by the real nginx (Debian's
 * package) in front of two `wsis serve` processes on one PostgreSQL database, as the file says
 * (WSIS_TRUST_PROXY=1): a signed-in session keeps working while nginx spreads the requests over
 * both, and the rate limits count the client's address, not the proxy's. nginx runs in the
 * foreground as a child process, on 127.0.0.1 only, with its prefix, pid and logs in a temp folder.
 * Without /usr/sbin/nginx the test is skipped with a message on a developer machine and fails in
 * CI (.ci/run installs nginx). PostgreSQL project only (vitest.config.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { Browser, createEmptyDatabase, csrfOf, httpRequest, startWsis, stopWsis, type WsisServer } from '../../test/servers.js';
import { type Database, openDatabase } from '../db/client.js';

const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const isCI = process.env.CI === 'true';
const NGINX_MISSING = `nginx is missing (${NGINX}): install it with \`apt-get install nginx\` (.ci/run does this).`;
const skip = !existsSync(NGINX) && !isCI;
if (skip) process.stderr.write(`\n[proxy] Skipping the reverse-proxy test: ${NGINX_MISSING}\n\n`);

const CONFIG = new URL('../../../docs/deploy/nginx.conf', import.meta.url);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** docs/deploy/nginx.conf with the two upstream ports and the listening address of this test. */
const siteConfig = ({ upstreams, listen }: { upstreams: [number, number]; listen: number }) => {
  const text = readFileSync(CONFIG, 'utf8');
  const replaced = text
    .replace('server 127.0.0.1:3001 ', `server 127.0.0.1:${upstreams[0]} `)
    .replace('server 127.0.0.1:3002 ', `server 127.0.0.1:${upstreams[1]} `)
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listen};`);
  // The test must run the file as written, not a variant: every substitution has to apply.
  expect(replaced).not.toMatch(/:300[12] |listen 80;/);
  return replaced;
};

/** nginx's main file around the site: its own pid, logs and temp folders; the upstream of each request logged. */
const mainConfig = (dir: string) => `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstreams '$remote_addr $status $request_method $request_uri $upstream_addr';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/wsis.conf;
}
`;

describe.skipIf(skip)('nginx (docs/deploy/nginx.conf) in front of two wsis serve processes', () => {
  let target: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let servers: WsisServer[] = [];
  let nginx: ChildProcess | undefined;
  let dir = '';
  let proxy: URL;
  let database: Database;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(NGINX_MISSING);
    target = await createEmptyDatabase('wsis_proxy');
    const env = { WSIS_TRUST_PROXY: '1', WSIS_RATE_LIMIT_SCALE: '1' };
    servers = [startWsis({ url: target.url, env })];
    await servers[0]?.ready; // the first migrates; the second then starts on a ready database
    servers.push(startWsis({ url: target.url, env }));
    const [a, b] = await Promise.all(servers.map((s) => s.ready));
    const listen = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'wsis-nginx-'));
    chmodSync(dir, 0o777); // nginx's workers run as nobody when the test runs as root
    writeFileSync(join(dir, 'wsis.conf'), siteConfig({ upstreams: [Number(a?.port), Number(b?.port)], listen }));
    writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
    let output = '';
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proxy = new URL(`http://127.0.0.1:${listen}`);
    const end = Date.now() + 20_000;
    for (;;) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${output}`);
      const answer = await httpRequest({ base: proxy, path: '/healthz' }).catch(() => undefined);
      if (answer?.status === 200) break;
      if (Date.now() > end) throw new Error(`nginx did not answer: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    database = await openDatabase({ url: target.url, poolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT'); // graceful stop
      await exited;
    }
    await Promise.all(servers.map(stopWsis));
    await database?.close();
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const upstreamsOf = (path: string) =>
    readFileSync(join(dir, 'access.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes(` ${path} `))
      .map((line) => line.split(' ').at(-1));

  it('keeps a signed-in session working over requests that nginx spreads over both processes', async () => {
    const user = await buildUser(database.db);
    const browser = new Browser();
    const form = await browser.get(proxy, '/en/sign-in');
    expect((await browser.post(proxy, '/en/sign-in', { email: user.email, password: TEST_PASSWORD, _csrf: csrfOf(form.body) })).status).toBe(303);
    for (let i = 0; i < 8; i++) {
      const page = await browser.get(proxy, '/en/account');
      expect(page.status).toBe(200);
      expect(page.body).toContain(user.email);
    }
    // nginx writes its access log as each request ends; both processes served the account page.
    expect(new Set(upstreamsOf('/en/account')).size).toBe(2);
  });

  it('counts the rate limit per client address (X-Forwarded-For set by nginx), which the client cannot choose', async () => {
    // Two clients on two loopback addresses; each reaches the processes through nginx only.
    const first = new Browser('127.0.0.2');
    const second = new Browser('127.0.0.3');
    const ask = async (browser: Browser, headers: Record<string, string> = {}) => {
      const token = csrfOf((await browser.get(proxy, '/en/forgot-password')).body);
      return (await browser.post(proxy, '/en/forgot-password', { email: 'nobody@example.org', _csrf: token }, headers)).status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await ask(first));
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    expect(await ask(first)).toBe(429);
    // Another address of its own, sent by the client, changes nothing: nginx replaces the header.
    expect(await ask(first, { 'x-forwarded-for': '198.51.100.7' })).toBe(429);
    // The second client is counted apart: the platform sees its address, not nginx's.
    expect(await ask(second)).toBe(303);
  });
});
