import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';
import { versionReader } from './versions.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
  // A version row moved at commit by a deferred trigger that also notifies, as the data versions are.
  await kit.database.pool.query(`
    create table if not exists versions_probe (id int primary key default 1, version bigint not null default 1);
    insert into versions_probe values (1, 1) on conflict do nothing;
    create table if not exists versions_probe_data (x int);
    create or replace function versions_probe_bump() returns trigger language plpgsql as $$
    begin
      update versions_probe set version = version + 1 where id = 1;
      perform pg_notify('versions_probe', '');
      return null;
    end $$;
    drop trigger if exists versions_probe_changed on versions_probe_data;
    create constraint trigger versions_probe_changed after insert on versions_probe_data
      deferrable initially deferred for each row execute function versions_probe_bump();`);
});
afterAll(async () => kit.close());

/** A reader of the probe's version that counts its reads of the database. */
const counted = () => {
  const reads = { count: 0 };
  const read = async () => {
    reads.count++;
    const { rows } = await kit.database.pool.query<{ version: string }>('select version from versions_probe where id = 1');
    return Number(rows[0]?.version);
  };
  return { reads, version: versionReader(kit.database, { channel: 'versions_probe', read }) };
};

describe('data versions read by the caches', () => {
  it('gives every change committed before a call, and on the embedded database reads again only after one', async () => {
    const { reads, version } = counted();
    const first = await version();
    expect(await version()).toBe(first);
    expect(await version()).toBe(first);
    // On a server, another process may commit at any time: every call reads.
    expect(reads.count).toBe(kit.database.kind === 'pglite' ? 1 : 3);

    await kit.database.pool.query('insert into versions_probe_data values (1)');
    expect(await version()).toBe(first + 1);
    expect(await version()).toBe(first + 1);
    expect(reads.count).toBe(kit.database.kind === 'pglite' ? 2 : 5);

    // Inside a transaction, the version moves only when it commits.
    const client = await kit.database.pool.connect();
    try {
      await client.query('begin');
      await client.query('insert into versions_probe_data values (2)');
      await client.query('insert into versions_probe_data values (3)');
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await version()).toBe(first + 3);
  });

  it('does not keep a version read while a change was committing', async () => {
    const { version } = counted();
    const before = await version();
    // The read is sent, then the change commits before its answer is used.
    const [during] = await Promise.all([version(), kit.database.pool.query('insert into versions_probe_data values (4)')]);
    expect([before, before + 1]).toContain(during);
    expect(await version()).toBe(before + 1);
  });

  it('listens once per database and channel, however many readers and apps there are', async () => {
    const readers = Array.from({ length: 20 }, () => counted());
    await Promise.all(readers.map((r) => r.version()));
    if (kit.database.pglite) expect(kit.database.pglite.notifications.listenerCount('versions_probe')).toBe(1);
    await kit.database.pool.query('insert into versions_probe_data values (5)');
    const after = await Promise.all(readers.map((r) => r.version()));
    expect(new Set(after).size).toBe(1);
  });

  it('refuses a channel name that LISTEN would need quoted', () => {
    expect(() => versionReader(kit.database, { channel: 'no; drop', read: async () => 0 })).toThrow(/channel/);
  });
});
