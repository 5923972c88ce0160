import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { type Badge, collectBadges, collectCalendarDates, contributions } from './contributions.js';
import type { DbOrTx } from './db/client.js';
import { loadCatalogs } from './i18n/catalog.js';
import { LOCALES } from './i18n/locales.js';
import { defineModule } from './module.js';
import { cellText, type ReportBlock, reportText } from './reports/document.js';

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

describe('report sections of the platform’s modules (the contract the reports module reads)', () => {
  const sections = contributions(MODULES, 'reportSections');
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database?.drop());

  it('are named `<module>.<section>`, once each, with titles and option labels in every language', () => {
    expect(sections.map((s) => s.contribution.id)).toEqual(expect.arrayContaining(['consultations.syntheses', 'trust-fund.statement', 'roadmaps.progress']));
    expect(new Set(sections.map((s) => s.contribution.id)).size).toBe(sections.length);
    const catalogs = loadCatalogs();
    for (const { module, contribution } of sections) {
      expect(contribution.id.startsWith(`${module}.`)).toBe(true);
      const keys = [contribution.title.key, ...(contribution.options ?? []).flatMap((o) => [o.label.key, ...(o.choices ?? []).map((c) => c.label.key)])];
      for (const locale of LOCALES) for (const key of keys) expect(typeof catalogs[locale][key], `${key} in ${locale}`).toBe('string');
    }
    expect(sections.find((s) => s.contribution.id === 'roadmaps.progress')?.contribution.options).toEqual([
      { name: 'actionLines', label: { key: 'roadmaps.progress.option_lines' }, reference: 'action-lines' },
    ]);
  });

  /** Well-formed blocks: known types, rows as wide as their columns, chart values numbers with their shown text. */
  const checkBlocks = (blocks: ReportBlock[]) => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
        case 'note':
          expect(reportText(b.text).trim()).not.toBe('');
          break;
        case 'list':
          break;
        case 'table':
          expect(b.caption).not.toBe('');
          for (const row of b.rows) {
            expect(row).toHaveLength(b.columns.length);
            row.forEach((cell, i) => {
              if (b.columns[i]?.numeric && typeof cell === 'object' && !Array.isArray(cell)) expect(Number.isFinite(cell.value)).toBe(true);
              expect(typeof cellText(cell)).toBe('string');
            });
          }
          break;
        case 'chart':
          for (const d of b.data) {
            expect(Number.isFinite(d.value)).toBe(true);
            expect(d.display).not.toBe('');
          }
          break;
        default:
          throw new Error(`unknown block ${JSON.stringify(b)}`);
      }
    }
    // Plain JSON: a snapshot stored and read back is the same.
    expect(JSON.parse(JSON.stringify(blocks))).toEqual(blocks);
  };

  it('give well-formed blocks in every language on a database without their data', async () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    for (const { contribution } of sections) for (const locale of LOCALES) checkBlocks((await contribution.build(database.db, { from, to, asOf: to, locale, options: {} })).blocks);
  });
});
