/**
 * Runs the real `wsis` command in a child process, as a user would: stdin closed (not a terminal),
 * without DATABASE_URL or WSIS_DATA_DIR, so it uses the embedded database given with --data.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type WsisRun = { code: number; stdout: string; stderr: string };

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time of the files `npm run build` compiles or copies (tests and the test kit are not built). */
const newestSource = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(root, 'src', 'test') ? newest : Math.max(newest, newestSource(path));
    return /\.test\.tsx?$/.test(e.name) ? newest : Math.max(newest, statSync(path).mtimeMs);
  }, 0);

let entry: string[] | undefined;

/**
 * The arguments of `node` that start the `wsis` command, as in `node <these> serve …`: the built
 * dist/cli.js (what `npm start` runs) when it is newer than every source file it is built from, as
 * in CI where `npm ci` builds it from the clone; otherwise src/cli.ts through tsx, which compiles
 * at every start and costs a child process about a second of CPU more.
 */
export const wsisEntry = (): string[] => {
  if (entry) return entry;
  const built = join(root, 'dist', 'cli.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= Math.max(newestSource(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs);
  entry = fresh ? [built] : ['--import', 'tsx', join(root, 'src', 'cli.ts')];
  return entry;
};

export const runWsis = (args: string[], { timeout = 120_000, env: extra = {} }: { timeout?: number; env?: Record<string, string> } = {}) =>
  new Promise<WsisRun>((resolve) => {
    const { DATABASE_URL: _url, WSIS_DATA_DIR: _dir, ...env } = process.env;
    const child = execFile(process.execPath, [...wsisEntry(), ...args], { cwd: root, env: { ...env, ...extra }, timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
