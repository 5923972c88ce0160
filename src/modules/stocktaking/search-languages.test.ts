/**
 * The table of search-languages.cases.ts: every query finds its entries whatever the page's
 * language, through findEntries and through GET /api/v1/entries; and the search page does the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';
import { findEntries } from './queries.js';
import { type CorpusKey, SEARCH_CASES, SEARCH_CORPUS } from './search-languages.cases.js';
import { insertPublishedEntry } from './test-helpers.js';

let kit: TestKit;
const ids = new Map<CorpusKey, number>();
const keyOf = (id: number) => [...ids].find(([, v]) => v === id)?.[0] ?? `#${id}`;

beforeAll(async () => {
  kit = await createTestKit();
  const start = Date.UTC(2025, 0, 1);
  let i = 0;
  for (const [key, entry] of Object.entries(SEARCH_CORPUS)) {
    const { id } = await insertPublishedEntry(kit.database.db, { ...entry, countries: [entry.leadCountry], publishedAt: new Date(start + i++ * 60_000) });
    ids.set(key as CorpusKey, id);
  }
});
afterAll(async () => kit.close());

describe('search across languages (table of queries × page languages)', () => {
  it.each(SEARCH_CASES.map((c) => [`${c.q} (${c.lang ?? 'no lang'}): ${c.why}`, c] as const))('%s', async (_, c) => {
    const found = await findEntries(kit.database.db, { actor: null, locale: c.lang ?? 'en', q: c.q, pageSize: 100 });
    const keys = found.items.map((item) => keyOf(item.id));
    expect([...keys].sort()).toEqual([...c.finds].sort());
    if (c.first) expect(keys[0]).toBe(c.first);

    const query = new URLSearchParams({ q: c.q, ...(c.lang ? { lang: c.lang } : {}) });
    const res = await kit.app.inject({ url: `/api/v1/entries?${query}` });
    expect(res.statusCode).toBe(200);
    const apiKeys = (res.json() as { items: { id: number }[] }).items.map((item) => keyOf(item.id));
    expect(apiKeys).toEqual(keys);
  });
});

describe('the search page', () => {
  it('finds French text for a French query on the English page, and Arabic text on the French page', async () => {
    const fr = await kit.app.inject({ url: `/en/stocktaking?${new URLSearchParams({ q: 'numérique' })}` });
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('Services');
    expect(fr.body).toContain('pour les écoles');
    const ar = await kit.app.inject({ url: `/fr/stocktaking?${new URLSearchParams({ q: 'الريفية' })}` });
    expect(ar.body).toContain('الرقمية');
  });

  it('marks the Arabic word found, in whatever spelling it was typed', async () => {
    const res = await kit.app.inject({ url: `/ar/stocktaking?${new URLSearchParams({ q: 'صحه' })}` });
    expect(res.body).toContain('<mark>الصحة</mark>');
  });

  it('does not send "newest" with typed words unless the reader chose it: relevance is the default choice', async () => {
    const res = await kit.app.inject({ url: '/en/stocktaking' });
    expect(res.body).toMatch(/<option value="relevance" selected(="")?>/);
    expect(res.body).not.toMatch(/<option value="newest" selected/);
  });
});
