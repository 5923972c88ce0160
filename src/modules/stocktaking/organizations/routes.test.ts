import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../accounts/tables.js';
import { createTestKit, type TestKit } from '../../../test/app.js';
import { insertPublishedEntry } from '../test-helpers.js';

let kit: TestKit;
let organizationId: number;
beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const [org] = await db.insert(organizations).values({ name: 'Agence sénégalaise du numérique', acronym: 'ASN', stakeholderType: 'government', country: 'SN' }).returning();
  organizationId = org?.id ?? 0;
  await insertPublishedEntry(db, { organizationId, title: { fr: 'Villages connectés' }, originalLanguage: 'fr', actionLines: ['C2', 'C3'] });
  await insertPublishedEntry(db, { organizationId, title: { en: 'Digital ID for all' }, actionLines: ['C2'] });
  await insertPublishedEntry(db, { organizationId, state: 'draft', title: { en: 'Secret draft' } });
  await insertPublishedEntry(db, { title: { en: 'Someone else’s project' } });
});
afterAll(async () => kit.close());

describe('an organization’s page in the Stocktaking database', () => {
  it('lists its published activities only, with counts per action line, linked from each entry', async () => {
    const res = await kit.client().get(`/en/stocktaking/organizations/${organizationId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1><bdi>Agence sénégalaise du numérique (ASN)</bdi></h1>');
    expect(res.body).toContain('2 published activities in the WSIS Stocktaking database.');
    expect(res.body).toContain('Villages connectés');
    expect(res.body).toContain('Digital ID for all');
    expect(res.body).not.toContain('Secret draft');
    expect(res.body).not.toContain('Someone else');
    expect(res.body).toMatch(/C2 [^<]*\(2\)/);
    const entry = await kit.client().get(res.body.match(/href="(\/en\/stocktaking\/\d+)"/)?.[1] ?? '');
    expect(entry.body).toContain(`href="/en/stocktaking/organizations/${organizationId}"><bdi>Agence sénégalaise du numérique (ASN)</bdi></a>`);
  });

  it('answers 404 for an unknown or malformed organization, and reads in Arabic right to left', async () => {
    expect((await kit.client().get('/en/stocktaking/organizations/999999')).statusCode).toBe(404);
    expect((await kit.client().get('/en/stocktaking/organizations/abc')).statusCode).toBe(404);
    const ar = await kit.client().get(`/ar/stocktaking/organizations/${organizationId}`);
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.body).toContain('نشاطان منشوران');
  });
});
