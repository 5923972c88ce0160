import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { type DecideEntryResult, decideEntry } from '../../commands/decide-entry.js';
import type { Decision } from '../../inputs.js';

export type BulkOutcome = { id: number; result: DecideEntryResult };

/**
 * The same decision on several entries (assumes 'stocktaking.entry.moderate'). Each entry is
 * decided in its own transaction by decideEntry (audited, submitter e-mailed), so one that
 * cannot be decided (already decided by a colleague, say) does not hold back the others.
 */
export const decideEntries = async (
  db: DbOrTx,
  { actor, ids, decision, comment, baseUrl, ip }: { actor: Actor; ids: number[]; decision: Decision; comment?: string | null; baseUrl: string; ip?: string },
): Promise<BulkOutcome[]> => {
  const outcomes: BulkOutcome[] = [];
  for (const id of [...new Set(ids)]) outcomes.push({ id, result: await decideEntry(db, { actor, id, decision, comment, baseUrl, ip }) });
  return outcomes;
};
