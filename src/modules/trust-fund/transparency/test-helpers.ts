/**
 * Test data written straight into the ledger's tables (the ledger's commands are built beside
 * this folder): donors, roadmap tasks, and balanced journal entries with BigInt amounts, posted as
 * tables.ts says each kind posts.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { donors, type EntryKind, journalEntries, ledgerLines, type Account, type DonorKind } from '../tables.js';

export const insertDonor = async (db: DbOrTx, input: { kind: DonorKind; countryCode?: string; name?: Localized }) => {
  const [row] = await db
    .insert(donors)
    .values({ kind: input.kind, countryCode: input.countryCode ?? null, name: input.name ?? {} })
    .returning({ id: donors.id });
  return (row as { id: number }).id;
};

/** A roadmap of an action line (made once) and a task in it; the task's id. */
export const insertTask = async (db: DbOrTx, { actionLine, title }: { actionLine: string; title: Localized }) => {
  await db.execute(sql`insert into roadmaps (action_line) values (${actionLine}) on conflict (action_line) do nothing`);
  const { rows } = await db.execute<{ id: number }>(sql`
    insert into roadmaps_tasks (roadmap_id, title, owner_bureau, starts_on, deadline)
    select id, ${JSON.stringify(title)}::jsonb, 'BDT', '2025-01-01', '2027-12-31' from roadmaps where action_line = ${actionLine} returning id`);
  return Number(rows[0]?.id);
};

type Line = { account: Account; amount: bigint; donorId?: number | null; taskId?: number | null };

/** One entry and its lines, which must sum to zero. */
export const postEntry = async (
  db: DbOrTx,
  input: { kind: EntryKind; valueDate: string; lines: Line[]; donorId?: number; taskId?: number; reversesId?: number; reason?: string; currency?: string; amountMinor?: bigint },
) => {
  if (input.lines.reduce((s, l) => s + l.amount, 0n) !== 0n) throw new Error('unbalanced entry');
  const [entry] = await db
    .insert(journalEntries)
    .values({
      kind: input.kind,
      valueDate: input.valueDate,
      donorId: input.donorId ?? null,
      taskId: input.taskId ?? null,
      reversesId: input.reversesId ?? null,
      reason: input.reason ?? null,
      currency: input.currency ?? null,
      amountMinor: input.amountMinor ?? null,
    })
    .returning({ id: journalEntries.id });
  const entryId = (entry as { id: number }).id;
  await db
    .insert(ledgerLines)
    .values(input.lines.map((l) => ({ entryId, account: l.account, amountChf: l.amount, donorId: l.donorId ?? null, taskId: l.taskId ?? null, valueDate: input.valueDate })));
  return entryId;
};

export const postReceipt = (db: DbOrTx, { donorId, amount, valueDate }: { donorId: number; amount: bigint; valueDate: string }) =>
  postEntry(db, {
    kind: 'receipt',
    valueDate,
    donorId,
    currency: 'CHF',
    amountMinor: amount,
    lines: [
      { account: 'unallocated', amount, donorId },
      { account: 'contributions', amount: -amount, donorId },
    ],
  });

export const postPsc = (db: DbOrTx, { amount, valueDate, donorId }: { amount: bigint; valueDate: string; donorId?: number }) =>
  postEntry(db, {
    kind: 'psc',
    valueDate,
    lines: [
      { account: 'psc', amount, donorId },
      { account: 'unallocated', amount: -amount, donorId },
    ],
  });

export const postAllocation = (db: DbOrTx, { taskId, amount, valueDate }: { taskId: number; amount: bigint; valueDate: string }) =>
  postEntry(db, {
    kind: 'allocation',
    valueDate,
    taskId,
    lines: [
      { account: 'allocated', amount, taskId },
      { account: 'unallocated', amount: -amount },
    ],
  });

/** Spending against a task; its lines carry no task (the entry does), as the reads must cope with either. */
export const postExpenditure = (db: DbOrTx, { taskId, amount, valueDate }: { taskId: number; amount: bigint; valueDate: string }) =>
  postEntry(db, {
    kind: 'expenditure',
    valueDate,
    taskId,
    lines: [
      { account: 'expenditure', amount },
      { account: 'allocated', amount: -amount },
    ],
  });

/** The reversal of an entry: its lines negated, on `valueDate`, with a reason. */
export const postReversal = async (db: DbOrTx, { entryId, valueDate, reason }: { entryId: number; valueDate: string; reason: string }) => {
  const lines = await db.select().from(ledgerLines).where(sql`${ledgerLines.entryId} = ${entryId}`);
  return postEntry(db, {
    kind: 'reversal',
    valueDate,
    reversesId: entryId,
    reason,
    lines: lines.map((l) => ({ account: l.account, amount: -l.amountChf, donorId: l.donorId, taskId: l.taskId })),
  });
};
