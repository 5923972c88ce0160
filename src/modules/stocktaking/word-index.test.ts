import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../core/i18n/locales.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { prepareSearchText, SEARCH_CONFIGS } from './search.js';
import { entries } from './tables.js';
import { insertPublishedEntry } from './test-helpers.js';
import { evaluateQuery, parseTsQuery, readWordIndex, type WordIndex } from './word-index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const texts: { title: Partial<Record<Locale, string>>; summary: Partial<Record<Locale, string>> }[] = [
    { title: { en: 'Digital skills for rural women' }, summary: { en: 'Training in connectivity and online services.' } },
    { title: { en: 'Broadband connectivity in Africa' }, summary: { en: 'Digital infrastructure for schools and rural clinics.' } },
    { title: { fr: 'Compétences numériques des jeunes' }, summary: { fr: 'Formation au numérique dans les écoles rurales.' } },
    { title: { es: 'Conectividad rural digital' }, summary: { es: 'Infraestructura para escuelas.' } },
    { title: { ru: 'Цифровые навыки для женщин' }, summary: { ru: 'Обучение в сельских районах.' } },
    { title: { ar: 'المهارات الرقمية للشباب' }, summary: { ar: 'تدريب في المدارس الريفية.' } },
    { title: { zh: '数字技能培训' }, summary: { zh: '农村妇女的数字技能与宽带连接。' } },
    { title: { en: "O'Brien's e-government portal" }, summary: { en: 'Online services for citizens.' } },
    { title: { en: 'Open data for schools' }, summary: { en: 'Nothing digital here but the title.' } },
    { title: { en: 'Cybersecurity awareness', fr: 'Sensibilisation à la cybersécurité' }, summary: { en: 'Schools and women online.' } },
  ];
  for (const t of texts) await insertPublishedEntry(db, t);
});
afterAll(async () => database.drop());

const tsQueryText = async (locale: Locale, q: string) => {
  const text = prepareSearchText(q);
  const { rows } = await database.db.execute<{ q: string }>(
    sql`select (websearch_to_tsquery(${SEARCH_CONFIGS[locale]}::regconfig, ${text}) || websearch_to_tsquery('simple', ${text}))::text as q`,
  );
  return { text: rows[0]?.q ?? '', sqlQuery: sql`(websearch_to_tsquery(${SEARCH_CONFIGS[locale]}::regconfig, ${text}) || websearch_to_tsquery('simple', ${text}))` };
};

/** What PostgreSQL's @@ answers for every entry: the search-vector matches and, among them, the title matches. */
const databaseMatches = async (locale: Locale, q: string) => {
  const { sqlQuery } = await tsQueryText(locale, q);
  const { rows } = await database.db.execute<{ id: string | number; t: boolean }>(
    sql`select entry_id as id, title_vector @@ ${sqlQuery} as t from stocktaking_search where search_vector @@ ${sqlQuery} order by entry_id`,
  );
  return { title: rows.filter((r) => r.t).map((r) => Number(r.id)), other: rows.filter((r) => !r.t).map((r) => Number(r.id)) };
};

const memoryMatches = (index: WordIndex, text: string) => {
  const tree = parseTsQuery(text);
  if (!tree) throw new Error(`not evaluated in memory: ${text}`);
  const { title, other } = evaluateQuery(index, tree);
  return { title: Array.from(title), other: Array.from(other) };
};

