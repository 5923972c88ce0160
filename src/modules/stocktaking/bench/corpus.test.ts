import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { countEntriesByFacet, findEntries, getEntry } from '../queries.js';
import { seedBenchEntries } from './corpus.js';
import { buildQueryMix, frequentWords } from './query-mix.js';

let database: TestDatabase;
const N = 300;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedBenchEntries(database.db, { entries: N, batchSize: 100 });
});
afterAll(async () => database.drop());

describe('wsis seed bench', () => {
  it('adds published demo entries whose originals are in all six languages', async () => {
    const all = await findEntries(database.db, { actor: null, locale: 'en', pageSize: 100 });
    expect(all.total).toBe(N);
    expect(all.items.every((i) => i.state === 'published' && i.isDemo)).toBe(true);
    const languages = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const result = await findEntries(database.db, { actor: null, locale: 'en', pageSize: 100, page });
      for (const i of result.items) languages.add(i.originalLanguage);
    }
    expect(languages).toEqual(new Set(LOCALES));
  });

  it('makes entries searchable in each language by their frequent words (Chinese segmented)', async () => {
    const words = await frequentWords(database.db, 5);
    for (const locale of LOCALES) {
      expect(words[locale].length).toBeGreaterThan(0);
      const found = await findEntries(database.db, { actor: null, locale, q: words[locale][0] });
      expect(found.total, `${locale}: ${words[locale][0]}`).toBeGreaterThan(0);
      expect(found.typoTolerant).toBe(false);
      expect(found.items.some((i) => i.title[locale])).toBe(true);
    }
    expect(words.zh.every((w) => /\p{Script=Han}/u.test(w))).toBe(true);
    expect(buildQueryMix(words).length).toBeGreaterThan(30);
  });

  it('is counted by the facets (statistics and search)', async () => {
    const facets = await countEntriesByFacet(database.db);
    expect(facets.status.reduce((sum, c) => sum + c.count, 0)).toBe(N);
    expect(facets.year.reduce((sum, c) => sum + c.count, 0)).toBe(N);
    expect(facets.actionLine.length).toBeGreaterThan(5);
    const c2 = facets.actionLine.find((c) => c.value === 'C2')?.count ?? 0;
    const filtered = await findEntries(database.db, { actor: null, locale: 'en', filters: { actionLine: ['C2'] } });
    expect(filtered.total).toBe(c2);
  });

  it('gives the same corpus for the same seed', async () => {
    const other = await createTestDatabase();
    try {
      await seedBenchEntries(other.db, { entries: 5 });
      for (let id = 1; id <= 5; id++) {
        const [a, b] = await Promise.all([getEntry(database.db, { actor: null, id }), getEntry(other.db, { actor: null, id })]);
        expect(b.title).toEqual(a.title);
        expect(b.actionLines).toEqual(a.actionLines);
      }
    } finally {
      await other.drop();
    }
  });
});
