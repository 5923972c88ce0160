import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { sqlState } from './errors.js';
import { expectRows, NeedsLock, WRITE_CONFLICT, withOptimism } from './optimistic.js';
import { raw, runStatement } from './statement.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await database.db.execute(sql`create table optimistic_probe (k int primary key, v text not null)`);
  await database.db.execute(sql`create table optimistic_log (k int not null, note text not null)`);
  await database.db.execute(sql`insert into optimistic_probe values (1, 'first')`);
});
afterAll(async () => database.drop());

/** The probe's row if it is still at `version` (its xmin), with a log line written in the same statement. */
const writeIfUnchanged = async (version: string, value: string) => ({
  rows: await runStatement<{ v: string }>(
    database.db,
    (p) => `
    with written as (update optimistic_probe set v = ${p.param(value)} where k = 1 and xmin = ${p.param(version)}::xid returning k, v),
         logged as (insert into optimistic_log select k, ${p.param(value)} from written)
    select w.v, ${expectRows(raw('(select count(*) from written)'))(p)} as guard from (select 1) one left join written w on true`,
  ),
});

const versionOfProbe = async () => (await database.db.execute<{ version: string }>(sql`select xmin::text as version from optimistic_probe where k = 1`)).rows[0]?.version ?? '';
const logged = async () => (await database.db.execute<{ note: string }>(sql`select note from optimistic_log order by note`)).rows.map((r) => r.note);

describe('optimistic writes', () => {
  it('write when the row is as read, and fail whole with 40001 when another writer came first', async () => {
    const version = await versionOfProbe();
    const first = await writeIfUnchanged(version, 'mine');
    expect(first.rows).toEqual([{ v: 'mine', guard: expect.anything() }]);
    // The same version again: the row moved on, so nothing of the statement is kept, not even its log line.
    const error = await writeIfUnchanged(version, 'late').catch((e: unknown) => e);
    expect(sqlState(error)).toBe(WRITE_CONFLICT);
    expect((await database.db.execute<{ v: string }>(sql`select v from optimistic_probe`)).rows).toEqual([{ v: 'mine' }]);
    expect(await logged()).toEqual(['mine']);
  });

  it('take the locking path after a conflict or when asked, and pass every other error on', async () => {
    const stale = '1';
    const ran: string[] = [];
    const result = await withOptimism(
      async () => {
        ran.push('optimistic');
        return (await writeIfUnchanged(stale, 'never')).rows[0]?.v;
      },
      async () =>
        database.db.transaction(async (tx) => {
          ran.push('locked');
          await tx.execute(sql`select v from optimistic_probe where k = 1 for update`);
          await tx.execute(sql`update optimistic_probe set v = 'locked' where k = 1`);
          return 'locked';
        }),
    );
    expect(result).toBe('locked');
    expect(ran).toEqual(['optimistic', 'locked']);
    expect(await logged()).toEqual(['mine']);

    expect(
      await withOptimism(
        async () => Promise.reject(new NeedsLock()),
        async () => 'asked',
      ),
    ).toBe('asked');
    const other = await withOptimism<unknown>(
      () => database.db.execute(sql`select 1 / 0`),
      async () => 'not this',
    ).catch((e: unknown) => e);
    expect(sqlState(other)).toBe('22012');
  });
});
