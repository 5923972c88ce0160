import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { roadmaps, tasks, taskUpdates } from '../tables.js';
import { demoTasks } from './demo.js';
import { findTasks } from './queries.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await buildUser(database.db, { roles: ['admin'] });
  // The versions folder's demo may have made some roadmap rows already.
  await database.db.insert(roadmaps).values({ actionLine: 'C4' }).onConflictDoNothing();
});
afterAll(async () => database.drop());

describe('the tasks demo', () => {
  it('makes a dozen tasks on C2, C4, C5, C6 with updates, some late and some stale', async () => {
    const db = database.db;
    await demoTasks(db);
    expect((await db.select({ n: count() }).from(tasks))[0]?.n).toBe(12);
    expect((await db.select({ n: count() }).from(taskUpdates))[0]?.n).toBeGreaterThanOrEqual(10);
    expect((await db.select().from(roadmaps)).map((r) => r.actionLine).sort()).toEqual(['C2', 'C4', 'C5', 'C6']);
    expect((await findTasks(db, { filters: { late: 'true' } })).total).toBeGreaterThanOrEqual(2);
    expect((await findTasks(db, { filters: { stale: 'true' } })).total).toBeGreaterThanOrEqual(2);
  });
});
