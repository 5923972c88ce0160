import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Locale } from '../../../../core/i18n/locales.js';
import { type Actor, can } from '../../../../core/permissions/index.js';
import { roadmaps, tasks, taskUpdates } from '../../tables.js';
import type { UpdateInput } from '../inputs.js';
import { servingLinesOf } from '../queries.js';

export type AddUpdateResult = { ok: true; id: number; taskId: number } | { ok: false; error: 'not_found' | 'forbidden' };

/**
 * A dated progress update by the task's owner, a focal point serving on its line or the
 * secretariat, in the author's language. The update, the task's status and `last_update_at` and
 * the audit row are written in one transaction (the task row locked), so the light and the
 * reminders never see one without the other.
 */
export const addUpdate = async (
  db: DbOrTx,
  { actor, taskId, input, locale, now = new Date(), ip }: { actor: Actor; taskId: number; input: UpdateInput; locale: Locale; now?: Date; ip?: string },
): Promise<AddUpdateResult> =>
  db.transaction(async (tx) => {
    const [found] = await tx
      .select({ status: tasks.status, ownerUserId: tasks.ownerUserId, actionLine: roadmaps.actionLine })
      .from(tasks)
      .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
      .where(eq(tasks.id, taskId))
      .for('update', { of: tasks });
    if (!found) return { ok: false, error: 'not_found' };
    const servingLines = await servingLinesOf(tx, actor.id);
    if (!can(actor, 'roadmaps.task.update', { actionLine: found.actionLine, servingLines, ownerUserId: found.ownerUserId })) return { ok: false, error: 'forbidden' };
    const [row] = await tx
      .insert(taskUpdates)
      .values({ taskId, reportedOn: input.reportedOn, status: input.status, text: input.text, locale: input.locale ?? locale, authorId: actor.id, createdAt: now })
      .returning({ id: taskUpdates.id });
    if (!row) throw new Error('update not written');
    await tx.update(tasks).set({ status: input.status, lastUpdateAt: now, updatedAt: now }).where(eq(tasks.id, taskId));
    await recordAction(tx, {
      actor,
      action: 'roadmaps.task.update',
      subjectType: 'roadmaps.task',
      subjectId: taskId,
      before: { status: found.status },
      after: { status: input.status, reportedOn: input.reportedOn, updateId: row.id },
      ip,
    });
    return { ok: true, id: row.id, taskId };
  });
