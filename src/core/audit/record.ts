import { is, SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { MaybeActor } from '../permissions/index.js';
import { auditLog } from './tables.js';

export type AuditEntry = {
  actor: MaybeActor;
  /** The ability string that allowed the action, e.g. "accounts.user.grant_role". */
  action: string;
  subjectType: string;
  /** An expression of the statement that writes the subject too (recordActionStatement in a `with`), such as the id its insert returns. */
  subjectId?: string | number | SQL | null;
  before?: unknown;
  /** A value stored as JSON, or (recordActionStatement) an expression of the same statement giving it. */
  after?: unknown;
  ip?: string;
};

/**
 * Appends one row to the audit log. Call it inside the transaction of the change it records,
 * so the change and its trace commit or fail together.
 */
export const recordAction = async (tx: DbOrTx, entry: AuditEntry) => {
  await tx.insert(auditLog).values(auditRow(entry));
};

const auditRow = (entry: AuditEntry) => ({
  actorId: entry.actor?.id ?? null,
  actorEmail: entry.actor?.email ?? null,
  action: entry.action,
  subjectType: entry.subjectType,
  subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : is(entry.subjectId, SQL) ? entry.subjectId : String(entry.subjectId),
  before: entry.before ?? null,
  after: entry.after ?? null,
  ip: entry.ip ?? null,
});

/**
 * recordAction's insert as a statement not yet run, for a caller that sends it with other writes
 * of its transaction in one round trip (`with audit as (…) …`: a data-modifying WITH always runs).
 */
export const recordActionStatement = (tx: DbOrTx, entry: AuditEntry): SQL => tx.insert(auditLog).values(auditRow(entry)).getSQL();
