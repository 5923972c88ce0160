import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { getAvailableToAllocate } from '../queries.js';
import { insertTask } from './test-helpers.js';

let kit: TestKit;
let treasurer: TestClient;
let admin: TestClient;
let reader: TestClient;
let task: number;

const entryCount = async () => Number((await kit.database.db.execute<{ n: number }>(sql`select count(*)::int as n from trust_fund_entries`)).rows[0]?.n ?? 0);

beforeAll(async () => {
  kit = await createTestKit();
  const db = kit.database.db;
  treasurer = await kit.as(await buildUser(db, { email: 'treasurer@example.org', roles: ['treasurer'] }));
  admin = await kit.as(await buildUser(db, { email: 'admin@example.org', roles: ['admin'] }));
  reader = await kit.as(await buildUser(db, { email: 'reader@example.org' }));
  task = await insertTask(db, 'C4');
}, 180_000);
afterAll(async () => kit.close());

describe('the treasurer’s pages', () => {
  it('are for the treasurer and administrators only, in six languages', async () => {
    expect((await reader.get('/en/admin/trust-fund')).statusCode).toBe(403);
    expect((await kit.client().get('/en/admin/trust-fund/receipts/new')).statusCode).toBeGreaterThanOrEqual(300);
    for (const locale of LOCALES) {
      for (const path of ['', '/donors', '/pledges', '/rates', '/receipts/new', '/allocations/new', '/expenditures/new', '/reversals/new']) {
        expect((await treasurer.get(`/${locale}/admin/trust-fund${path}`)).statusCode, `${locale} ${path}`).toBe(200);
      }
    }
    expect((await treasurer.get('/ar/admin/trust-fund')).body).toContain('dir="rtl"');
  });

  it('adds a donor, imports rates, and posts a JPY receipt with psc shown in the ledger', async () => {
    expect((await treasurer.submit('/en/admin/trust-fund/donors', { kind: 'member-state', countryCode: 'JP' })).statusCode).toBe(303);
    const donorId = Number((await kit.database.db.execute<{ id: number }>(sql`select id::int from trust_fund_donors where country_code = 'JP'`)).rows[0]?.id);
    await treasurer.get('/en/admin/trust-fund/rates');
    const bad = await treasurer.postMultipart(
      '/fr/admin/trust-fund/rates/import',
      {},
      { file: { name: 'rates.csv', type: 'text/csv', data: Buffer.from('JPY,2026-03,0.0059\nJPY,2026-3x,1\n') } },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ligne 2');
    expect(bad.body).toContain('aucun taux n’a été importé'.replace('’', "'"));
    const good = await treasurer.postMultipart(
      '/en/admin/trust-fund/rates/import',
      {},
      { file: { name: 'rates.csv', type: 'text/csv', data: Buffer.from('currency,month,rate\nJPY,2026-03,0.0059\n') } },
    );
    expect(good.statusCode).toBe(303);

    // Wrong precision for JPY: the form again, values kept, the error beside the field.
    const form = { donorId: String(donorId), currency: 'JPY', amount: '1,250.5', valueDate: '2026-03-10', pscPercent: '7', description: 'Contribution 2026' };
    const before = await entryCount();
    const refused = await treasurer.submit('/es/admin/trust-fund/receipts/new', form);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Esta moneda no tiene tantos decimales.');
    expect(refused.body).toContain('value="1,250.5"');
    for (const [amount, message] of [
      ['0', 'Enter an amount greater than zero.'],
      ['-5', 'Enter an amount greater than zero.'],
    ] as const) {
      const page = await treasurer.submit('/en/admin/trust-fund/receipts/new', { ...form, amount });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain(message);
    }
    const noRate = await treasurer.submit('/en/admin/trust-fund/receipts/new', { ...form, amount: '1250', valueDate: '2026-05-10' });
    expect(noRate.statusCode).toBe(400);
    expect(noRate.body).toContain('No exchange rate has been recorded for JPY in 2026-05.');
    expect(await entryCount()).toBe(before);

    expect((await treasurer.submit('/en/admin/trust-fund/receipts/new', { ...form, amount: '1,000,000' })).statusCode).toBe(303);
    const ledger = await treasurer.get('/en/admin/trust-fund');
    expect(ledger.body).toContain('CHF\u00a05,900.00');
    expect(ledger.body).toContain('Programme support costs');
  });

  it('refuses an allocation beyond the funds, lets an administrator override it with a reason, and refuses a second reversal', async () => {
    const available = await getAvailableToAllocate(kit.database.db);
    const over = { taskId: String(task), amount: '999999', valueDate: '2026-03-20', description: 'Workshop' };
    const refused = await treasurer.submit('/en/admin/trust-fund/allocations/new', over);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('This allocation exceeds the funds available to allocate');
    expect((await treasurer.submit('/en/admin/trust-fund/allocations/new', { ...over, overrideReason: 'Council' })).body).toContain('Only an administrator may allocate');
    expect((await admin.submit('/en/admin/trust-fund/allocations/new', over)).statusCode).toBe(400);
    expect((await admin.submit('/en/admin/trust-fund/allocations/new', { ...over, overrideReason: 'Council decision 2026' })).statusCode).toBe(303);
    expect(await getAvailableToAllocate(kit.database.db)).toBe(available - 99_999_900n);
    const id = Number((await kit.database.db.execute<{ id: number }>(sql`select max(id)::int as id from trust_fund_entries where kind = 'allocation'`)).rows[0]?.id);
    expect((await treasurer.submit('/en/admin/trust-fund/reversals/new', { entryId: String(id), reason: 'Wrong amount', valueDate: '2026-03-21' })).statusCode).toBe(303);
    const again = await treasurer.submit('/ru/admin/trust-fund/reversals/new', { entryId: String(id), reason: 'Again', valueDate: '2026-03-21' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Эта проводка уже сторнирована.');
  });
});

describe('GET /api/v1/trust-fund/ledger', () => {
  it('gives entries with their lines, amounts as decimal strings, filtered and paginated; bad filters are a problem', async () => {
    const res = await kit.client().get('/api/v1/trust-fund/ledger?kind=receipt');
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as {
      items: { kind: string; original: { amount: string; currency: string } | null; lines: { amount: string; currency: string }[] }[];
      total: number;
    };
    expect(body.total).toBe(1);
    expect(body.items[0]?.original).toMatchObject({ amount: '1000000', currency: 'JPY' });
    expect(body.items[0]?.lines.map((l) => l.amount).sort()).toEqual(['-5900.00', '5900.00']);
    const bad = await kit.client().get('/api/v1/trust-fund/ledger?from=2026-13-01&page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const openapi = JSON.parse((await kit.client().get('/api/v1/openapi.json')).body) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/v1/trust-fund/ledger');
  });
});
