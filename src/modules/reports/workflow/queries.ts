/** The read side of the reports' workflow: reports, their versions and comments. */
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import { userRoles, users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { reportComments, reports, reportTemplates, reportVersions } from '../tables.js';

export type Report = typeof reports.$inferSelect;
export type ReportVersion = typeof reportVersions.$inferSelect;
export type ReportComment = typeof reportComments.$inferSelect & { authorName: string | null; versionNumber: number };
export type ReportTemplate = typeof reportTemplates.$inferSelect;

export const findTemplates = async (db: DbOrTx): Promise<ReportTemplate[]> => db.select().from(reportTemplates).orderBy(asc(reportTemplates.key));
export const findTemplate = async (db: DbOrTx, key: string): Promise<ReportTemplate | undefined> =>
  (
    await db
      .select()
      .from(reportTemplates)
      .where(eq(reportTemplates.key, key as ReportTemplate['key']))
  )[0];

/** Every report, the latest year first, with its owner's name. */
export const findReports = async (db: DbOrTx) =>
  db.select({ report: reports, ownerName: users.name }).from(reports).leftJoin(users, eq(users.id, reports.ownerId)).orderBy(desc(reports.year), asc(reports.templateKey));

export const findReport = async (db: DbOrTx, id: number): Promise<Report | undefined> => (await db.select().from(reports).where(eq(reports.id, id)))[0];

/** A report's versions, the latest first. */
export const findVersions = async (db: DbOrTx, reportId: number): Promise<ReportVersion[]> =>
  db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number));

export const findLatestVersion = async (db: DbOrTx, reportId: number): Promise<ReportVersion | undefined> =>
  (await db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1))[0];

export const findVersionByNumber = async (db: DbOrTx, reportId: number, number: number): Promise<ReportVersion | undefined> =>
  (
    await db
      .select()
      .from(reportVersions)
      .where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.number, number)))
  )[0];

/** The comments on every version of a report (each with its version's number), oldest first. */
export const findComments = async (db: DbOrTx, reportId: number): Promise<ReportComment[]> => {
  const versions = await db.select({ id: reportVersions.id, number: reportVersions.number }).from(reportVersions).where(eq(reportVersions.reportId, reportId));
  if (versions.length === 0) return [];
  const numbers = new Map(versions.map((v) => [v.id, v.number]));
  const rows = await db
    .select({ comment: reportComments, authorName: users.name })
    .from(reportComments)
    .leftJoin(users, eq(users.id, reportComments.authorId))
    .where(
      inArray(
        reportComments.versionId,
        versions.map((v) => v.id),
      ),
    )
    .orderBy(asc(reportComments.createdAt), asc(reportComments.id));
  return rows.map((r) => ({ ...r.comment, authorName: r.authorName, versionNumber: numbers.get(r.comment.versionId) ?? 0 }));
};

/** People who may own a report (the secretariat, and administrators, who hold every role), by name. */
export const findSecretariat = async (db: DbOrTx) =>
  db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(or(eq(userRoles.role, 'secretariat'), eq(userRoles.role, 'admin')))
    .orderBy(asc(users.name));
