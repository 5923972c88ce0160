import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { type EntryFilters, type FacetIndex, FACETS, type FacetName, readFacetIndex, rowLookup, tally } from './facet-index.js';
import { ENTRY_STATES, entries } from './tables.js';
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

  it('counts and orders as counting the visible rows one by one would', async () => {
    const { db } = database;
    const regions = ['AFR', 'ARB', 'EUR', null] as const;
    const countries = [['KE'], ['FR', 'DE'], ['EG', 'JO', 'KE'], ['DE']];
    const made: number[] = [];
    for (let k = 0; k < 19; k++) {
      const entry = await insertPublishedEntry(db, {
        title: { en: `Tapir ${k}` },
        state: k % 7 === 3 ? 'submitted' : 'published',
        region: regions[k % 4] as string | null,
        countries: countries[k % 3] as string[],
        actionLines: k % 2 ? ['C2', 'C7.e-health'] : ['C3'],
        publishedAt: new Date(Date.UTC(2021, 0, 1 + (k % 5))),
      });
      made.push(entry.id);
    }
    const index = await readFacetIndex(db);
    const rows = rowsOf(index);
    /** The same answer, row by row: each facet counts the rows that pass every other filter. */
    const expected = (matched: Set<number> | undefined, filters: EntryFilters) => {
      const passes = (r: (typeof rows)[number], skip?: FacetName) =>
        FACETS.every((f) => f === skip || !filters[f]?.length || (r.facets[f] as string[]).some((v) => filters[f]?.includes(v)));
      const seen = rows.filter((r) => r.state === ENTRY_STATES.indexOf('published') && (!matched || matched.has(r.id as number)));
      const facets = Object.fromEntries(
        FACETS.map((f) => {
          const counts = new Map<string, number>();
          for (const r of seen) if (passes(r, f)) for (const v of r.facets[f] as string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
          return [f, [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))];
        }),
      );
      const shown = seen.filter((r) => passes(r)).map((r) => r.id);
      return { total: shown.length, ids: shown, facets };
    };
    const actual = (found: ReturnType<typeof tally>) => ({ total: found.total, ids: found.idsAt(0, found.total), facets: found.facets });
    // Matches spread over the rows in patterns around the walk's steps of four rows (gaps of whole
    // steps, a step's first or last row), at both ends of the index.
    const ids = rows.map((r) => r.id as number);
    const patterns: ((position: number) => boolean)[] = [
      (p) => p % 5 === 0,
      (p) => p % 9 === 4,
      (p) => p % 8 === 7 || p % 12 === 8,
      (p) => p === 0,
      (p) => p >= ids.length - 3,
      (p) => p < 4 || p >= 12,
    ];
    for (const pattern of patterns) {
      const matched = ids.filter((_, p) => pattern(p));
      for (const filters of [{}, { region: ['AFR', 'EUR'] }, { country: ['KE'], actionLine: ['C2'] }] as EntryFilters[]) {
        const found = tally(index, { actor: null, matched: { title: [], other: matched }, filters });
        expect(actual(found)).toEqual(expected(new Set(matched), filters));
        // Counted one facet at a time too (when the facets' codes together pass 16 bits).
        expect(actual(tally({ ...index, combined: undefined }, { actor: null, matched: { title: [], other: matched }, filters }))).toEqual(actual(found));
      }
    }
    expect(actual(tally(index, { actor: null, filters: { country: ['DE'] } }))).toEqual(expected(undefined, { country: ['DE'] }));
  });

  it('holds every entry as the table does, read a few rows at a time or all at once', async () => {
    const { db } = database;
    // Rows with what a row may lack: no submitter, never published (no date, no year), no region,
    // no target group; and rows with several values in the facets that take several.
    const unpublished = await insertPublishedEntry(db, { state: 'submitted', region: null, title: { en: 'Lemur unpublished' } });
    await db.update(entries).set({ publishedAt: null, publishedYear: null }).where(eq(entries.id, unpublished.id));
    await insertPublishedEntry(db, { actionLines: ['C1', 'C7.e-health'], sdgs: [3, 17], countries: ['KE', 'TZ', 'UG'], targetGroups: ['youth', 'women-and-girls'], region: 'AFR' });
    const { rows } = await db.execute<{ id: string; st: string; sub: string | null; pa: string | null } & Record<FacetName, string[] | null>>(sql`
      select id::text as id, state as st, submitter_id::text as sub, (extract(epoch from published_at) * 1000000)::bigint::text as pa,
        action_lines as "actionLine", array(select s::text from unnest(sdgs) s) as sdg, array_remove(array[region], null) as region, countries as country,
        array_remove(array[stakeholder_type], null) as "stakeholderType", target_groups as "targetGroup",
        array_remove(array[project_status], null) as status, array_remove(array[published_year::text], null) as year
      from stocktaking_entries e order by e.published_at desc nulls last, e.id desc`);
    const table = rows.map((r) => ({
      id: Number(r.id),
      state: ENTRY_STATES.indexOf(r.st as (typeof ENTRY_STATES)[number]),
      submitter: r.sub === null ? Number.NaN : Number(r.sub),
      publishedAt: r.pa === null ? Number.NaN : Number(r.pa),
      facets: Object.fromEntries(FACETS.map((f) => [f, r[f] ?? []])),
    }));
    expect(table.some((r) => Number.isNaN(r.publishedAt) && Number.isNaN(r.submitter))).toBe(true);
    const withDates = (index: FacetIndex) => rowsOf(index).map((r, row) => ({ ...r, publishedAt: index.publishedAt[row] }));
    for (const batch of [1, 3, 1000]) expect(withDates(await readFacetIndex(db, undefined, { batch }))).toEqual(table);
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
