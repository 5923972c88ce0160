import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const startServer = (dataDir: string, extra: string[] = []) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--data', dataDir, ...extra], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) resolve({ url: m[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, ready, output: () => output };
};

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('wsis serve', () => {
  it('prints the administrator once on first start, only the URL later, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wsis-serve-'));
    dirs.push(dataDir);

    const first = startServer(dataDir, ['--no-demo']);
    const { url } = await first.ready;
    expect(first.output()).toMatch(/e-mail: +admin@wsis\.localhost/);
    expect(first.output()).toMatch(/password: +\S{12,}/);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    // It fills the modules' caches once it listens, then says it is ready for a load balancer.
    let ready = await fetch(`${url}/readyz`);
    for (let tries = 0; ready.status === 503 && tries < 100; tries++) {
      expect(await ready.json()).toMatchObject({ status: 'warming' });
      await new Promise((r) => setTimeout(r, 100));
      ready = await fetch(`${url}/readyz`);
    }
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', caches: 'warm' });

    // A request still arriving when SIGTERM comes is answered before the process exits.
    const port = Number(new URL(url).port);
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/en/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '29' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('email=a%40example.org&pas');
      setTimeout(() => req.end('s=xx'), 500);
    });
    await new Promise((r) => setTimeout(r, 100));
    const exit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await inFlight).toBeGreaterThanOrEqual(200);
    expect(await exit).toBe(0);

    // The data was closed cleanly: a second start reuses it and prints no new password.
    const second = startServer(dataDir);
    await second.ready;
    expect(second.output()).not.toContain('password:');
    const exit2 = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await exit2).toBe(0);
  }, 90_000);
});