describe('word index', () => {
  it('finds exactly what PostgreSQL finds, for words, alternatives, exclusions and every language', async () => {
    const index = await readWordIndex(database.db);
    const searches: [Locale, string][] = [
      ['en', 'digital'],
      ['en', 'digital rural'],
      ['en', 'digital or cybersecurity'],
      ['en', 'schools -digital'],
      ['en', '-digital'],
      ['en', 'women -rural or broadband'],
      ['fr', 'numérique'],
      ['fr', 'cybersécurité'],
      ['es', 'escuelas'],
      ['ru', 'навыки'],
      ['ar', 'الرقمية'],
      ['zh', '数字技能'],
      ['en', 'nowhere'],
    ];
    let found = 0;
    for (const [locale, q] of searches) {
      const { text } = await tsQueryText(locale, q);
      const expected = await databaseMatches(locale, q);
      expect(memoryMatches(index, text), `${locale}: ${q} (${text})`).toEqual(expected);
      found += expected.title.length + expected.other.length;
    }
    // The comparison is not between two empty answers.
    expect(found).toBeGreaterThan(30);
  });

  it('reads the same posting lists a few entries a statement as in one', async () => {
    const lists = (index: WordIndex) =>
      Object.fromEntries(
        [...index.slots].map(([lexeme, slot]) => [
          lexeme,
          [index.all, index.title].map((p) => (slot + 1 < p.offsets.length ? Array.from(p.ids.subarray(p.offsets[slot], p.offsets[slot + 1])) : [])),
        ]),
      );
    const whole = await readWordIndex(database.db);
    expect(Object.keys(lists(whole)).length).toBeGreaterThan(20);
    for (const span of [1, 3, 7]) {
      const spans = await readWordIndex(database.db, undefined, { span });
      expect(lists(spans)).toEqual(lists(whole));
      expect(Array.from(spans.universe)).toEqual(Array.from(whole.universe));
      expect(memoryMatches(spans, (await tsQueryText('en', 'digital or schools')).text)).toEqual(await databaseMatches('en', 'digital or schools'));
    }
  });

  it('parses what PostgreSQL prints, and leaves phrases, prefixes and weights to PostgreSQL', async () => {
    expect(parseTsQuery("'digit' & !'africa' | 'o''brien' & 'c\\\\d'")).toEqual({
      op: 'or',
      left: { op: 'and', left: { op: 'word', lexeme: 'digit' }, right: { op: 'not', arg: { op: 'word', lexeme: 'africa' } } },
      right: { op: 'and', left: { op: 'word', lexeme: "o'brien" }, right: { op: 'word', lexeme: 'c\\d' } },
    });
    expect(parseTsQuery('')).toBeNull();
    expect(parseTsQuery("'digit' <-> 'divid'")).toBeUndefined();
    expect(parseTsQuery("'digit':*")).toBeUndefined();
    expect(parseTsQuery("'digit':AB & 'x'")).toBeUndefined();
    // What websearch_to_tsquery makes of a quoted phrase and of a hyphenated word.
    expect(parseTsQuery((await tsQueryText('en', '"digital skills"')).text)).toBeUndefined();
    expect(parseTsQuery((await tsQueryText('en', 'e-government')).text)).toBeUndefined();
  });

  it('catches up by merging the entries the change log names, and ends equal to a full read', async () => {
    const { db } = database;
    const before = await readWordIndex(db);
    const [first] = await db.select({ id: entries.id }).from(entries).orderBy(entries.id).limit(1);
    const changedId = first?.id as number;
    const added = await insertPublishedEntry(db, { title: { en: 'Lemurs online' }, summary: { en: 'A digital census of lemurs.' } });
    // The first entry gets a new title and summary (its search columns recomputed as the commands do).
    await db.execute(
      sql`update stocktaking_entries set search_vector = to_tsvector('english', 'Satellite lemurs'), title_vector = to_tsvector('english', 'Satellite lemurs') where id = ${changedId}`,
    );
    const [last] = await db.select({ id: entries.id }).from(entries).orderBy(sql`${entries.id} desc`).limit(2);
    expect(last?.id).toBe(added.id);
    await db.delete(entries).where(eq(entries.id, (await insertPublishedEntry(db, { title: { en: 'Lemurs deleted' } })).id));

    const merged = await readWordIndex(db, before);
    const full = await readWordIndex(db);
    expect(merged.built).toBe('merged');
    expect(merged.version).toBe(full.version);
    for (const q of ["'lemur'", "'digit'", "'satellit' | 'broadband'", "!'lemur'", "'rural' & !'women'"]) {
      expect(memoryMatches(merged, q), q).toEqual(memoryMatches(full, q));
    }
    expect(memoryMatches(merged, "'lemur'")).toEqual({ title: [changedId, added.id], other: [] });
    expect(memoryMatches(merged, "'digit'").title).not.toContain(changedId);
    expect(Array.from(merged.universe)).toEqual(Array.from(full.universe));
  });

  it('keeps ids in 32 bits while they fit, and every id exactly beyond (an identity restarted past 4,294,967,295)', async () => {
    const { db } = database;
    const small = await readWordIndex(db);
    expect(small.all.ids).toBeInstanceOf(Uint32Array);
    await db.execute(sql`alter table stocktaking_entries alter column id restart with 4294967301`);
    const big = await insertPublishedEntry(db, { title: { en: 'Pangolins online' }, summary: { en: 'A digital census of pangolins.' } });
    expect(big.id).toBe(4_294_967_301);
    const merged = await readWordIndex(db, small);
    const full = await readWordIndex(db);
    for (const index of [merged, full]) {
      expect(memoryMatches(index, "'pangolin'")).toEqual({ title: [big.id], other: [] });
      expect(memoryMatches(index, "'digit' & 'pangolin'").other).toEqual([big.id]);
      expect(memoryMatches(index, "!'pangolin'").title).not.toContain(big.id);
      expect(Array.from(index.universe).at(-1)).toBe(big.id);
    }
    expect(full.all.ids).toBeInstanceOf(Float64Array);
  });
});
