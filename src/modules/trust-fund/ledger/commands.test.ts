import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { findAllocationsByTask, findBalances, findContributionsByDonorAndYear, getAvailableToAllocate } from '../queries.js';
import { journalEntries, ledgerLines } from '../tables.js';
import { postAllocation } from './commands/post-allocation.js';
import { postExpenditure } from './commands/post-expenditure.js';
import { postReceipt, type ReceiptInput } from './commands/post-receipt.js';
import { postReversal } from './commands/post-reversal.js';
import { createDonor } from './commands/save-donor.js';
import { importRates } from './commands/set-rates.js';
import { buildActor, insertTask, ok, setUpLedger } from './test-helpers.js';

let database: TestDatabase;
let treasurer: Actor;
let admin: Actor;
let donor: number;
let task: number;

beforeAll(async () => {
  database = await createTestDatabase();
  treasurer = await buildActor(database.db, ['treasurer']);
  admin = await buildActor(database.db, ['admin']);
  ({ donor } = await setUpLedger(database.db, treasurer));
  task = await insertTask(database.db);
}, 180_000);
afterAll(async () => database.drop());

const receipt = (overrides: Partial<ReceiptInput> = {}): ReceiptInput => ({
  donorId: donor,
  pledgeId: null,
  valueDate: '2026-03-15',
  currency: 'CHF',
  amountMinor: 100_000n,
  description: 'Voluntary contribution',
  pscPercent: null,
  ...overrides,
});

/** The database's message of a refused statement (Drizzle wraps it as the cause of "Failed query"). */
const databaseError = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  return error ? String(error.cause?.message ?? error.message) : 'accepted';
};

const counts = async () => {
  const { rows } = await database.db.execute<{ entries: number; lines: number }>(
    sql`select (select count(*)::int from trust_fund_entries) as entries, (select count(*)::int from trust_fund_lines) as lines`,
  );
  return rows[0];
};

describe('receipts', () => {
  it('converts USD, JPY and KWD at the rate of the value date’s month, half to even, with programme support costs as their own entry', async () => {
    const before = await getAvailableToAllocate(database.db);
    // 1,000.00 USD × 0.885 = 885.00 CHF, psc 7 % = 61.95 CHF.
    const usd = ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'USD', amountMinor: 100_000n, pscPercent: '7' }) }));
    expect(usd.amountChf).toBe(88_500n);
    expect(usd.pscChf).toBe(6_195n);
    // 1,000,000 JPY × 0.0059 = 5,900.00 CHF.
    expect(ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'JPY', amountMinor: 1_000_000n }) })).amountChf).toBe(590_000n);
    // 1.250 KWD × 2.9 = 3.625 CHF → 3.62 (half to even).
    expect(ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'KWD', amountMinor: 1_250n, valueDate: '2026-04-30' }) })).amountChf).toBe(362n);
    expect(await getAvailableToAllocate(database.db)).toBe(before + 88_500n - 6_195n + 590_000n + 362n);
    const [entry] = await database.db.select().from(journalEntries).where(eq(journalEntries.id, usd.id));
    expect(entry).toMatchObject({ kind: 'receipt', currency: 'USD', amountMinor: 100_000n, chfPerUnit: '0.885000000000' });
    const balances = await findBalances(database.db);
    expect(Object.values(balances).reduce((a, b) => a + b, 0n)).toBe(0n);
    expect(balances.psc).toBe(6_195n);
    const byDonor = await findContributionsByDonorAndYear(database.db, { from: '2026-01-01', to: '2026-12-31' });
    expect(byDonor).toEqual([{ donorId: donor, year: 2026, amountChf: 88_500n + 590_000n + 362n }]);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(usd.id)));
    expect(audit.map((a) => a.action)).toContain('trust-fund.ledger.post');
  });

  it('refuses a month without a rate, an unknown donor and a bad psc rate, writing nothing', async () => {
    const before = await counts();
    expect(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'USD', valueDate: '2026-07-01' }) })).toEqual({
      ok: false,
      error: 'rate_missing',
      field: 'valueDate',
      params: { currency: 'USD', month: '2026-07' },
    });
    expect(await postReceipt(database.db, { actor: treasurer, input: receipt({ donorId: 999_999 }) })).toMatchObject({ ok: false, error: 'donor_unknown' });
    expect(await postReceipt(database.db, { actor: treasurer, input: receipt({ pscPercent: '101' }) })).toMatchObject({ ok: false, error: 'psc_rate' });
    expect(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'USD', amountMinor: 1n, pscPercent: null }) })).toMatchObject({ ok: true });
    expect(await postReceipt(database.db, { actor: treasurer, input: receipt({ currency: 'KWD', amountMinor: 1n }) })).toMatchObject({ ok: false, error: 'too_small' });
    const after = await counts();
    expect(after?.entries).toBe((before?.entries ?? 0) + 1);
  });

  it('keeps a Member State once, named from the country list in six languages', async () => {
    const again = await createDonor(database.db, { actor: treasurer, input: { kind: 'member-state', countryCode: 'ch', organizationId: null, name: {} } });
    expect(again).toMatchObject({ ok: false, error: 'country_taken' });
    expect(await createDonor(database.db, { actor: treasurer, input: { kind: 'member-state', countryCode: 'XX', organizationId: null, name: {} } })).toMatchObject({
      ok: false,
      error: 'country_unknown',
    });
    expect(await createDonor(database.db, { actor: treasurer, input: { kind: 'organization', countryCode: null, organizationId: null, name: {} } })).toMatchObject({
      ok: false,
      error: 'name_required',
    });
    const jp = ok(await createDonor(database.db, { actor: treasurer, input: { kind: 'member-state', countryCode: 'JP', organizationId: null, name: {} } }));
    const { rows } = await database.db.execute<{ name: Record<string, string> }>(sql`select name from trust_fund_donors where id = ${jp.id}`);
    expect(rows[0]?.name).toMatchObject({ en: 'Japan', fr: 'Japon', zh: '日本' });
  });
});

