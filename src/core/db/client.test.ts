import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';
import { openDatabase } from './client.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(async () => kit.close());

describe('database', () => {
  it('keeps the embedded database’s page cache to 16 MB (PGlite’s own default, 128 MB, stays resident on a large corpus)', async () => {
    if (kit.database.kind !== 'pglite') return;
    const { rows } = await kit.database.pool.query<{ shared_buffers: string }>('show shared_buffers');
    expect(rows[0]?.shared_buffers).toBe('16MB');
  });

  it('runs without PostgreSQL’s JIT on a server (it cost a submission’s receipt 20–50 ms of compiling)', async () => {
    if (kit.database.kind !== 'postgresql') return;
    const { rows } = await kit.database.pool.query<{ jit: string }>('show jit');
    expect(rows[0]?.jit).toBe('off');
  });

  it('reaches a server on the same machine through its Unix socket, as the README advises (`?host=/var/run/postgresql`)', async () => {
    if (kit.database.kind !== 'postgresql') return;
    const folder = '/var/run/postgresql';
    // Debian's PostgreSQL (CI's) listens there; a developer's server elsewhere may not.
    if (!existsSync(`${folder}/.s.PGSQL.5432`) && process.env.CI !== 'true') return;
    const server = new URL(process.env.DATABASE_URL as string);
    const database = await openDatabase({ url: `postgres://${server.username || 'postgres'}@localhost${server.pathname}?host=${folder}`, poolSize: 1 });
    try {
      const { rows } = await database.pool.query<{ socket: boolean; jit: string }>(`select inet_server_addr() is null as socket, current_setting('jit') as jit`);
      expect(rows[0]).toEqual({ socket: true, jit: 'off' });
    } finally {
      await database.close();
    }
  });

  it('answers /healthz while a long query runs (the embedded database lives in a worker thread)', async () => {
    const slow = kit.database.pool.query('select pg_sleep(2)');
    const started = performance.now();
    // Count event-loop turns during the slow query: a blocked loop would count none.
    let turns = 0;
    const timer = setInterval(() => turns++, 10);
    const health = await kit.app.inject({ url: '/healthz' });
    const healthMs = performance.now() - started;
    await slow;
    clearInterval(timer);
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: kit.database.kind });
    expect(healthMs).toBeLessThan(1900);
    expect(turns).toBeGreaterThan(20);
  });

  it('keeps nothing of the rows it has answered in the embedded database’s worker (PGlite’s execProtocolRaw kept every reply until the next execProtocol)', async () => {
    const pglite = kit.database.pglite;
    if (kit.database.kind !== 'pglite' || !pglite) return;
    // 60 replies of about 1 MB each (10,000 rows of 100 characters).
    for (let i = 0; i < 60; i++) {
      const { rows } = await kit.database.pool.query<{ s: string }>(`select repeat(md5(g::text || ${i}), 3) as s from generate_series(1, 10000) g`);
      expect(rows).toHaveLength(10_000);
    }
    // The worker's heap, written as a snapshot (a collection runs first): tens of megabytes while
    // the 60 MB of rows were held, a few megabytes of JSON per megabyte of heap otherwise.
    let bytes = 0;
    for await (const chunk of await pglite.worker.getHeapSnapshot()) bytes += (chunk as Buffer).length;
    expect(bytes / 2 ** 20).toBeLessThan(40);
  });

  it('rolls back a failed transaction as a whole', async () => {
    const { sql } = await import('drizzle-orm');
    await kit.database.db.execute(sql`create table if not exists tx_probe (x int primary key)`);
    await expect(
      kit.database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (1)`);
        await tx.execute(sql`insert into tx_probe values (1)`);
      }),
    ).rejects.toThrow();
    const { rows } = await kit.database.pool.query('select count(*)::int as n from tx_probe');
    expect(rows[0].n).toBe(0);
  });

  it('reports PostgreSQL error codes the same way on both databases', async () => {
    await kit.database.pool.query('create table if not exists uniq_probe (x int primary key)');
    await kit.database.pool.query('insert into uniq_probe values (1)');
    await expect(kit.database.pool.query('insert into uniq_probe values (1)')).rejects.toMatchObject({ code: '23505' });
  });

  it("writes an API token's last use on its own page even when the tokens around it were written together (no new index entries)", async () => {
    const client = await kit.database.pool.connect();
    try {
      await client.query('begin');
      const user = await client.query<{ id: string }>(`insert into auth_users (email, name, password_hash) values ('fill@example.org', 'Fill', 'x') returning id`);
      // Two hundred tokens in a row: without room left on each page, the first one's new version
      // would go to another page, with a new entry in each of the table's three indexes.
      const ids = await client.query<{ id: string }>(
        `insert into auth_api_tokens (user_id, label, token_hash) select $1, 'fill', md5(g::text) || md5((g * 7)::text) from generate_series(1, 200) g returning id`,
        [user.rows[0]?.id],
      );
      const first = ids.rows[0]?.id;
      await client.query('update auth_api_tokens set last_used_at = now() where id = $1', [first]);
      const { rows } = await client.query<{ hot: string; updated: string }>(
        `select pg_stat_get_xact_tuples_hot_updated('auth_api_tokens'::regclass) as hot, pg_stat_get_xact_tuples_updated('auth_api_tokens'::regclass) as updated`,
      );
      expect(rows[0]).toEqual({ hot: '1', updated: '1' });
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
