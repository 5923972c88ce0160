import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { HttpError } from '../../../../core/http/problems.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { getOrganization } from '../../../accounts/queries.js';
import { findConnectGoals, findSdgTargets } from '../../../reference/queries.js';
import { roadmapVersions } from '../../tables.js';
import type { DraftInput } from '../inputs.js';

export type ContentError = 'unknown_sdg_target' | 'unknown_connect_target' | 'unknown_partner';
export type SaveDraftResult = { ok: true; id: number } | { ok: false; error: ContentError | 'frozen' | 'not_found'; field: string };

const FIELD: Record<ContentError, string> = { unknown_sdg_target: 'sdgTargets', unknown_connect_target: 'connectTargets', unknown_partner: 'partnerOrganizationIds' };

/** The first code of a draft's content the reference data or the accounts do not know, if any. */
export const checkContent = async (
  db: DbOrTx,
  input: Pick<DraftInput, 'sdgTargets' | 'connectTargets' | 'partnerOrganizationIds'>,
): Promise<{ error: ContentError; field: string; code: string } | null> => {
  if (input.sdgTargets.length > 0) {
    const known = new Set((await findSdgTargets(db, { codes: input.sdgTargets })).map((t) => t.code));
    const unknown = input.sdgTargets.find((c) => !known.has(c));
    if (unknown) return { error: 'unknown_sdg_target', field: FIELD.unknown_sdg_target, code: unknown };
  }
  if (input.connectTargets.length > 0) {
    const known = new Set((await findConnectGoals(db)).flatMap((g) => g.targets.map((t) => t.code)));
    const unknown = input.connectTargets.find((c) => !known.has(c));
    if (unknown) return { error: 'unknown_connect_target', field: FIELD.unknown_connect_target, code: unknown };
  }
  for (const id of input.partnerOrganizationIds) {
    try {
      await getOrganization(db, id);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 404) return { error: 'unknown_partner', field: FIELD.unknown_partner, code: String(id) };
      throw error;
    }
  }
  return null;
};

/**
 * Saves a draft in place: texts in six languages, partners, SDG and Connect 2030 targets (each
 * checked; an unknown one refuses the whole save). A presented, current or superseded version is
 * frozen and refused. Assumes 'roadmaps.roadmap.edit' was checked for the version's line. Audited
 * with before and after.
 */
export const saveDraft = async (
  db: DbOrTx,
  { actor, versionId, input, now = new Date(), ip }: { actor: Actor; versionId: number; input: DraftInput; now?: Date; ip?: string },
): Promise<SaveDraftResult> =>
  db.transaction(async (tx) => {
    const [before] = await tx.select().from(roadmapVersions).where(eq(roadmapVersions.id, versionId)).for('update');
    if (!before) return { ok: false, error: 'not_found', field: '_form' };
    if (before.status !== 'draft') return { ok: false, error: 'frozen', field: '_form' };
    const refused = await checkContent(tx, input);
    if (refused) return { ok: false, error: refused.error, field: refused.field };
    const after = {
      ituRole: input.ituRole,
      objectives: input.objectives,
      expectedResults: input.expectedResults,
      partnerOrganizationIds: [...new Set(input.partnerOrganizationIds)],
      sdgTargets: [...new Set(input.sdgTargets)],
      connectTargets: [...new Set(input.connectTargets)],
      note: input.note,
    };
    await tx
      .update(roadmapVersions)
      .set({ ...after, updatedAt: now })
      .where(eq(roadmapVersions.id, versionId));
    await recordAction(tx, { actor, action: 'roadmaps.roadmap.edit', subjectType: 'roadmap_version', subjectId: versionId, before, after, ip });
    return { ok: true, id: versionId };
  });
