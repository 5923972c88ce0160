import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { focalPoints } from '../../tables.js';

export type EndFocalPointResult = { ok: true; id: number } | { ok: false; error: 'not_found' | 'already_ended' | 'ended_before_appointed'; field: string };

/**
 * Ends an appointment on a day, not before the day it began (the table's check says the same).
 * From that day the person no longer edits the line's roadmap. Assumes 'roadmaps.roadmap.manage'
 * was checked. Audited.
 */
export const endFocalPoint = async (db: DbOrTx, { actor, id, endedOn, ip }: { actor: Actor; id: number; endedOn: string; ip?: string }): Promise<EndFocalPointResult> =>
  db.transaction(async (tx) => {
    const [fp] = await tx.select().from(focalPoints).where(eq(focalPoints.id, id)).for('update');
    if (!fp) return { ok: false, error: 'not_found', field: '_form' };
    if (fp.endedOn) return { ok: false, error: 'already_ended', field: 'endedOn' };
    if (endedOn < fp.appointedOn) return { ok: false, error: 'ended_before_appointed', field: 'endedOn' };
    await tx.update(focalPoints).set({ endedOn }).where(eq(focalPoints.id, id));
    await recordAction(tx, { actor, action: 'roadmaps.roadmap.manage', subjectType: 'focal_point', subjectId: id, before: { endedOn: null }, after: { endedOn }, ip });
    return { ok: true, id };
  });
