import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findPrizeCategories } from '../../reference/queries.js';
import type { EditionInput } from '../inputs.js';
import { type PhaseDates, phaseColumns, phaseOrderError } from '../phases.js';
import { categories, editions, type Phase } from '../tables.js';

export type CreateEditionResult =
  | { ok: true; id: number; year: number }
  | { ok: false; error: 'year_taken' }
  | { ok: false; error: 'phases_out_of_order'; phase: Phase; bound: 'start' | 'end' };

export const toPhaseDates = (phases: EditionInput['phases']): PhaseDates =>
  Object.fromEntries(Object.entries(phases).map(([name, p]) => [name, { start: new Date(p.start), end: new Date(p.end) }])) as PhaseDates;

/**
 * Creates an edition (assumes 'prizes.edition.manage') with its five phases and, by default, the
 * 18 categories of the reference data (one per action line, C7 split into its applications).
 */
export const createEdition = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: EditionInput; ip?: string }): Promise<CreateEditionResult> =>
  db.transaction(async (tx) => {
    const phases = toPhaseDates(input.phases);
    const order = phaseOrderError(phases);
    if (order) return { ok: false, error: 'phases_out_of_order', ...order } as const;
    const [row] = await tx
      .insert(editions)
      .values({ year: input.year, ...phaseColumns(phases) })
      .onConflictDoNothing()
      .returning({ id: editions.id });
    if (!row) return { ok: false, error: 'year_taken' } as const;
    const defaults = await findPrizeCategories(tx);
    if (defaults.length > 0) {
      await tx.insert(categories).values(defaults.map((c) => ({ editionId: row.id, number: c.number, actionLine: c.actionLine, title: c.title })));
    }
    await recordAction(tx, { actor, action: 'prizes.edition.manage', subjectType: 'prizes_edition', subjectId: row.id, after: { year: input.year, phases: input.phases }, ip });
    return { ok: true, id: row.id, year: input.year } as const;
  });