describe('rates imported from a CSV', () => {
  it('refuses the whole file when a line is bad, naming every bad line, and imports a good file', async () => {
    const bad = await importRates(database.db, { actor: treasurer, csv: 'currency,month,rate\nUSD,2026-05,0.88\nEUR,2026-13,0.95\n\nXYZ,2026-05,1\nGBP,2026-05,-1.1\n' });
    expect(bad).toEqual({
      ok: false,
      lines: [
        { line: 3, error: 'date', field: 'month' },
        { line: 5, error: 'currency', field: 'currency' },
        { line: 6, error: 'rate_format', field: 'rate' },
      ],
    });
    const { rows } = await database.db.execute(sql`select 1 from trust_fund_rates where month = '2026-05-01'`);
    expect(rows).toHaveLength(0);
    expect(await importRates(database.db, { actor: treasurer, csv: 'USD,2026-05,0.88\r\nEUR,2026-05,0.951234567891\r\n' })).toEqual({ ok: true, count: 2 });
  });
});

describe('allocations, expenditures and reversals', () => {
  it('refuses an allocation beyond the available funds unless an administrator gives a reason (audited)', async () => {
    const available = await getAvailableToAllocate(database.db);
    const more = available + 1n;
    expect(
      await postAllocation(database.db, { actor: treasurer, input: { taskId: task, amountChf: more, valueDate: '2026-04-02', description: '', overrideReason: null } }),
    ).toEqual({
      ok: false,
      error: 'overdraw',
      field: 'amount',
      params: { available: available.toString() },
    });
    expect(
      await postAllocation(database.db, {
        actor: treasurer,
        input: { taskId: task, amountChf: more, valueDate: '2026-04-02', description: '', overrideReason: 'Council decision' },
      }),
    ).toMatchObject({
      ok: false,
      error: 'override_forbidden',
    });
    expect(
      await postAllocation(database.db, { actor: admin, input: { taskId: task, amountChf: more, valueDate: '2026-04-02', description: '', overrideReason: '  ' } }),
    ).toMatchObject({
      ok: false,
      error: 'override_reason',
    });
    expect(
      await postAllocation(database.db, { actor: treasurer, input: { taskId: 999_999, amountChf: 1n, valueDate: '2026-04-02', description: '', overrideReason: null } }),
    ).toMatchObject({
      ok: false,
      error: 'task_unknown',
    });
    const overridden = ok(
      await postAllocation(database.db, { actor: admin, input: { taskId: task, amountChf: more, valueDate: '2026-04-02', description: '', overrideReason: 'Council decision' } }),
    );
    expect(overridden.overridden).toBe(true);
    expect(await getAvailableToAllocate(database.db)).toBe(-1n);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(overridden.id)));
    expect(audit?.action).toBe('trust-fund.ledger.override');
    expect(audit?.actorId).toBe(admin.id);
  });

  it('spends no more than an allocation’s unspent balance, reverses an entry once, and refuses a reversal that would overdraw', async () => {
    ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ amountMinor: 50_001n }) }));
    const allocation = ok(
      await postAllocation(database.db, { actor: treasurer, input: { taskId: task, amountChf: 30_000n, valueDate: '2026-04-03', description: '', overrideReason: null } }),
    );
    expect(await postExpenditure(database.db, { actor: treasurer, input: { allocationId: allocation.id, amountChf: 30_001n, valueDate: '2026-04-04', description: '' } })).toEqual({
      ok: false,
      error: 'overspend',
      field: 'amount',
      params: { unspent: '30000' },
    });
    const spent = ok(
      await postExpenditure(database.db, { actor: treasurer, input: { allocationId: allocation.id, amountChf: 10_000n, valueDate: '2026-04-04', description: 'Workshop' } }),
    );
    // The allocation is partly spent: reversing it would leave the task below zero.
    expect(await postReversal(database.db, { actor: treasurer, input: { entryId: allocation.id, reason: 'Wrong task', valueDate: '2026-04-05' } })).toMatchObject({
      ok: false,
      error: 'reversal_overdraws',
    });
    expect(await postReversal(database.db, { actor: treasurer, input: { entryId: spent.id, reason: '', valueDate: '2026-04-05' } })).toMatchObject({
      ok: false,
      error: 'reason_required',
    });
    const reversal = ok(await postReversal(database.db, { actor: treasurer, input: { entryId: spent.id, reason: 'Invoice cancelled', valueDate: '2026-04-05' } }));
    expect(await postReversal(database.db, { actor: treasurer, input: { entryId: spent.id, reason: 'Again', valueDate: '2026-04-05' } })).toEqual({
      ok: false,
      error: 'already_reversed',
      field: 'entryId',
    });
    expect(await postReversal(database.db, { actor: treasurer, input: { entryId: reversal.ids[0] ?? 0, reason: 'Undo', valueDate: '2026-04-05' } })).toMatchObject({
      ok: false,
      error: 'reversal_of_reversal',
    });
    ok(await postReversal(database.db, { actor: treasurer, input: { entryId: allocation.id, reason: 'Wrong task', valueDate: '2026-04-05' } }));
    const [byTask] = await findAllocationsByTask(database.db);
    expect(byTask?.spentChf).toBe(0n);
    // A receipt already allocated cannot be reversed (the fund would go below zero).
    const small = ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ amountMinor: 1_000n }) }));
    ok(
      await postAllocation(database.db, {
        actor: treasurer,
        input: { taskId: task, amountChf: await getAvailableToAllocate(database.db), valueDate: '2026-04-03', description: '', overrideReason: null },
      }),
    );
    expect(await postReversal(database.db, { actor: treasurer, input: { entryId: small.id, reason: 'Returned', valueDate: '2026-04-05' } })).toMatchObject({
      ok: false,
      error: 'reversal_overdraws',
    });
  });

  it('lets two allocations at the same moment not overdraw the fund together', async () => {
    ok(await postReceipt(database.db, { actor: treasurer, input: receipt({ amountMinor: 10_000n }) }));
    const available = await getAvailableToAllocate(database.db);
    const share = available - 1_000n;
    const results = await Promise.all(
      [1, 2].map(() =>
        postAllocation(database.db, { actor: treasurer, input: { taskId: task, amountChf: share, valueDate: '2026-04-06', description: '', overrideReason: null } }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === 'overdraw')).toHaveLength(1);
    expect(await getAvailableToAllocate(database.db)).toBe(1_000n);
    if (database.kind !== 'postgresql') return; // PGlite has one connection: transactions never overlap there.
    // On PostgreSQL, the interleaving that would overdraw without the lock: another transaction
    // holds the ledger's lock and takes the last 1,000 centimes; an allocation started meanwhile
    // waits for it and then sees nothing left (without the lock it would read the old balance).
    const other = await database.pool.connect();
    try {
      await other.query('begin');
      await other.query(`select pg_advisory_xact_lock(hashtext('trust-fund.ledger'))`);
      const { rows } = await other.query<{ id: string }>(`insert into trust_fund_entries (kind, value_date, task_id) values ('allocation', '2026-04-07', $1) returning id::text`, [
        task,
      ]);
      await other.query(
        `insert into trust_fund_lines (entry_id, account, task_id, amount_chf, value_date) values ($1, 'allocated', $2, 1000, '2026-04-07'), ($1, 'unallocated', null, -1000, '2026-04-07')`,
        [rows[0]?.id, task],
      );
      const waiting = postAllocation(database.db, { actor: treasurer, input: { taskId: task, amountChf: 1_000n, valueDate: '2026-04-07', description: '', overrideReason: null } });
      // Let the allocation reach the lock (or, without it, read the balance) before the other commits.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('commit');
      expect(await waiting).toMatchObject({ ok: false, error: 'overdraw', params: { available: '0' } });
    } finally {
      other.release();
    }
    expect(await getAvailableToAllocate(database.db)).toBe(0n);
  });
});

