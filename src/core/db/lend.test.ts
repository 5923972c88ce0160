import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './client.js';
import { borrowDatabase, type Lending, lendDatabase, lendSocketPath } from './lend.js';

// The embedded database lent by the process that holds it, as `wsis serve` lends it to commands.
const dir = mkdtempSync(join(tmpdir(), 'wsis-lend-'));
let database: Database;
let lending: Lending;
let borrowed: pg.Pool;

beforeAll(async () => {
  database = await openDatabase({ dataDir: dir });
  await database.pool.query('create table lent (n int)');
  lending = await lendDatabase({ folder: dir, pool: database.pool, pglite: database.pglite as NonNullable<Database['pglite']> });
  borrowed = (await borrowDatabase(dir)) as pg.Pool;
});
afterAll(async () => {
  await borrowed?.end();
  await lending?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const serverCount = async () => (await database.pool.query<{ n: number }>('select count(*)::int as n from lent')).rows[0]?.n;
const destroy = (client: pg.PoolClient) => (client as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();

describe('the embedded database lent on a socket', () => {
  it('is reachable by the folder’s owner only', () => {
    expect(statSync(lendSocketPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('runs a command’s transaction alone: a request of the server never sees what the command rolls back', async () => {
    const command = await borrowed.connect();
    try {
      await command.query('begin');
      await command.query('insert into lent values (1)');
      const duringTransaction = serverCount();
      await command.query('rollback');
      expect(await duringTransaction).toBe(0);
      await command.query('insert into lent values (2)');
      expect(await serverCount()).toBe(1);
    } finally {
      command.release();
    }
  });

  it('rolls back the transaction of a command that is killed or ends inside it, and serves on', async () => {
    const killed = await borrowed.connect();
    await killed.query('begin');
    await killed.query('insert into lent values (3)');
    destroy(killed);
    killed.release(true);
    expect(await serverCount()).toBe(1);

    const ended = await borrowed.connect();
    await ended.query('begin');
    await ended.query('insert into lent values (4)');
    ended.release(true); // closes the connection: Terminate in the middle of the transaction
    expect(await serverCount()).toBe(1);
    expect((await borrowed.query<{ n: number }>('select count(*)::int as n from lent')).rows[0]?.n).toBe(1);
  });

  it('is not offered once the lender stops lending', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wsis-lend-none-'));
    try {
      expect(await borrowDatabase(folder)).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
