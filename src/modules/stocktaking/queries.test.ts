import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../core/i18n/locales.js';
import type { Actor } from '../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { actorOf, buildUser } from '../../test/factories.js';
import { demoStocktaking } from './demo.js';
import { findEntries, getEntry } from './queries.js';
import { entries } from './tables.js';
import { insertPublishedEntry } from './test-helpers.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('findEntries: full-text search', () => {
  it('finds a French entry by the plural of a word of its singular title', async () => {
    const { id } = await insertPublishedEntry(database.db, {
      originalLanguage: 'fr',
      title: { fr: 'Une école numérique pour chaque village' },
      summary: { fr: 'Des tablettes et une connexion pour les élèves.' },
    });
    const result = await findEntries(database.db, { actor: null, locale: 'fr', q: 'écoles numériques' });
    expect(result.items.map((i) => i.id)).toContain(id);
    expect(result.typoTolerant).toBe(false);
    const hit = result.items.find((i) => i.id === id);
    expect(hit?.highlight).toContain('\u0001école\u0002');
  });

  it('finds a Spanish entry through its English translation, highlighting the English title', async () => {
    const { id } = await insertPublishedEntry(database.db, {
      originalLanguage: 'es',
      title: { es: 'Alfabetización mediática en las aulas', en: 'Media literacy in classrooms' },
      summary: { es: 'Formación de docentes.', en: 'Teacher training.' },
      translations: { es: 'original', en: 'reviewed' },
    });
    const result = await findEntries(database.db, { actor: null, locale: 'en', q: 'classroom literacy' });
    expect(result.items.map((i) => i.id)).toEqual([id]);
    expect(result.items[0]?.highlight).toBe('Media \u0001literacy\u0002 in \u0001classrooms\u0002');
  });

  it('finds a quoted phrase only where its words stand together, and a word with its exclusion', async () => {
    const together = await insertPublishedEntry(database.db, { title: { en: 'Marmot telemetry network' }, summary: { en: 'Sensors in the Alps.' } });
    const apart = await insertPublishedEntry(database.db, { title: { en: 'Network of marmot observers' }, summary: { en: 'Telemetry by volunteers.' } });
    const ids = async (q: string) => (await findEntries(database.db, { actor: null, locale: 'en', q })).items.map((i) => i.id).sort((a, b) => a - b);
    // A phrase needs word positions: PostgreSQL's full-text index answers it, not the word index.
    expect(await ids('"marmot telemetry"')).toEqual([together.id]);
    expect(await ids('marmot telemetry')).toEqual([together.id, apart.id]);
    expect(await ids('marmot -volunteers')).toEqual([together.id]);
    expect(await ids('marmot or nothingsuchword')).toEqual([together.id, apart.id]);
  });

  it('tolerates a typo ("conectivty" finds "connectivity")', async () => {
    const { id } = await insertPublishedEntry(database.db, { title: { en: 'Satellite connectivity for islands' }, summary: { en: 'Small island states.' } });
    const result = await findEntries(database.db, { actor: null, locale: 'en', q: 'conectivty' });
    expect(result.typoTolerant).toBe(true);
    expect(result.items.map((i) => i.id)).toContain(id);
  });

  it('corrects a misspelt word to a word of published titles only, and marks the word it found', async () => {
    const { id } = await insertPublishedEntry(database.db, { title: { en: 'Hydroponic gardens for schools' } });
    await insertPublishedEntry(database.db, { state: 'submitted', title: { en: 'Xylophonic secret project' } });
    const result = await findEntries(database.db, { actor: null, locale: 'en', q: 'hydroponc' });
    expect(result.typoTolerant).toBe(true);
    expect(result.items.map((i) => i.id)).toEqual([id]);
    expect(result.items[0]?.highlight).toBe('\u0001Hydroponic\u0002 gardens for schools');
    // Two misspelt words: each is corrected, and both must match.
    const two = await findEntries(database.db, { actor: null, locale: 'en', q: 'hydroponc gardns' });
    expect(two.items.map((i) => i.id)).toEqual([id]);
    expect((await findEntries(database.db, { actor: null, locale: 'en', q: 'hydroponc xylophonc' })).total).toBe(0);
    // The unpublished title taught the corrector nothing: even a moderator, who sees that entry, gets no correction.
    const moderator = actorOf(await buildUser(database.db, { roles: ['moderator'] }), ['moderator']);
    expect((await findEntries(database.db, { actor: moderator, locale: 'en', q: 'xylophonic' })).total).toBe(1);
    expect((await findEntries(database.db, { actor: moderator, locale: 'en', q: 'xylophonc' })).total).toBe(0);
  });

  it('ranks a title match above a summary match', async () => {
    const inSummary = await insertPublishedEntry(database.db, { title: { en: 'Fishing cooperative app' }, summary: { en: 'Weather warnings for zebrafish farmers.' } });
    const inTitle = await insertPublishedEntry(database.db, { title: { en: 'Zebrafish research network' }, summary: { en: 'Shared lab data.' } });
    const result = await findEntries(database.db, { actor: null, locale: 'en', q: 'zebrafish' });
    expect(result.items.map((i) => i.id)).toEqual([inTitle.id, inSummary.id]);
  });

  it('ranks titles with the words together above titles with the words apart, whatever their dates', async () => {
    const apart = await insertPublishedEntry(database.db, { title: { en: 'Okapi trails and the mapping of rivers' }, publishedAt: new Date('2030-01-01T00:00:00Z') });
    const together = await insertPublishedEntry(database.db, { title: { en: 'Okapi mapping' }, publishedAt: new Date('2001-01-01T00:00:00Z') });
    const result = await findEntries(database.db, { actor: null, locale: 'en', q: 'okapi mapping' });
    expect(result.items.map((i) => i.id)).toEqual([together.id, apart.id]);
    const newest = await findEntries(database.db, { actor: null, locale: 'en', q: 'okapi mapping', sort: 'newest' });
    expect(newest.items.map((i) => i.id)).toEqual([apart.id, together.id]);
  });

  it('cuts pages from the ranked title matches: higher ranks first, equal ranks newest first, no entry twice or left out', async () => {
    const day = (d: number) => new Date(Date.UTC(2012, 0, d));
    const apart = [1, 2, 3].map((d) => insertPublishedEntry(database.db, { title: { en: `Numbat counts along the coast and ${d} wetland surveys` }, publishedAt: day(d) }));
    const together = [4, 5].map((d) => insertPublishedEntry(database.db, { title: { en: `Numbat wetland ${d}` }, publishedAt: day(d) }));
    const ids = async (list: Promise<{ id: number }>[]) => (await Promise.all(list)).map((e) => e.id);
    const [apartIds, togetherIds] = [await ids(apart), await ids(together)];
    const expected = [...togetherIds.reverse(), ...apartIds.reverse()];
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(...(await findEntries(database.db, { actor: null, locale: 'en', q: 'numbat wetland', page, pageSize: 2 })).items.map((i) => i.id));
    expect(pages).toEqual(expected);
    const whole = await findEntries(database.db, { actor: null, locale: 'en', q: 'numbat wetland', pageSize: 10 });
    expect(whole.items.map((i) => i.id)).toEqual(expected);
    expect(whole.items[0]?.rank).toBeGreaterThan(whole.items[4]?.rank ?? Number.POSITIVE_INFINITY);
  });
});