describe('the database keeps the ledger append-only and balanced', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of posted entries and lines typed in SQL', async () => {
    const before = await findBalances(database.db);
    for (const statement of [
      sql`update trust_fund_lines set amount_chf = amount_chf * 2`,
      sql`delete from trust_fund_lines`,
      sql`update trust_fund_entries set reason = 'edited'`,
      sql`delete from trust_fund_entries where kind = 'reversal'`,
      sql`truncate trust_fund_lines`,
      sql`truncate trust_fund_entries cascade`,
    ]) {
      expect(await databaseError(database.db.execute(statement))).toMatch(/append-only/);
    }
    expect(await findBalances(database.db)).toEqual(before);
  });

  it('refuses at commit an entry whose lines do not sum to zero', async () => {
    const before = await counts();
    expect(
      await databaseError(
        database.db.transaction(async (tx) => {
          const [entry] = await tx.insert(journalEntries).values({ kind: 'allocation', valueDate: '2026-04-01', taskId: task }).returning({ id: journalEntries.id });
          await tx.insert(ledgerLines).values([
            { entryId: Number(entry?.id), account: 'allocated', amountChf: 100n, taskId: task, valueDate: '2026-04-01' },
            { entryId: Number(entry?.id), account: 'unallocated', amountChf: -99n, valueDate: '2026-04-01' },
          ]);
        }),
      ),
    ).toMatch(/do not balance/);
    expect(await counts()).toEqual(before);
  });
});
