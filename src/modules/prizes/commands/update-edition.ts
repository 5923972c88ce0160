import { eq, sql } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { EditionPatchInput } from '../inputs.js';
import { phaseColumns, phaseOrderError, phasesOf } from '../phases.js';
import { categories, editions, nominations, type Phase } from '../tables.js';

export type UpdateEditionResult =
  | { ok: true; id: number }
  | { ok: false; error: 'not_found' | 'categories_in_use' | 'word_limits' }
  | { ok: false; error: 'phases_out_of_order'; phase: Phase; bound: 'start' | 'end' };

/**
 * Changes any part of an edition (assumes 'prizes.edition.manage'): phases move (still in
 * order), settings, rules, questions, criteria. Categories can be replaced until a nomination
 * uses one of the categories that would disappear.
 */
export const updateEdition = async (
  db: DbOrTx,
  { actor, year, patch, now = new Date(), ip }: { actor: Actor; year: number; patch: EditionPatchInput; now?: Date; ip?: string },
): Promise<UpdateEditionResult> =>
  db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for('update');
    if (!edition) return { ok: false, error: 'not_found' } as const;
    const phases = phasesOf(edition);
    for (const [name, change] of Object.entries(patch.phases ?? {})) {
      const phase = phases[name as Phase];
      if (change?.start) phase.start = new Date(change.start);
      if (change?.end) phase.end = new Date(change.end);
    }
    const order = phaseOrderError(phases);
    if (order) return { ok: false, error: 'phases_out_of_order', ...order } as const;
    const minWords = patch.summaryMinWords ?? edition.summaryMinWords;
    const maxWords = patch.summaryMaxWords ?? edition.summaryMaxWords;
    if (minWords > maxWords) return { ok: false, error: 'word_limits' } as const;

    if (patch.categories) {
      const kept = new Set(patch.categories.map((c) => c.number));
      const used = await tx.select({ n: nominations.categoryNumber }).from(nominations).where(eq(nominations.editionId, edition.id)).groupBy(nominations.categoryNumber);
      if (used.some((u) => !kept.has(u.n))) return { ok: false, error: 'categories_in_use' } as const;
      await tx.delete(categories).where(eq(categories.editionId, edition.id));
      await tx.insert(categories).values(patch.categories.map((c) => ({ editionId: edition.id, number: c.number, actionLine: c.actionLine, title: c.title })));
    }
    const { phases: _phases, categories: _categories, nomineesPublished, ...settings } = patch;
    await tx
      .update(editions)
      .set({
        ...phaseColumns(phases),
        ...settings,
        ...(nomineesPublished === undefined ? {} : { nomineesPublishedAt: nomineesPublished ? (edition.nomineesPublishedAt ?? now) : null }),
        updatedAt: sql`now()`,
      })
      .where(eq(editions.id, edition.id));
    await recordAction(tx, {
      actor,
      action: 'prizes.edition.manage',
      subjectType: 'prizes_edition',
      subjectId: edition.id,
      before: { phases: phasesOf(edition) },
      after: patch,
      ip,
    });
    return { ok: true, id: edition.id } as const;
  });
