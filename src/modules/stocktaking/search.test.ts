import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { analyzeArabic, searchDocument, segmentChinese, stemArabic, titleText } from './search.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => database.drop());

const matches = async (doc: ReturnType<typeof searchDocument>, config: string, query: string) => {
  const result = await database.db.execute(sql`select (${doc}) @@ to_tsquery(${config}::regconfig, ${query}) as hit`);
  return (result.rows[0] as { hit: boolean }).hit;
};

describe('search document', () => {
  it('stems French: a plural title matches the singular query', async () => {
    const doc = searchDocument({ title: { fr: 'Services numériques pour les écoles rurales' }, summary: {} });
    expect(await matches(doc, 'french', 'numérique')).toBe(true);
    expect(await matches(doc, 'french', 'hôpital')).toBe(false);
  });

  it('segments Chinese so that one word of a title is found', async () => {
    const doc = searchDocument({ title: { zh: '农村地区的数字教育平台' }, summary: { en: 'A platform' } });
    const query = segmentChinese('数字教育').split(' ').join(' & ');
    expect(query).toContain('&');
    expect(await matches(doc, 'simple', query)).toBe(true);
    expect(await matches(doc, 'simple', segmentChinese('医院'))).toBe(false);
  });

  it('weights titles A and summaries B, and gives an empty vector to an entry without text', async () => {
    const result = await database.db.execute(
      sql`select (${searchDocument({ title: { en: 'Broadband' }, summary: { en: 'Fibre' } })})::text as v, (${searchDocument({ title: {}, summary: {} })})::text as empty`,
    );
    const row = result.rows[0] as { v: string; empty: string };
    expect(row.v).toContain("'broadband':1A");
    expect(row.v).toContain("'fibr':2B");
    expect(row.empty).toBe('');
  });

  it('joins every title for the typo-tolerant fallback', () => {
    expect(titleText({ title: { zh: '宽带', en: ' Broadband ', fr: '' } })).toBe('Broadband 宽带');
  });
});

describe('Arabic search forms', () => {
  it('gives the spelling variants, articles and attached prepositions of a word one form', () => {
    const form = (word: string) => stemArabic(word);
    expect(form('صحه')).toBe(form('الصحة'));
    expect(form('الصِّحَّة')).toBe(form('صحة'));
    expect(form('الريفية')).toBe(form('ريفية'));
    expect(form('للفتيات')).toBe(form('فتيات'));
    expect(form('والفتيات')).toBe(form('بالفتيات'));
    expect(form('أمل')).toBe(form('امل'));
    expect(form('إحسان')).toBe(form('آحسان'));
    expect(form('مستشفى')).toBe(form('مستشفي'));
    expect(form('الحـاسـوب')).toBe(form('حاسوب'));
    expect(form('في')).toBe('');
    expect(analyzeArabic('Internet للفتيات')).toBe(`Internet ${form('فتيات')}`);
  });
});
