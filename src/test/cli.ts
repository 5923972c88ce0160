/**
 * Runs the real `wsis` command in a child process, as a user would: stdin closed (not a terminal),
 * without DATABASE_URL or WSIS_DATA_DIR, so it uses the embedded database given with --data.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type WsisRun = { code: number; stdout: string; stderr: string };

const root = fileURLToPath(new URL('../../', import.meta.url));

export const runWsis = (args: string[], { timeout = 120_000, env: extra = {} }: { timeout?: number; env?: Record<string, string> } = {}) =>
  new Promise<WsisRun>((resolve) => {
    const { DATABASE_URL: _url, WSIS_DATA_DIR: _dir, ...env } = process.env;
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...env, ...extra }, timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
