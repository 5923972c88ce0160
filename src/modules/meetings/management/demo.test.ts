import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { findMeetingByGroupAndNumber } from '../queries.js';
import { demoMeetings } from './demo.js';
import { findAgenda, findDecisions } from './queries.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await buildUser(database.db, { roles: ['admin'] });
}, 180_000);
afterAll(async () => database.drop());

describe('the demonstration meetings', () => {
  it('are the 41st (held, with agenda and decisions) and 42nd (convened, upcoming, with agenda) of the CWG, marked as demonstration', async () => {
    await demoMeetings(database.db);
    const held = await findMeetingByGroupAndNumber(database.db, { group: 'CWG-WSIS&SDG', number: 41 });
    const next = await findMeetingByGroupAndNumber(database.db, { group: 'CWG-WSIS&SDG', number: 42 });
    expect(held?.status).toBe('held');
    expect(held?.endsAt.getTime()).toBeLessThan(Date.now());
    expect(next?.status).toBe('convened');
    expect(next?.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(held?.title.en).toBe('41st meeting of the Council Working Group on WSIS & SDGs (demonstration)');
    expect(next?.title.fr).toContain('(démonstration)');
    expect((await findAgenda(database.db, next?.id ?? 0)).map((i) => i.number)).toEqual(['1', '2', '3', '3.1', '4']);
    expect((await findDecisions(database.db, held?.id ?? 0)).map((d) => d.number)).toEqual([1, 2]);
  });
});
