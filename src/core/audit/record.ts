import type { DbOrTx } from '../db/client.js';
import type { MaybeActor } from '../permissions/index.js';
import { auditLog } from './tables.js';

export type AuditEntry = {
  actor: MaybeActor;
  /** The ability string that allowed the action, e.g. "accounts.user.grant_role". */
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string;
};

/**
 * Appends one row to the audit log. Call it inside the transaction of the change it records,
 * so the change and its trace commit or fail together.
 */
export const recordAction = async (tx: DbOrTx, entry: AuditEntry) => {
  await tx.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
};
