import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { settings } from '../auth/tables.js';
import { claimPeriodicRun, runPeriodic } from './periodic.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => database.drop());

describe('periodic jobs claimed once per period across processes', () => {
  it('gives a period to one of the callers that claim it at the same moment', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimPeriodicRun(database.db, { name: 'same-moment', everyMs: 3600_000, by: `process-${i}` })));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Later in the same period: nobody.
    expect(await claimPeriodicRun(database.db, { name: 'same-moment', everyMs: 3600_000, by: 'late' })).toBe(false);
  });

  it('gives the next period once the previous one has passed, and runs the job only for the claimant', async () => {
    let runs = 0;
    const job = async () => {
      runs++;
    };
    expect(await runPeriodic(database.db, { name: 'short', everyMs: 3600_000, by: 'a' }, job)).toBe(true);
    expect(await runPeriodic(database.db, { name: 'short', everyMs: 3600_000, by: 'b' }, job)).toBe(false);
    // The last run an hour ago: the period has passed.
    await database.db
      .update(settings)
      .set({ updatedAt: new Date(Date.now() - 3601_000) })
      .where(eq(settings.key, 'job:short'));
    expect(await runPeriodic(database.db, { name: 'short', everyMs: 3600_000, by: 'b' }, job)).toBe(true);
    expect(runs).toBe(2);
  });
});
