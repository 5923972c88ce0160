import { and, eq, inArray } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import { users } from '../../../../core/auth/tables.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { type Actor, can } from '../../../../core/permissions/index.js';
import { findConnectGoals, findSdgTargets } from '../../../reference/queries.js';
import { getEntry } from '../../../stocktaking/queries.js';
import { planOutputs, roadmaps, taskEvidence, tasks } from '../../tables.js';
import type { TaskInput } from '../inputs.js';
import { servingLinesOf } from '../queries.js';

export type TaskFieldError = 'unknown_sdg_targets' | 'unknown_connect_targets' | 'unknown_owner' | 'unknown_output' | 'unknown_entries' | 'deadline_before_start';
export type SaveTaskResult = { ok: true; id: number } | { ok: false; error: 'not_found' | 'forbidden' } | { ok: false; error: TaskFieldError; field: string; codes?: string[] };

/**
 * Checks what only the database knows: SDG and Connect 2030 targets against the reference data,
 * the owner (an active user), the plan output, and the evidence (published Stocktaking entries).
 */
const checkReferences = async (tx: DbOrTx, actor: Actor, input: TaskInput): Promise<SaveTaskResult | null> => {
  if (input.deadline < input.startsOn) return { ok: false, error: 'deadline_before_start', field: 'deadline' };
  const sdg = new Set((await findSdgTargets(tx, { codes: input.sdgTargets })).map((t) => t.code));
  const unknownSdg = input.sdgTargets.filter((c) => !sdg.has(c));
  if (unknownSdg.length > 0) return { ok: false, error: 'unknown_sdg_targets', field: 'sdgTargets', codes: unknownSdg };
  if (input.connectTargets.length > 0) {
    const connect = new Set((await findConnectGoals(tx)).flatMap((g) => g.targets.map((t) => t.code)));
    const unknown = input.connectTargets.filter((c) => !connect.has(c));
    if (unknown.length > 0) return { ok: false, error: 'unknown_connect_targets', field: 'connectTargets', codes: unknown };
  }
  if (input.ownerUserId !== null) {
    const [owner] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.ownerUserId), eq(users.status, 'active')));
    if (!owner) return { ok: false, error: 'unknown_owner', field: 'ownerEmail' };
  }
  if (input.outputId !== null) {
    const [output] = await tx.select({ id: planOutputs.id }).from(planOutputs).where(eq(planOutputs.id, input.outputId));
    if (!output) return { ok: false, error: 'unknown_output', field: 'outputId' };
  }
  const missing: string[] = [];
  for (const id of input.evidence) {
    try {
      await getEntry(tx, { actor, id });
    } catch {
      missing.push(String(id));
    }
  }
  if (missing.length > 0) return { ok: false, error: 'unknown_entries', field: 'evidence', codes: missing };
  return null;
};

const columns = (input: TaskInput) => ({
  title: input.title,
  description: input.description,
  ownerBureau: input.ownerBureau,
  ownerUserId: input.ownerUserId,
  startsOn: input.startsOn,
  deadline: input.deadline,
  status: input.status,
  outputId: input.outputId,
  sdgTargets: input.sdgTargets,
  connectTargets: input.connectTargets,
});

/** May the actor edit the tasks of this line (the secretariat, or a focal point serving on it)? Read in the transaction. */
const mayEdit = async (tx: DbOrTx, actor: Actor, actionLine: string) => can(actor, 'roadmaps.roadmap.edit', { actionLine, servingLines: await servingLinesOf(tx, actor.id) });

const replaceEvidence = async (tx: DbOrTx, { taskId, entryIds, actor }: { taskId: number; entryIds: number[]; actor: Actor }) => {
  const current = (await tx.select({ id: taskEvidence.entryId }).from(taskEvidence).where(eq(taskEvidence.taskId, taskId))).map((r) => r.id);
  const gone = current.filter((id) => !entryIds.includes(id));
  if (gone.length > 0) await tx.delete(taskEvidence).where(and(eq(taskEvidence.taskId, taskId), inArray(taskEvidence.entryId, gone)));
  const added = entryIds.filter((id) => !current.includes(id));
  if (added.length > 0) await tx.insert(taskEvidence).values(added.map((entryId) => ({ taskId, entryId, addedBy: actor.id })));
};

/** Creates a task on the roadmap of `actionLine`; checks who may and every reference; audited, in one transaction. */
export const createTask = async (
  db: DbOrTx,
  { actor, actionLine, input, now = new Date(), ip }: { actor: Actor; actionLine: string; input: TaskInput; now?: Date; ip?: string },
): Promise<SaveTaskResult> =>
  db.transaction(async (tx) => {
    const [roadmap] = await tx.select().from(roadmaps).where(eq(roadmaps.actionLine, actionLine));
    if (!roadmap) return { ok: false, error: 'not_found' };
    if (!(await mayEdit(tx, actor, actionLine))) return { ok: false, error: 'forbidden' };
    const refused = await checkReferences(tx, actor, input);
    if (refused) return refused;
    const [row] = await tx
      .insert(tasks)
      .values({ roadmapId: roadmap.id, ...columns(input), lastUpdateAt: now, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: tasks.id });
    if (!row) throw new Error('task not created');
    await replaceEvidence(tx, { taskId: row.id, entryIds: input.evidence, actor });
    await recordAction(tx, {
      actor,
      action: 'roadmaps.task.create',
      subjectType: 'roadmaps.task',
      subjectId: row.id,
      after: { actionLine, ...columns(input), evidence: input.evidence },
      ip,
    });
    return { ok: true, id: row.id };
  });

/** Edits a task (its line stays); same checks as creation. */
export const updateTask = async (
  db: DbOrTx,
  { actor, id, input, now = new Date(), ip }: { actor: Actor; id: number; input: TaskInput; now?: Date; ip?: string },
): Promise<SaveTaskResult> =>
  db.transaction(async (tx) => {
    const [found] = await tx
      .select({ task: tasks, actionLine: roadmaps.actionLine })
      .from(tasks)
      .innerJoin(roadmaps, eq(roadmaps.id, tasks.roadmapId))
      .where(eq(tasks.id, id))
      .for('update', { of: tasks });
    if (!found) return { ok: false, error: 'not_found' };
    if (!(await mayEdit(tx, actor, found.actionLine))) return { ok: false, error: 'forbidden' };
    const refused = await checkReferences(tx, actor, input);
    if (refused) return refused;
    await tx
      .update(tasks)
      .set({ ...columns(input), updatedAt: now })
      .where(eq(tasks.id, id));
    await replaceEvidence(tx, { taskId: id, entryIds: input.evidence, actor });
    const { title, description, ownerBureau, ownerUserId, startsOn, deadline, status, outputId, sdgTargets, connectTargets } = found.task;
    await recordAction(tx, {
      actor,
      action: 'roadmaps.task.edit',
      subjectType: 'roadmaps.task',
      subjectId: id,
      before: { title, description, ownerBureau, ownerUserId, startsOn, deadline, status, outputId, sdgTargets, connectTargets },
      after: { ...columns(input), evidence: input.evidence },
      ip,
    });
    return { ok: true, id };
  });
