/**
 * A PostgreSQL server of its own for a test that stops and starts it (the machine's server on 5432
 * is shared by every other test): initdb in a temporary folder, pg_ctl on a free port. initdb and
 * postgres refuse to run as root, so as root (CI) they run as the `postgres` system user.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/** The server programs: WSIS_TEST_PG_BIN, else Debian's newest /usr/lib/postgresql/<version>/bin (15 on Debian 12). */
const BIN =
  process.env.WSIS_TEST_PG_BIN ??
  `/usr/lib/postgresql/${
    readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))[0] ?? '15'
  }/bin`;
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL program, as the postgres user when we are root. */
const pgRun = (program: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]) : run(join(BIN, program), args));

export type PostgresServer = {
  port: number;
  /** URL of a database on it (created by createDatabase). */
  urlOf: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  /** pg_ctl stop: 'fast' ends sessions and checkpoints; 'immediate' is a crash (recovery at start). */
  stop: (mode: 'fast' | 'immediate') => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server if it runs and removes its folder. */
  destroy: () => Promise<void>;
};

export const startPostgresServer = async (): Promise<PostgresServer> => {
  const folder = mkdtempSync(join(tmpdir(), 'wsis-pg-'));
  const data = join(folder, 'data');
  if (asRoot) {
    chmodSync(folder, 0o700);
    chownSync(folder, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  }
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const start = async () => {
    await pgRun('pg_ctl', [
      '-D',
      data,
      '-l',
      join(folder, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=50`,
      'start',
    ]);
  };
  let running = false;
  await start();
  running = true;
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    urlOf,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
    },
    stop: async (mode) => {
      await pgRun('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    destroy: async () => {
      if (running) await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      running = false;
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