describe('findEntries: facets, sort and pages', () => {
  const year = 1991;
  beforeAll(async () => {
    const at = new Date(`${year}-06-01T00:00:00Z`);
    await insertPublishedEntry(database.db, { title: { en: 'Facet A' }, actionLines: ['C2'], sdgs: [9], region: 'EUR', publishedAt: at });
    await insertPublishedEntry(database.db, { title: { en: 'Facet B' }, actionLines: ['C2', 'C3'], sdgs: [9, 4], region: 'AFR', publishedAt: at });
    await insertPublishedEntry(database.db, { title: { en: 'Facet C' }, actionLines: ['C3'], sdgs: [4], region: 'AFR', targetGroups: ['youth'], publishedAt: at });
    await insertPublishedEntry(database.db, { state: 'submitted', title: { en: 'Facet D (unpublished)' }, actionLines: ['C2'], publishedAt: at });
  });

  it('counts each facet over the filtered set, ignoring its own filter', async () => {
    const result = await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)], actionLine: ['C2'] } });
    expect(result.total).toBe(2);
    expect(result.facets.actionLine).toEqual([
      { value: 'C2', count: 2 },
      { value: 'C3', count: 2 },
    ]);
    expect(result.facets.sdg).toEqual([
      { value: '9', count: 2 },
      { value: '4', count: 1 },
    ]);
    expect(result.facets.region).toEqual([
      { value: 'AFR', count: 1 },
      { value: 'EUR', count: 1 },
    ]);
    // The year facet ignores the year filter: other years are offered with their counts.
    expect(result.facets.year).toContainEqual({ value: String(year), count: 2 });
  });

  it('combines values of one facet with OR and facets with AND', async () => {
    const either = await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)], region: ['AFR', 'EUR'] } });
    expect(either.total).toBe(3);
    const both = await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)], region: ['AFR'], targetGroup: ['youth'] } });
    expect(both.items.map((i) => i.title.en)).toEqual(['Facet C']);
  });

  it('sorts by title and pages', async () => {
    const page1 = await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)] }, sort: 'title', pageSize: 2 });
    const page2 = await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)] }, sort: 'title', pageSize: 2, page: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items.map((i) => i.title.en)).toEqual(['Facet A', 'Facet B']);
    expect(page2.items.map((i) => i.title.en)).toEqual(['Facet C']);
  });

  it('ignores filter values that are not numbers where numbers are expected', async () => {
    const result = await findEntries(database.db, { actor: null, locale: 'en', filters: { sdg: ['x'], year: ['1991; drop table x'] } });
    expect(result.total).toBe(0);
  });
});

