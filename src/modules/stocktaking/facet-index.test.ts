import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { type FacetIndex, FACETS, readFacetIndex, rowLookup, tally } from './facet-index.js';
import { entries } from './tables.js';
import { insertPublishedEntry } from './test-helpers.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

/** Every row of an index as plain values, in its order. */
const rowsOf = (index: FacetIndex) =>
  Array.from({ length: index.size }, (_, row) => ({
    id: index.ids[row],
    state: index.state[row],
    submitter: index.submitter[row],
    facets: Object.fromEntries(
      FACETS.map((f) => {
        const c = index.facets[f];
        return [f, Array.from(c.values.subarray(c.offsets[row], c.offsets[row + 1]), (code) => c.dictionary[code])];
      }),
    ),
  }));

describe('facet index', () => {
  it('catches up by merging the entries the change log names, and ends equal to a full read', async () => {
    const { db } = database;
    const at = (day: number) => new Date(Date.UTC(2020, 0, day));
    const ids: number[] = [];
    for (let day = 1; day <= 12; day++) ids.push((await insertPublishedEntry(db, { title: { en: `Lemur ${day}` }, region: day % 2 ? 'AFR' : 'EUR', publishedAt: at(day) })).id);
    const draft = await insertPublishedEntry(db, { state: 'submitted', title: { en: 'Lemur draft' } });
    const before = await readFacetIndex(db);
    // Newest first.
    expect(
      rowsOf(before)
        .filter((r) => ids.includes(r.id as number))
        .map((r) => r.id),
    ).toEqual([...ids].reverse());

    // Published in the middle of the others, moved to another region, deleted, and a new one.
    await db
      .update(entries)
      .set({ state: 'published', publishedAt: at(6), publishedYear: 2020, region: 'ASP' })
      .where(eq(entries.id, draft.id));
    await db
      .update(entries)
      .set({ region: 'ARB', countries: ['EG', 'JO'] })
      .where(eq(entries.id, ids[2] as number));
    await db.delete(entries).where(eq(entries.id, ids[7] as number));
    await insertPublishedEntry(db, { title: { en: 'Lemur newest' }, region: 'CIS', countries: ['KZ'], publishedAt: at(30) });

    const merged = await readFacetIndex(db, before);
    const full = await readFacetIndex(db);
    expect(merged.built).toBe('merged');
    expect(merged.version).toBe(full.version);
    expect(merged.version).toBeGreaterThan(before.version);
    expect(rowsOf(merged)).toEqual(rowsOf(full));
    expect(merged.rowOf(ids[7] as number)).toBe(-1);

    // When the log no longer covers the gap (pruned), it reads everything and still agrees.
    await db
      .update(entries)
      .set({ region: 'EUR' })
      .where(eq(entries.id, ids[0] as number));
    await db
      .update(entries)
      .set({ region: 'AMS' })
      .where(eq(entries.id, ids[1] as number));
    await db.execute(sql`delete from stocktaking_entry_changes where version = ${merged.version + 1}`);
    const again = await readFacetIndex(db, merged);
    expect(again.built).toBe('read');
    expect(rowsOf(again)).toEqual(rowsOf(await readFacetIndex(db)));
    expect(rowsOf(again).find((r) => r.id === ids[0])?.facets.region).toEqual(['EUR']);
  });

  it('counts for the public once per version of the entries, and again after a change', async () => {
    const { db } = database;
    const index = await readFacetIndex(db);
    const first = tally(index, { actor: null });
    // The page as first opened: the same answer, not walked again.
    expect(tally(index, { actor: null })).toBe(first);
    // Anything narrower, or anyone signed in, is counted afresh.
    expect(tally(index, { actor: null, filters: { region: ['AFR'] } })).not.toBe(first);
    const moderator = { id: 1, email: 'm@example.org', name: 'M', roles: ['moderator' as const], locale: 'en' as const, emailVerified: true, status: 'active' as const };
    expect(tally(index, { actor: moderator })).not.toBe(first);
    await insertPublishedEntry(db, { title: { en: 'Okapi census' }, region: 'ARB' });
    const next = await readFacetIndex(db, index);
    const after = tally(next, { actor: null });
    expect(after.total).toBe(first.total + 1);
    expect(after.facets.region.find((r) => r.value === 'ARB')?.count).toBe((first.facets.region.find((r) => r.value === 'ARB')?.count ?? 0) + 1);
  });

  it('finds the row of an id whether ids are dense or sparse', () => {
    for (const ids of [
      [7, 3, 5],
      [2 ** 40, 3, 2 ** 33],
    ]) {
      const rowOf = rowLookup(Float64Array.from(ids));
      expect(ids.map(rowOf)).toEqual([0, 1, 2]);
      expect([4, 2 ** 41, 0].map(rowOf)).toEqual([-1, -1, -1]);
    }
  });
});
