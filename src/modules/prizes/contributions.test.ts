import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBadges, collectCalendarDates } from '../../core/contributions.js';
import { MODULES } from '../../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { buildUser } from '../../test/factories.js';
import { createEdition } from './commands/create-edition.js';
import { actorOf, DAY, phases } from './test-helpers.js';

let database: TestDatabase;
const YEAR = 2031;
beforeAll(async () => {
  database = await createTestDatabase();
  const manager = actorOf(await buildUser(database.db, { roles: ['prize-manager'] }), ['prize-manager']);
  // The clock in the middle of the voting phase: submission started 25 days ago, the announcement ends in 25 days.
  const created = await createEdition(database.db, { actor: manager, input: { year: YEAR, phases: phases('voting') } });
  if (!created.ok) throw new Error(created.error);
});
afterAll(async () => database.drop());

describe('what the WSIS Prizes contribute, as the core collects it', () => {
  it("gives each phase of an edition to the calendar, with the edition's page and a label in the Prizes' catalog", async () => {
    const now = Date.now();
    const dates = await collectCalendarDates(MODULES, database.db, { from: new Date(now - 60 * DAY), to: new Date(now + 60 * DAY) });
    expect(dates.map((d) => [d.module, d.id, d.label.key, d.href])).toEqual([
      ['prizes', `${YEAR}.submission`, 'prizes.calendar.submission', `/prizes/${YEAR}`],
      ['prizes', `${YEAR}.validation`, 'prizes.calendar.validation', `/prizes/${YEAR}`],
      ['prizes', `${YEAR}.voting`, 'prizes.calendar.voting', `/prizes/${YEAR}`],
      ['prizes', `${YEAR}.selection`, 'prizes.calendar.selection', `/prizes/${YEAR}`],
      ['prizes', `${YEAR}.announcement`, 'prizes.calendar.announcement', `/prizes/${YEAR}`],
    ]);
    expect(dates.every((d) => d.label.values?.year === YEAR && d.end !== null && d.start < d.end)).toBe(true);
    const voting = dates.find((d) => d.id.endsWith('.voting'));
    expect(voting && voting.start.getTime() < now && now < (voting.end?.getTime() ?? 0)).toBe(true);
  });

  it('gives only the phases that overlap the range asked for', async () => {
    const now = Date.now();
    // Today and the next two days: inside the voting phase only.
    const today = await collectCalendarDates(MODULES, database.db, { from: new Date(now), to: new Date(now + 2 * DAY) });
    expect(today.map((d) => d.id)).toEqual([`${YEAR}.voting`]);
    // A year from now: no edition.
    expect(await collectCalendarDates(MODULES, database.db, { from: new Date(now + 365 * DAY), to: new Date(now + 366 * DAY) })).toEqual([]);
  });

  it('gives no badge to an entry that won nothing', async () => {
    const badges = await collectBadges(MODULES, database.db, { on: 'stocktaking.entry', ids: [1, 2, 3] });
    expect(badges.size).toBe(0);
  });
});
