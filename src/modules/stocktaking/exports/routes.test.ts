import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { insertPublishedEntry } from '../test-helpers.js';
import { COLUMN_NAMES } from './columns.js';
import { READ_AS_TEXT } from './views/DataPage.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
  await insertPublishedEntry(kit.database.db, { title: { en: 'Broadband for rural schools' }, actionLines: ['C2'] });
});
afterAll(async () => kit.close());

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

describe('GET /:locale/stocktaking/data', () => {
  it.each(LOCALES)('describes the licence and every column in %s', async (locale) => {
    const res = await kit.client().get(`/${locale}/stocktaking/data`);
    expect(res.statusCode).toBe(200);
    const t = translator(locale);
    expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(res.body).toContain(t('stocktaking.exports.licence_title'));
    expect(res.body).toContain('https://creativecommons.org/licenses/by/4.0/');
    expect(res.body).toContain(`<caption>${t('stocktaking.exports.columns_caption')}</caption>`);
    for (const column of ['original_language', 'action_lines', 'published_at', 'website', 'sdg_targets']) expect(res.body).toContain(`>${column}<`);
    expect(COLUMN_NAMES.length).toBeGreaterThan(40);
    expect(hrefs(res.body)).toContain(`/api/v1/entries.csv?lang=${locale}`);
    expect(res.body).toContain('id="action-lines"');
  });

  it.each(LOCALES)('tells analysts in %s how to read the CSV without losing NA or 8.10, and offers the Excel file', async (locale) => {
    const res = await kit.client().get(`/${locale}/stocktaking/data?actionLine=C2`);
    const t = translator(locale);
    const text = (html: string) =>
      html
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&#x27;/g, "'");
    const page = text(res.body);
    expect(res.body).toContain(`<h2 id="reading">${t('stocktaking.exports.reading_title')}</h2>`);
    for (const key of ['reading_lead', 'reading_excel', 'reading_python', 'reading_r', 'reading_xlsx']) expect(page).toContain(text(t(`stocktaking.exports.${key}`)));
    // Namibia's code and the target are named in every language, as written in the file.
    expect(t('stocktaking.exports.reading_lead')).toMatch(/\bNA\b[\s\S]*8\.10/);
    // The code to copy is the same in every language, left to right inside a right-to-left page.
    expect(page).toContain(READ_AS_TEXT.python);
    expect(page).toContain(READ_AS_TEXT.r);
    expect(res.body).toMatch(/<code dir="ltr">pandas\.read_csv/);
    // The Excel file of the same search is offered right there.
    const reading = res.body.slice(res.body.indexOf('id="reading"'), res.body.indexOf('id="reading"') + 4000);
    expect(hrefs(reading)).toContain(`/api/v1/entries.xlsx?actionLine=C2&lang=${locale}`);
  });

  it('keeps the current search in every download link, and leads back to it', async () => {
    const res = await kit.client().get('/fr/stocktaking/data?q=broadband&actionLine=C2&sdg=4&sort=title&page=3&pageSize=50&bogus=1');
    const links = hrefs(res.body);
    for (const path of ['/api/v1/entries.csv', '/api/v1/entries.xlsx', '/api/v1/entries.jsonl', '/api/v1/entries.iati.xml', '/api/v1/entries.atom']) {
      expect(links).toContain(`${path}?q=broadband&sort=title&actionLine=C2&sdg=4&lang=fr`);
    }
    expect(links).toContain('/fr/stocktaking?q=broadband&sort=title&actionLine=C2&sdg=4');
    expect(res.body).toContain(translator('fr')('stocktaking.exports.downloads_filtered'));
  });

  it('is linked from the search page with the current filter, and the link works', async () => {
    const search = await kit.client().get('/es/stocktaking?actionLine=C2&page=1');
    const link = hrefs(search.body).find((h) => h.startsWith('/es/stocktaking/data'));
    expect(link).toBe('/es/stocktaking/data?actionLine=C2');
    expect(search.body).toContain(translator('es')('stocktaking.exports.download_results'));
    const csv = await kit.app.inject({ url: `/api/v1/entries.csv?${link?.split('?')[1]}&lang=es` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Broadband for rural schools');
  });
});
