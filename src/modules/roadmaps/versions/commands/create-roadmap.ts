import { isUniqueViolation } from '../../../../core/db/errors.js';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findActionLines } from '../../../reference/queries.js';
import { findRoadmap } from '../../queries.js';
import { roadmaps, roadmapVersions } from '../../tables.js';

export type CreateRoadmapResult = { ok: true; id: number; versionId: number } | { ok: false; error: 'unknown_action_line' | 'roadmap_exists'; field: 'actionLine' };

/** A unique violation of the action line by a concurrent creation: the same answer as the check's. */
const isTaken = (error: unknown) => isUniqueViolation(error);

/**
 * Creates the roadmap of an action line of the reference data (C7 sub-lines allowed) with its
 * first draft, ITU's role prefilled from the reference data (English; the sources give no other
 * language). Assumes 'roadmaps.roadmap.manage' was checked. Audited.
 */
export const createRoadmap = async (db: DbOrTx, { actor, actionLine, ip }: { actor: Actor; actionLine: string; ip?: string }): Promise<CreateRoadmapResult> => {
  try {
    return await db.transaction(async (tx) => {
      const line = (await findActionLines(tx)).find((l) => l.code === actionLine);
      if (!line) return { ok: false, error: 'unknown_action_line', field: 'actionLine' };
      if (await findRoadmap(tx, actionLine)) return { ok: false, error: 'roadmap_exists', field: 'actionLine' };
      const [roadmap] = await tx.insert(roadmaps).values({ actionLine }).returning();
      if (!roadmap) throw new Error('roadmap not inserted');
      const [version] = await tx
        .insert(roadmapVersions)
        .values({ roadmapId: roadmap.id, number: 1, ituRole: line.ituRole ? { en: line.ituRole } : {}, createdBy: actor.id })
        .returning({ id: roadmapVersions.id });
      if (!version) throw new Error('version not inserted');
      await recordAction(tx, { actor, action: 'roadmaps.roadmap.manage', subjectType: 'roadmap', subjectId: roadmap.id, after: { actionLine, version: 1 }, ip });
      return { ok: true, id: roadmap.id, versionId: version.id };
    });
  } catch (error) {
    if (isTaken(error)) return { ok: false, error: 'roadmap_exists', field: 'actionLine' };
    throw error;
  }
};
