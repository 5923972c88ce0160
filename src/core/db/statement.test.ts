import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { fragmentSql, insertFragment, raw, runStatement, statementText } from './statement.js';

const probe = pgTable('statement_probe', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  title: text().notNull(),
  note: text(),
  data: jsonb().$type<{ words: string[] }>(),
  scores: integer().array(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await database.db.execute(
    sql`create table statement_probe (id bigint generated always as identity primary key, title text not null, note text, data jsonb, scores integer[], at timestamptz not null default now())`,
  );
});
afterAll(async () => database.drop());

describe('statements written as text', () => {
  it('number the values in order and keep them out of the text', () => {
    const { text, values } = statementText((p) => `select ${p.param("it's $1")}::text, ${raw('now()')(p)}, ${p.param(null)}`);
    expect(text).toBe('select $1::text, now(), $2');
    expect(values).toEqual(["it's $1", null]);
  });

  it('insert rows as the query builder would: mapped values, defaults, expressions, nulls, returning', async () => {
    const at = new Date('2026-12-06T10:00:00.000Z');
    const rows = await runStatement<{ id: string; title: string }>(
      database.db,
      insertFragment(
        probe,
        [
          { title: 'Première « entrée »', note: null, data: { words: ['один', '二'] }, scores: [3, -1], at },
          { title: raw(`'written' || ' by SQL'`), note: 'n', data: null, scores: null, at },
        ],
        { returning: 'id, title' },
      ),
    );
    expect(rows.map((r) => r.title)).toEqual(['Première « entrée »', 'written by SQL']);
    const read = await database.db.select().from(probe).orderBy(probe.id);
    expect(read.map(({ id: _, ...r }) => r)).toEqual([
      { title: 'Première « entrée »', note: null, data: { words: ['один', '二'] }, scores: [3, -1], at },
      { title: 'written by SQL', note: 'n', data: null, scores: null, at },
    ]);
    // A field left out takes the column's default.
    await runStatement(database.db, insertFragment(probe, [{ title: 'default time' }]));
    const [fresh] = await database.db.select({ at: probe.at }).from(probe).where(sql`${probe.title} = 'default time'`);
    expect(Math.abs((fresh?.at.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('give the query builder the same statement', async () => {
    const fragment = (p: { param: (v: unknown) => string }) => `select count(*)::int as n from statement_probe where title like ${p.param('%entrée%')} or note = ${p.param('n')}`;
    const built = await database.db.execute<{ n: number }>(sql`${fragmentSql(fragment)}`);
    expect(built.rows).toEqual([{ n: 2 }]);
    expect(await runStatement(database.db, fragment)).toEqual([{ n: 2 }]);
  });

  it('run in a transaction on its connection, and roll back with it', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await runStatement(tx, insertFragment(probe, [{ title: 'rolled back' }]));
        const [seen] = await runStatement<{ n: number }>(tx, raw(`select count(*)::int as n from statement_probe where title = 'rolled back'`));
        expect(seen?.n).toBe(1);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await runStatement(database.db, raw(`select count(*)::int as n from statement_probe where title = 'rolled back'`))).toEqual([{ n: 0 }]);
  });

  it('on a PostgreSQL server, are prepared once per connection under a name taken from their text', async () => {
    const names = await database.db.transaction(async (tx) => {
      for (const title of ['a', 'b', 'c']) await runStatement(tx, (p) => `select ${p.param(title)}::text as title`);
      return runStatement<{ name: string; statement: string }>(tx, raw(`select name, statement from pg_prepared_statements where statement like 'select $1::text as title'`));
    });
    // A bulk write (more values than a named statement takes) is sent without a name.
    const bulk = await database.db.transaction(async (tx) => {
      await runStatement(
        tx,
        insertFragment(
          probe,
          Array.from({ length: 300 }, (_, i) => ({ title: `bulk ${i}`, note: 'bulk' })),
        ),
      );
      return runStatement<{ n: number }>(tx, raw(`select count(*)::int as n from pg_prepared_statements where cardinality(parameter_types) = 600`));
    });
    expect(bulk).toEqual([{ n: 0 }]);
    if (database.kind === 'postgresql') {
      expect(names).toHaveLength(1);
      expect(names[0]?.name).toMatch(/^wsis_[0-9a-f]{24}$/);
    } else {
      // PGlite's one backend is shared by its clients: nothing is prepared under a name there.
      expect(names).toEqual([]);
    }
  });
});
