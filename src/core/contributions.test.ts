import { describe, expect, it } from 'vitest';
import { type Badge, collectBadges, collectCalendarDates, contributions } from './contributions.js';
import type { DbOrTx } from './db/client.js';
import { defineModule } from './module.js';

// The collector never touches the database itself: each contribution reads its own module's data.
const db = {} as DbOrTx;
const badge = (kind: string, year: number): Badge => ({ kind, label: { key: `test.badges.${kind}`, values: { year } }, data: { year } });

const prizes = defineModule({
  id: 'prizes',
  contributes: {
    badges: [{ on: 'stocktaking.entry', find: async (_db, ids) => new Map(ids.filter((id) => id === 1).map((id) => [id, [badge('winner', 2030)]])) }],
    calendar: [
      {
        find: async () => [
          { id: '2030.voting', label: { key: 'test.voting' }, start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-03-10T00:00:00Z'), href: '/prizes/2030' },
        ],
      },
    ],
  },
});
const awards = defineModule({
  id: 'awards',
  contributes: {
    badges: [
      { on: 'stocktaking.entry', find: async (_db, ids) => new Map(ids.map((id) => [id, [badge('finalist', 2029)]])) },
      { on: 'consultations.response', find: async () => new Map([[1, [badge('elsewhere', 2000)]]]) },
    ],
    calendar: [{ find: async () => [{ id: 'deadline', label: { key: 'test.deadline' }, start: new Date('2030-02-01T00:00:00Z'), end: null, href: '/awards' }] }],
  },
});
const silent = defineModule({ id: 'silent' });

describe('contributions collected by the core', () => {
  it('lists one kind from every module, with the module that gave each', () => {
    expect(contributions([prizes, silent, awards], 'badges').map((c) => [c.module, c.contribution.on])).toEqual([
      ['prizes', 'stocktaking.entry'],
      ['awards', 'stocktaking.entry'],
      ['awards', 'consultations.response'],
    ]);
    expect(contributions([silent], 'reportSections')).toEqual([]);
  });

  it("merges every module's badges on the items asked for, in module order, and only for that kind of item", async () => {
    const badges = await collectBadges([prizes, silent, awards], db, { on: 'stocktaking.entry', ids: [1, 2] });
    expect(badges.get(1)?.map((b) => b.kind)).toEqual(['winner', 'finalist']);
    expect(badges.get(2)?.map((b) => b.kind)).toEqual(['finalist']);
    expect((await collectBadges([prizes, awards], db, { on: 'stocktaking.entry', ids: [] })).size).toBe(0);
  });

  it("orders every module's calendar dates by start", async () => {
    const dates = await collectCalendarDates([prizes, awards], db, { from: new Date('2030-01-01T00:00:00Z'), to: new Date('2031-01-01T00:00:00Z') });
    expect(dates.map((d) => [d.module, d.id])).toEqual([
      ['awards', 'deadline'],
      ['prizes', '2030.voting'],
    ]);
  });
});
