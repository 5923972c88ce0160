/**
 * Demonstration content of the Trust Fund on a first start, made through the commands in the
 * name of the first administrator: four donors named "Demonstration donor" in the six languages
 * (organizations, so that no real Member State appears to give), rates for the first quarter of
 * 2026, a pledge, receipts in CHF (with 7 % programme support costs), USD, JPY and KWD, and, when
 * the roadmaps have tasks, two allocations and an expenditure. Every entry's description starts
 * with "Demonstration".
 */
import { asc } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findTaskIds } from '../../roadmaps/queries.js';
import { postAllocation } from './commands/post-allocation.js';
import { postExpenditure } from './commands/post-expenditure.js';
import { postReceipt } from './commands/post-receipt.js';
import { recordPledge } from './commands/record-pledge.js';
import { createDonor } from './commands/save-donor.js';
import { setRate } from './commands/set-rates.js';

const donorName = (letter: string): Localized => ({
  en: `Demonstration donor ${letter}`,
  fr: `Donateur de démonstration ${letter}`,
  es: `Donante de demostración ${letter}`,
  ru: `Демонстрационный донор ${letter}`,
  zh: `演示捐助方 ${letter}`,
  ar: `جهة مانحة تجريبية ${letter}`,
});

const must = <T extends { ok: boolean }>(what: string, result: T): T & { ok: true } => {
  if (!result.ok) throw new Error(`trust-fund demo: ${what} refused: ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  return result as T & { ok: true };
};

export const demoLedger = async (db: Db) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  if (!admin) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' } as Actor;
  const donors: number[] = [];
  for (const [letter, kind] of [
    ['A', 'organization'],
    ['B', 'sector-member'],
    ['C', 'organization'],
    ['D', 'sector-member'],
  ] as const) {
    donors.push(must('donor', await createDonor(db, { actor, input: { kind, countryCode: null, organizationId: null, name: donorName(letter) } })).id);
  }
  for (const month of ['2026-01-01', '2026-02-01', '2026-03-01']) {
    for (const [currency, chfPerUnit] of [
      ['USD', '0.887'],
      ['JPY', '0.00571'],
      ['KWD', '2.874'],
    ] as const) {
      await setRate(db, { actor, rate: { currency, month, chfPerUnit } });
    }
  }
  const [a, b, c, d] = donors as [number, number, number, number];
  const pledge = must(
    'pledge',
    await recordPledge(db, {
      actor,
      input: { donorId: a, currency: 'CHF', amountMinor: 50_000_000n, pledgedOn: '2025-12-01', purpose: { en: 'Demonstration pledge for 2026' }, actionLine: 'C7' },
    }),
  ).id;
  const receipt = (donorId: number, currency: string, amountMinor: bigint, valueDate: string, pscPercent: string | null, pledgeId: number | null = null) =>
    postReceipt(db, { actor, input: { donorId, pledgeId, currency, amountMinor, valueDate, description: `Demonstration receipt in ${currency}`, pscPercent } });
  must('CHF receipt', await receipt(a, 'CHF', 25_000_000n, '2026-01-15', '7', pledge));
  must('USD receipt', await receipt(b, 'USD', 10_000_000n, '2026-02-03', '7'));
  must('JPY receipt', await receipt(c, 'JPY', 5_000_000n, '2026-02-20', null));
  must('KWD receipt', await receipt(d, 'KWD', 10_000_000n, '2026-03-09', '7'));
  const tasks = await findTaskIds(db, { limit: 2 });
  for (const [i, taskId] of tasks.entries()) {
    const allocation = must(
      'allocation',
      await postAllocation(db, {
        actor,
        input: { taskId, amountChf: i === 0 ? 8_000_000n : 5_000_000n, valueDate: '2026-03-16', description: 'Demonstration allocation', overrideReason: null },
      }),
    );
    if (i === 0)
      must(
        'expenditure',
        await postExpenditure(db, { actor, input: { allocationId: allocation.id, amountChf: 2_450_000n, valueDate: '2026-03-30', description: 'Demonstration expenditure' } }),
      );
  }
};
