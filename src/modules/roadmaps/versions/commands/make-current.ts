import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { roadmapVersions } from '../../tables.js';

export type MakeCurrentResult = { ok: true; id: number; superseded: number | null } | { ok: false; error: 'not_found' | 'not_presented' };

/**
 * Makes a presented version the roadmap's current one; the previous current version becomes
 * superseded (still readable at its own address). Assumes 'roadmaps.roadmap.manage' was checked.
 * Audited.
 */
export const makeCurrent = async (
  db: DbOrTx,
  { actor, versionId, now = new Date(), ip }: { actor: Actor; versionId: number; now?: Date; ip?: string },
): Promise<MakeCurrentResult> =>
  db.transaction(async (tx) => {
    const [v] = await tx.select().from(roadmapVersions).where(eq(roadmapVersions.id, versionId)).for('update');
    if (!v) return { ok: false, error: 'not_found' };
    if (v.status !== 'presented') return { ok: false, error: 'not_presented' };
    const [previous] = await tx
      .update(roadmapVersions)
      .set({ status: 'superseded', updatedAt: now })
      .where(and(eq(roadmapVersions.roadmapId, v.roadmapId), eq(roadmapVersions.status, 'current')))
      .returning({ id: roadmapVersions.id, number: roadmapVersions.number });
    await tx.update(roadmapVersions).set({ status: 'current', currentSince: now, updatedAt: now }).where(eq(roadmapVersions.id, versionId));
    await recordAction(tx, {
      actor,
      action: 'roadmaps.roadmap.manage',
      subjectType: 'roadmap_version',
      subjectId: versionId,
      before: { status: 'presented', current: previous?.number ?? null },
      after: { status: 'current', number: v.number },
      ip,
    });
    return { ok: true, id: versionId, superseded: previous?.id ?? null };
  });
