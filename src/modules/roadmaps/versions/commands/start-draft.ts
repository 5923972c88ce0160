import { and, desc, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { roadmaps, roadmapVersions } from '../../tables.js';

export type StartDraftResult = { ok: true; id: number; number: number } | { ok: false; error: 'not_found' | 'draft_exists' };

/**
 * Starts the next draft of a roadmap as a copy of its current version (or of its latest one when
 * none is current yet). One draft at a time. Assumes 'roadmaps.roadmap.edit' was checked for the
 * roadmap's line. Audited.
 */
export const startDraft = async (db: DbOrTx, { actor, roadmapId, ip }: { actor: Actor; roadmapId: number; ip?: string }): Promise<StartDraftResult> =>
  db.transaction(async (tx) => {
    // The roadmap's row, locked: two drafts started at once wait for each other.
    const [roadmap] = await tx.select().from(roadmaps).where(eq(roadmaps.id, roadmapId)).for('update');
    if (!roadmap) return { ok: false, error: 'not_found' };
    const versions = await tx.select().from(roadmapVersions).where(eq(roadmapVersions.roadmapId, roadmapId)).orderBy(desc(roadmapVersions.number));
    if (versions.some((v) => v.status === 'draft')) return { ok: false, error: 'draft_exists' };
    const source = versions.find((v) => v.status === 'current') ?? versions[0];
    const number = (versions[0]?.number ?? 0) + 1;
    const [row] = await tx
      .insert(roadmapVersions)
      .values({
        roadmapId,
        number,
        ituRole: source?.ituRole ?? {},
        objectives: source?.objectives ?? {},
        expectedResults: source?.expectedResults ?? {},
        partnerOrganizationIds: source?.partnerOrganizationIds ?? [],
        sdgTargets: source?.sdgTargets ?? [],
        connectTargets: source?.connectTargets ?? [],
        createdBy: actor.id,
      })
      .returning({ id: roadmapVersions.id });
    if (!row) throw new Error('draft not inserted');
    await recordAction(tx, {
      actor,
      action: 'roadmaps.roadmap.edit',
      subjectType: 'roadmap_version',
      subjectId: row.id,
      after: { roadmapId, number, from: source?.number ?? null },
      ip,
    });
    return { ok: true, id: row.id, number };
  });

/** The draft of a roadmap, if one is being written. */
export const findDraftId = async (db: DbOrTx, roadmapId: number) =>
  (
    await db
      .select({ id: roadmapVersions.id })
      .from(roadmapVersions)
      .where(and(eq(roadmapVersions.roadmapId, roadmapId), eq(roadmapVersions.status, 'draft')))
  )[0]?.id;
