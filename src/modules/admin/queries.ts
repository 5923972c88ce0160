import { and, count, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import { auditLog } from '../../core/audit/tables.js';
import type { DbOrTx } from '../../core/db/client.js';
import { notFound } from '../../core/http/problems.js';
import { jobs } from '../../core/jobs/tables.js';
import { mailOutbox } from '../../core/mail/tables.js';

export const PAGE_SIZE = 50;

export type AuditFilter = { action?: string; actor?: string; subjectType?: string; subjectId?: string; from?: string; to?: string; page: number };

/** Audit log entries, newest first, filtered (assumes 'admin.audit.view'). */
export const findAuditEntries = async (db: DbOrTx, f: AuditFilter) => {
  const where = and(
    f.action ? ilike(auditLog.action, `${f.action}%`) : undefined,
    f.actor ? ilike(auditLog.actorEmail, `%${f.actor}%`) : undefined,
    f.subjectType ? eq(auditLog.subjectType, f.subjectType) : undefined,
    f.subjectId ? eq(auditLog.subjectId, f.subjectId) : undefined,
    f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditLog.at, sql`${new Date(`${f.to}T00:00:00Z`)}::timestamptz + interval '1 day'`) : undefined,
  );
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { items, total: total?.n ?? 0 };
};

/** Distinct action names, for the filter. */
export const findAuditActions = async (db: DbOrTx) => (await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)).map((r) => r.action);

/** The outbox, newest first (assumes 'admin.mailbox.view'). */
export const findMail = async (db: DbOrTx, { q, page }: { q: string; page: number }) => {
  const where = q ? or(ilike(mailOutbox.to, `%${q}%`), ilike(mailOutbox.subject, `%${q}%`)) : undefined;
  const items = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      locale: mailOutbox.locale,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      lastError: mailOutbox.lastError,
    })
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(mailOutbox).where(where);
  return { items, total: total?.n ?? 0 };
};

export const getMail = async (db: DbOrTx, id: number) => {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!mail) throw notFound();
  return mail;
};

/** Counts for the dashboard. */
export const countMailByStatus = async (db: DbOrTx) => db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status);

export type JobCounts = { name: string; waiting: number; running: number; done: number; failed: number; nextRunAt: Date | null };

/** Per job name: how many are waiting, running, done (not yet purged) and failed, and the next waiting run (assumes 'admin.jobs.view'). */
export const countJobsByName = async (db: DbOrTx): Promise<JobCounts[]> => {
  const rows = await db
    .select({
      name: jobs.name,
      waiting: sql<number>`count(*) filter (where ${jobs.state} = 'waiting')::int`,
      running: sql<number>`count(*) filter (where ${jobs.state} = 'running')::int`,
      done: sql<number>`count(*) filter (where ${jobs.state} = 'done')::int`,
      failed: sql<number>`count(*) filter (where ${jobs.state} = 'failed')::int`,
      nextRunAt: sql<string | null>`min(${jobs.runAt}) filter (where ${jobs.state} = 'waiting')`,
    })
    .from(jobs)
    .groupBy(jobs.name)
    .orderBy(jobs.name);
  return rows.map((r) => ({ ...r, nextRunAt: r.nextRunAt ? new Date(r.nextRunAt) : null }));
};

/**
 * The latest jobs in trouble: failed for good, or waiting for another attempt after an error,
 * newest first, with their error (assumes 'admin.jobs.view').
 */
export const findJobFailures = async (db: DbOrTx, { limit = PAGE_SIZE }: { limit?: number } = {}) =>
  db
    .select({
      id: jobs.id,
      name: jobs.name,
      state: jobs.state,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      runAt: jobs.runAt,
      finishedAt: jobs.finishedAt,
      lastError: jobs.lastError,
    })
    .from(jobs)
    .where(or(eq(jobs.state, 'failed'), and(eq(jobs.state, 'waiting'), sql`${jobs.lastError} is not null`)))
    .orderBy(desc(jobs.id))
    .limit(limit);
