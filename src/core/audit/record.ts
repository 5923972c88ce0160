import type { DbOrTx } from '../db/client.js';
import { type Fragment, insertFragment, runStatement } from '../db/statement.js';
import type { MaybeActor } from '../permissions/index.js';
import { auditLog } from './tables.js';

export type AuditEntry = {
  actor: MaybeActor;
  /** The ability string that allowed the action, e.g. "accounts.user.grant_role". */
  action: string;
  subjectType: string;
  /** Or (recordActionFragment in a `with`) an expression of the statement that writes the subject too, such as the id its insert returns. */
  subjectId?: string | number | Fragment | null;
  before?: unknown;
  /** A value stored as JSON, or (recordActionFragment) an expression of the same statement giving it. */
  after?: unknown;
  ip?: string;
};

/**
 * Appends one row to the audit log. Call it inside the transaction of the change it records,
 * so the change and its trace commit or fail together.
 */
export const recordAction = async (tx: DbOrTx, entry: AuditEntry) => {
  await runStatement(tx, recordActionFragment(entry));
};

const auditRow = (entry: AuditEntry) => ({
  actorId: entry.actor?.id ?? null,
  actorEmail: entry.actor?.email ?? null,
  action: entry.action,
  subjectType: entry.subjectType,
  subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : typeof entry.subjectId === 'function' ? entry.subjectId : String(entry.subjectId),
  before: entry.before ?? null,
  after: entry.after ?? null,
  ip: entry.ip ?? null,
});

/**
 * recordAction's insert as a statement not yet run, for a caller that sends it with other writes
 * of its transaction in one statement (`with audit as (…) …`: a data-modifying WITH always runs;
 * core/db/statement.ts).
 */
export const recordActionFragment = (entry: AuditEntry): Fragment => insertFragment(auditLog, [auditRow(entry)]);
