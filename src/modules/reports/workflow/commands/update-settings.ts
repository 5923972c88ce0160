import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { reports } from '../../tables.js';
import type { SettingsInput } from '../inputs.js';
import { futureCutoff } from './create-report.js';
import { type CommandResult, refuse } from './result.js';

/**
 * Changes a draft report's settings (owner, deadline, cut-off, symbol, distribution, original
 * language). Refused once the report is in review or final, and for a cut-off in the future.
 * Assumes 'reports.manage' was checked. Audited with before and after.
 */
export const updateSettings = async (
  db: DbOrTx,
  { actor, reportId, input, now = new Date(), ip }: { actor: Actor; reportId: number; input: SettingsInput; now?: Date; ip?: string },
): Promise<CommandResult> => {
  const future = futureCutoff(input.cutoff, now);
  if (future) return future;
  return db.transaction(async (tx): Promise<CommandResult> => {
    const [before] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!before) return refuse('not_found');
    if (before.state !== 'draft') return refuse('not_draft');
    const after = { ...input, updatedAt: now };
    await tx.update(reports).set(after).where(eq(reports.id, reportId));
    await recordAction(tx, { actor, action: 'reports.manage', subjectType: 'report', subjectId: reportId, before, after, ip });
    return { ok: true, id: reportId };
  });
};
