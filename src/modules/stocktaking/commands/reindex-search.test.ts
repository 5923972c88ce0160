import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../../core/auth/tables.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { findEntries } from '../queries.js';
import { entries } from '../tables.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { reindexSearch } from './reindex-search.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('reindexSearch', () => {
  it('computes again the vectors an older analyzer stored, once', async () => {
    const { db } = database;
    const { id } = await insertPublishedEntry(db, { originalLanguage: 'ar', title: { ar: 'منصة الصحة الرقمية' }, summary: { ar: 'خدمات' }, leadCountry: 'SN', region: 'AFR' });
    // As version 1 stored it: PostgreSQL's arabic configuration, no place names.
    await db
      .update(entries)
      .set({ searchVector: sql`setweight(to_tsvector('arabic', 'منصة الصحة الرقمية'), 'A')` as unknown as string })
      .where(eq(entries.id, id));
    await db.delete(settings).where(eq(settings.key, 'stocktaking.search_analyzer'));
    const search = async (q: string) => (await findEntries(db, { actor: null, locale: 'en', q })).items.map((i) => i.id);
    expect(await search('Sénégal')).toEqual([]);

    expect(await reindexSearch(db)).toBeGreaterThanOrEqual(1);
    expect(await search('Sénégal')).toEqual([id]);
    expect(await search('صحه')).toEqual([id]);
    expect(await reindexSearch(db)).toBe(0);
  });
});
