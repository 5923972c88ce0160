import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findSdgTargets, type MatrixLink } from '../queries.js';
import { actionLines, matrixLinks } from '../tables.js';
import { checkTargetCodes } from '../rules.js';

/** What the matrix records as the confidence and source of a link an administrator added. */
export const ADMIN_CONFIDENCE = 'set by an administrator';
export const ADMIN_SOURCE = 'WSIS Platform administrators';

export type AddMatrixLinkResult =
  | { ok: true; link: MatrixLink }
  | { ok: false; error: 'unknown_action_line' | 'already_linked' }
  | { ok: false; error: 'unknown_targets'; codes: string[] };

/**
 * Links an action line to an SDG (with targets and an English rationale). A link that was removed
 * earlier is brought back with the new content. Assumes 'reference.matrix.edit' was checked.
 */
export const addMatrixLink = async (
  db: Db,
  { actor, actionLine, sdg, targets, rationale, ip }: { actor: Actor; actionLine: string; sdg: number; targets: string[]; rationale: string; ip?: string },
): Promise<AddMatrixLinkResult> =>
  db.transaction(async (tx) => {
    const [line] = await tx.select({ code: actionLines.code }).from(actionLines).where(eq(actionLines.code, actionLine));
    if (!line) return { ok: false, error: 'unknown_action_line' } as const;
    const [existing] = await tx
      .select()
      .from(matrixLinks)
      .where(and(eq(matrixLinks.actionLine, actionLine), eq(matrixLinks.sdg, sdg)))
      .for('update');
    if (existing && !existing.deletedAt) return { ok: false, error: 'already_linked' } as const;
    const known = (await findSdgTargets(tx, { sdg })).map((t) => t.code);
    const checked = checkTargetCodes({ sdg, codes: targets, known });
    if (!checked.ok) return checked;
    const values = {
      targets: checked.targets,
      rationale: rationale ? { en: rationale } : {},
      confidence: ADMIN_CONFIDENCE,
      source: ADMIN_SOURCE,
      notes: [],
      updatedAt: new Date(),
      deletedAt: null,
    };
    const [link] = await tx
      .insert(matrixLinks)
      .values({ actionLine, sdg, ...values })
      .onConflictDoUpdate({ target: [matrixLinks.actionLine, matrixLinks.sdg], set: values })
      .returning();
    if (!link) throw new Error('matrix link not written');
    await recordAction(tx, {
      actor,
      action: 'reference.matrix.edit',
      subjectType: 'reference_matrix_link',
      subjectId: `${actionLine}/${sdg}`,
      before: null,
      after: { targets: link.targets, rationale: link.rationale },
      ip,
    });
    return { ok: true, link } as const;
  });
