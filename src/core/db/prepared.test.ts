import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { users } from '../auth/tables.js';
import { createPglitePool } from './pglite-pool.js';
import { preparedPerHandle } from './prepared.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const usersById = preparedPerHandle('test_users_by_id', (db, name) =>
  db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`${users.id} = any(${sql.placeholder('ids')}::bigint[])`)
    .prepare(name),
);

describe('preparedPerHandle', () => {
  it('answers each call with its own values, once prepared', async () => {
    const { db } = database;
    const [a, b] = await db
      .insert(users)
      .values([
        { email: 'prepared-a@example.org', name: 'A', passwordHash: 'x' },
        { email: 'prepared-b@example.org', name: 'B', passwordHash: 'x' },
      ])
      .returning({ id: users.id });
    expect(usersById(db)).toBe(usersById(db));
    expect((await usersById(db).execute({ ids: [a?.id] })).map((u) => u.email)).toEqual(['prepared-a@example.org']);
    expect((await usersById(db).execute({ ids: [a?.id, b?.id] })).map((u) => u.email).sort()).toEqual(['prepared-a@example.org', 'prepared-b@example.org']);
    expect(await usersById(db).execute({ ids: [] })).toEqual([]);
  });

  it('runs on a second client of the same embedded session, as a command the server lends PGlite to does', async () => {
    // On PGlite every client speaks to one session: a name prepared by the server's client would
    // be there already for the command's (42P05), and the other way round.
    const pool = database.pglite ? createPglitePool(database.pglite) : undefined;
    const other = pool ? drizzle(pool, { casing: 'snake_case' }) : database.db;
    try {
      const [row] = await database.db.insert(users).values({ email: 'prepared-c@example.org', name: 'C', passwordHash: 'x' }).returning({ id: users.id });
      expect((await usersById(database.db).execute({ ids: [row?.id] })).map((u) => u.email)).toEqual(['prepared-c@example.org']);
      expect((await usersById(other).execute({ ids: [row?.id] })).map((u) => u.email)).toEqual(['prepared-c@example.org']);
      expect((await usersById(database.db).execute({ ids: [row?.id] })).map((u) => u.email)).toEqual(['prepared-c@example.org']);
    } finally {
      await pool?.end();
    }
  });
});
