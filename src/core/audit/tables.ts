import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only record of privileged actions: who, what, when, on which record, before/after. */
export const auditLog = pgTable(
  'core_audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // No foreign key: the trail outlives the accounts it mentions.
    actorId: bigint({ mode: 'number' }),
    actorEmail: text(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
  },
  (t) => [index('core_audit_log_at_idx').on(t.at), index('core_audit_log_action_idx').on(t.action), index('core_audit_log_subject_idx').on(t.subjectType, t.subjectId)],
);
