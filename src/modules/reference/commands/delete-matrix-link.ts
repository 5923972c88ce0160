import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { activeLinks } from '../queries.js';
import { matrixLinks } from '../tables.js';

export type DeleteMatrixLinkResult = { ok: true } | { ok: false; error: 'not_found' };

/**
 * Removes a link from the matrix. The row stays, marked deleted, so that loading the reference
 * data again does not restore it. Assumes 'reference.matrix.edit' was checked.
 */
export const deleteMatrixLink = async (db: Db, { actor, actionLine, sdg, ip }: { actor: Actor; actionLine: string; sdg: number; ip?: string }): Promise<DeleteMatrixLinkResult> =>
  db.transaction(async (tx) => {
    const where = and(activeLinks(), eq(matrixLinks.actionLine, actionLine), eq(matrixLinks.sdg, sdg));
    const [before] = await tx.update(matrixLinks).set({ deletedAt: new Date(), updatedAt: new Date() }).where(where).returning();
    if (!before) return { ok: false, error: 'not_found' } as const;
    await recordAction(tx, {
      actor,
      action: 'reference.matrix.edit',
      subjectType: 'reference_matrix_link',
      subjectId: `${actionLine}/${sdg}`,
      before: { targets: before.targets, rationale: before.rationale, confidence: before.confidence, source: before.source },
      after: null,
      ip,
    });
    return { ok: true } as const;
  });
