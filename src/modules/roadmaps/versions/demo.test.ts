import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { findCurrentFocalPoints } from '../focal-points/queries.js';
import { planOutputs } from '../tables.js';
import { demoRoadmaps } from './demo.js';
import { findRoadmapSummaries } from './queries.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await buildUser(database.db, { roles: ['admin'] });
}, 180_000);
afterAll(async () => database.drop());

describe('the demonstration roadmaps', () => {
  it('are C2, C4, C5 and C6 with version 1 current, a draft 2 of C2, two focal points and two [Demo] outputs', async () => {
    await demoRoadmaps(database.db);
    const summaries = await findRoadmapSummaries(database.db);
    expect(summaries.map((s) => [s.actionLine, s.current?.number, s.draftNumber])).toEqual([
      ['C2', 1, 2],
      ['C4', 1, null],
      ['C5', 1, null],
      ['C6', 1, null],
    ]);
    expect((await findCurrentFocalPoints(database.db)).map((f) => [f.actionLine, f.bureau])).toEqual([
      ['C2', 'BDT'],
      ['C5', 'GS'],
    ]);
    expect((await database.db.select().from(planOutputs)).every((o) => o.title.en?.startsWith('[Demo]'))).toBe(true);
  });
});
