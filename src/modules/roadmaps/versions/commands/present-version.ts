import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { roadmapVersions } from '../../tables.js';
import type { PresentInput } from '../inputs.js';

export type PresentVersionResult = { ok: true; id: number } | { ok: false; error: 'not_found' | 'not_draft' };

/**
 * Records that a draft was presented to the Council through the CWG, with the symbol of the
 * document that presented it; the version is frozen from then on. Assumes
 * 'roadmaps.roadmap.manage' was checked. Audited.
 */
export const presentVersion = async (
  db: DbOrTx,
  { actor, versionId, input, now = new Date(), ip }: { actor: Actor; versionId: number; input: PresentInput; now?: Date; ip?: string },
): Promise<PresentVersionResult> =>
  db.transaction(async (tx) => {
    const [v] = await tx.select().from(roadmapVersions).where(eq(roadmapVersions.id, versionId)).for('update');
    if (!v) return { ok: false, error: 'not_found' };
    if (v.status !== 'draft') return { ok: false, error: 'not_draft' };
    const presentedAt = new Date(`${input.presentedOn}T12:00:00Z`);
    await tx.update(roadmapVersions).set({ status: 'presented', presentedSymbol: input.symbol, presentedAt, updatedAt: now }).where(eq(roadmapVersions.id, versionId));
    await recordAction(tx, {
      actor,
      action: 'roadmaps.roadmap.manage',
      subjectType: 'roadmap_version',
      subjectId: versionId,
      before: { status: v.status },
      after: { status: 'presented', symbol: input.symbol, presentedOn: input.presentedOn },
      ip,
    });
    return { ok: true, id: versionId };
  });
