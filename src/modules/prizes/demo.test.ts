import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../app.js';
import { initializeIfEmpty } from '../../core/cli/startup.js';
import { createTestKit, type TestKit } from '../../test/app.js';

let kit: TestKit;
const year = new Date().getUTCFullYear();
beforeAll(async () => {
  kit = await createTestKit();
  await initializeIfEmpty(kit.database, MODULES, { demo: true });
});
afterAll(async () => kit.close());

describe('the demonstration content of a first start', () => {
  it('opens this year’s vote with nominees, and shows last year’s winners, stories and badges', async () => {
    const vote = await kit.client().get(`/en/prizes/${year}/vote`);
    expect(vote.statusCode).toBe(200);
    expect((vote.body.match(/class="nominee/g) ?? []).length).toBeGreaterThan(3);
    const stories = await kit.client().get(`/en/prizes/${year - 1}/stories`);
    expect(stories.statusCode).toBe(200);
    expect(stories.body).toContain('Rural broadband connectivity for schools');
    const results = await kit.client().get(`/api/v1/prizes/editions/${year - 1}/results`);
    expect(results.json().announced).toBe(true);
    const search = await kit.client().get('/en/stocktaking');
    expect(search.body).toContain(`WSIS Prizes winner ${year - 1}`);
    expect(search.body).toContain(`WSIS Prizes champion ${year - 1}`);
  });

  it('describes its demonstration editions in the reader’s language', async () => {
    const ar = await kit.client().get(`/ar/prizes/${year}`);
    expect(ar.body).toContain('<strong>تجريبية</strong>');
    expect(ar.body).not.toContain('demonstration');
    const zh = await kit.client().get(`/zh/prizes/${year - 1}`);
    expect(zh.body).toContain('<strong>演示</strong>');
  });
});

describe('the demonstration edition of last year', () => {
  it('has the votes that made its winners: each category’s winner has the most valid votes, as its stories say', async () => {
    const results = await kit.client().get(`/en/prizes/${year - 1}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain(`href="/en/prizes/${year - 1}/integrity"`);
    expect(results.body).not.toMatch(/Votes cast: 0\./);
    const tables = results.body.split('<table>').slice(1);
    const withNominees = tables.filter((table) => table.includes('<th scope="row">'));
    expect(withNominees.length).toBeGreaterThan(0);
    const stories = (await kit.client().get(`/en/prizes/${year - 1}/stories`)).body;
    for (const table of withNominees) {
      const rows = [...table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '');
      const valid = rows.map((row) => Number(/<td class="numeric">(\d+)<\/td>/.exec(row)?.[1]));
      expect(valid[0]).toBeGreaterThan(0);
      expect(valid).toEqual([...valid].sort((a, b) => b - a));
      expect(rows[0]).toContain('<strong>Winner</strong>');
      const winner = /<bdi[^>]*>([^<]+)<\/bdi>/.exec(rows[0] ?? '')?.[1] ?? '';
      expect(stories).toContain(winner);
    }
  });

  it('links the statistics from the home, search and data pages, and the integrity report from the vote page', async () => {
    for (const url of ['/en', '/en/stocktaking', '/en/stocktaking/data']) {
      expect((await kit.client().get(url)).body, url).toContain('href="/en/stocktaking/statistics"');
    }
    expect((await kit.client().get(`/en/prizes/${year}/vote`)).body).toContain(`href="/en/prizes/${year}/integrity"`);
  });
});