describe('visibility (visibleEntriesFor)', () => {
  it('shows unpublished entries to moderators and to their submitter only', async () => {
    const owner = await buildUser(database.db);
    const other = await buildUser(database.db);
    const moderator = await buildUser(database.db, { roles: ['moderator'] });
    const { id } = await insertPublishedEntry(database.db, { state: 'submitted', submitterId: owner.id, title: { en: 'Quokka observatory' } });
    const search = (actor: Actor | null) => findEntries(database.db, { actor, locale: 'en', q: 'quokka' }).then((r) => r.items.map((i) => i.id));
    expect(await search(null)).toEqual([]);
    expect(await search(actorOf(other))).toEqual([]);
    expect(await search(actorOf(owner))).toEqual([id]);
    expect(await search(actorOf(moderator, ['moderator']))).toEqual([id]);
    await expect(getEntry(database.db, { actor: null, id })).rejects.toMatchObject({ statusCode: 404 });
    await expect(getEntry(database.db, { actor: actorOf(other), id })).rejects.toMatchObject({ statusCode: 404 });
    expect((await getEntry(database.db, { actor: actorOf(moderator, ['moderator']), id })).id).toBe(id);
    // Without words the facet index in memory decides alone: the same rule (facet-index.ts mayViewRow).
    const year = new Date().getUTCFullYear() + 40;
    await database.db.update(entries).set({ publishedYear: year }).where(eq(entries.id, id));
    const listed = async (actor: Actor | null) => {
      const found = await findEntries(database.db, { actor, locale: 'en', filters: { year: [String(year)] } });
      return { ids: found.items.map((i) => i.id), total: found.total, years: found.facets.year.filter((f) => f.value === String(year)) };
    };
    expect(await listed(null)).toEqual({ ids: [], total: 0, years: [] });
    expect(await listed(actorOf(other))).toEqual({ ids: [], total: 0, years: [] });
    expect(await listed(actorOf(owner))).toEqual({ ids: [id], total: 1, years: [{ value: String(year), count: 1 }] });
    expect((await listed(actorOf(moderator, ['moderator']))).ids).toEqual([id]);
  });

  it('shows a change in the next search (the facet index follows the entries)', async () => {
    const year = new Date().getUTCFullYear() + 41;
    const countOf = async () => (await findEntries(database.db, { actor: null, locale: 'en', filters: { year: [String(year)] } })).total;
    const { id } = await insertPublishedEntry(database.db, { state: 'submitted', title: { en: 'Pangolin registry' } });
    await database.db.update(entries).set({ publishedYear: year }).where(eq(entries.id, id));
    expect(await countOf()).toBe(0);
    await database.db.update(entries).set({ state: 'published' }).where(eq(entries.id, id));
    expect(await countOf()).toBe(1);
    expect((await findEntries(database.db, { actor: null, locale: 'en', q: 'pangolin' })).items.map((i) => i.id)).toEqual([id]);
    await database.db.delete(entries).where(eq(entries.id, id));
    expect(await countOf()).toBe(0);
    expect((await findEntries(database.db, { actor: null, locale: 'en', q: 'pangolin' })).total).toBe(0);
  });

  it('never returns the contact fields', async () => {
    const { id } = await insertPublishedEntry(database.db, { contactName: 'Secret Person', contactEmail: 'secret@example.org' });
    const entry = await getEntry(database.db, { actor: null, id });
    expect(JSON.stringify(entry)).not.toContain('secret@example.org');
    expect(Object.keys(entry)).not.toContain('contactEmail');
    const list = await findEntries(database.db, { actor: null, locale: 'en' });
    expect(JSON.stringify(list)).not.toContain('secret@example.org');
  });
});

