import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { activeLinks, findSdgTargets, type MatrixLink } from '../queries.js';
import { matrixLinks } from '../tables.js';
import { checkTargetCodes } from '../rules.js';

export type UpdateMatrixLinkResult = { ok: true; link: MatrixLink } | { ok: false; error: 'not_found' } | { ok: false; error: 'unknown_targets'; codes: string[] };

/**
 * Changes the SDG targets and the English rationale of one matrix link (other languages of the
 * rationale are kept). Assumes 'reference.matrix.edit' was checked. Audited with before/after.
 */
export const updateMatrixLink = async (
  db: Db,
  { actor, actionLine, sdg, targets, rationale, ip }: { actor: Actor; actionLine: string; sdg: number; targets: string[]; rationale: string; ip?: string },
): Promise<UpdateMatrixLinkResult> =>
  db.transaction(async (tx) => {
    const where = and(activeLinks(), eq(matrixLinks.actionLine, actionLine), eq(matrixLinks.sdg, sdg));
    const [before] = await tx.select().from(matrixLinks).where(where).for('update');
    if (!before) return { ok: false, error: 'not_found' } as const;
    const known = (await findSdgTargets(tx, { sdg })).map((t) => t.code);
    const checked = checkTargetCodes({ sdg, codes: targets, known });
    if (!checked.ok) return checked;
    const nextRationale = { ...before.rationale };
    if (rationale) nextRationale.en = rationale;
    else delete nextRationale.en;
    const [after] = await tx.update(matrixLinks).set({ targets: checked.targets, rationale: nextRationale, updatedAt: new Date() }).where(where).returning();
    if (!after) return { ok: false, error: 'not_found' } as const;
    await recordAction(tx, {
      actor,
      action: 'reference.matrix.edit',
      subjectType: 'reference_matrix_link',
      subjectId: `${actionLine}/${sdg}`,
      before: { targets: before.targets, rationale: before.rationale },
      after: { targets: after.targets, rationale: after.rationale },
      ip,
    });
    return { ok: true, link: after } as const;
  });