describe('demo content', () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await demoStocktaking(demo.db);
  });
  afterAll(async () => demo.drop());

  it('publishes a dozen demo entries in all six languages, searchable in each', async () => {
    const all = await findEntries(demo.db, { actor: null, locale: 'en', pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(12);
    expect(all.items.every((i) => i.isDemo && i.state === 'published')).toBe(true);
    expect(new Set(all.items.map((i) => i.originalLanguage))).toEqual(new Set(['ar', 'en', 'es', 'fr', 'ru', 'zh']));
    expect(all.items.map((i) => i.id)).toContain(1); // e2e/support/pages.ts opens /stocktaking/1
    const queries: [Locale, string, string][] = [
      ['ar', 'الصحة', 'E-health platform for remote areas'],
      ['ru', 'кибербезопасности', 'Кибербезопасность для малого бизнеса'],
      ['es', 'mujer rural', 'Alfabetización digital para mujeres rurales'],
      ['fr', 'radios communautaires', 'Radio communautaire et information locale'],
      ['zh', '电子商务', '农村电子商务培训计划'],
      ['en', 'farm products', 'Rural e-commerce training programme'],
    ];
    for (const [locale, q, title] of queries) {
      const found = await findEntries(demo.db, { actor: null, locale, q });
      if (title) expect(found.items.map((i) => Object.values(i.title))).toContainEqual(expect.arrayContaining([title]));
    }
  });

  it('segments a Chinese query and marks the words in a Chinese title', async () => {
    const found = await findEntries(demo.db, { actor: null, locale: 'zh', q: '农村电子商务' });
    const hit = found.items.find((i) => i.title.zh === '农村电子商务培训计划');
    expect(hit?.highlight).toContain('\u0001电子商务\u0002');
    expect(hit?.highlight?.split('\u0001').join('').split('\u0002').join('')).toBe('农村电子商务培训计划');
  });
});
