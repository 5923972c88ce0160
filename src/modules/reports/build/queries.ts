/**
 * What the build pages read: a report's builds with the files of their versions, and the
 * published reports (final, with files) for the public pages.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { storedFiles } from '../../../core/storage/tables.js';
import { type OutputFormat, reportBuilds, reportOutputs, reports, reportVersions, type TemplateKey } from '../tables.js';

export type ReportRow = typeof reports.$inferSelect;
export type BuildRow = typeof reportBuilds.$inferSelect;
export type OutputFile = { versionId: number; locale: Locale; format: OutputFormat; sha256: string; size: number; mediaType: string; builtAt: Date };

export const findReport = async (db: DbOrTx, id: number): Promise<ReportRow | undefined> => (await db.select().from(reports).where(eq(reports.id, id)))[0];

/** The latest and the final version of a report (either may be missing). */
export const findBuildableVersions = async (db: DbOrTx, reportId: number) => {
  const rows = await db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number));
  return { latest: rows[0], final: rows.find((v) => v.final) };
};

/** The files of these versions, by language and format. */
export const findOutputs = async (db: DbOrTx, versionIds: number[]): Promise<OutputFile[]> => {
  if (versionIds.length === 0) return [];
  return db
    .select({
      versionId: reportOutputs.versionId,
      locale: reportOutputs.locale,
      format: reportOutputs.format,
      sha256: storedFiles.sha256,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
      builtAt: reportOutputs.builtAt,
    })
    .from(reportOutputs)
    .innerJoin(storedFiles, eq(storedFiles.sha256, reportOutputs.fileSha256))
    .where(inArray(reportOutputs.versionId, versionIds))
    .orderBy(asc(reportOutputs.locale), asc(reportOutputs.format));
};

/** The latest builds of a report (newest first), and whether one is still waiting or running. */
export const findBuilds = async (db: DbOrTx, reportId: number, limit = 20) => {
  const builds = await db.select().from(reportBuilds).where(eq(reportBuilds.reportId, reportId)).orderBy(desc(reportBuilds.createdAt), desc(reportBuilds.id)).limit(limit);
  const versions = await db
    .select({ id: reportVersions.id, number: reportVersions.number, final: reportVersions.final })
    .from(reportVersions)
    .where(inArray(reportVersions.id, [...new Set(builds.map((b) => b.versionId)), 0]));
  return { builds, versions: new Map(versions.map((v) => [v.id, v])), busy: builds.some((b) => b.state === 'waiting' || b.state === 'running') };
};

export type PublishedReport = { report: ReportRow; versionId: number; outputs: OutputFile[] };

/** Final reports with files (newest year first), optionally of one year and with files in one language. */
export const findPublishedReports = async (db: DbOrTx, { year, locale }: { year?: number; locale?: Locale } = {}): Promise<PublishedReport[]> => {
  const rows = await db
    .select({ report: reports, versionId: reportVersions.id })
    .from(reports)
    .innerJoin(reportVersions, and(eq(reportVersions.reportId, reports.id), eq(reportVersions.final, true)))
    .where(and(eq(reports.state, 'final'), year === undefined ? undefined : eq(reports.year, year)))
    .orderBy(desc(reports.year), asc(reports.templateKey));
  const outputs = await findOutputs(
    db,
    rows.map((r) => r.versionId),
  );
  return rows
    .map((r) => ({ ...r, outputs: outputs.filter((o) => o.versionId === r.versionId && (locale === undefined || o.locale === locale)) }))
    .filter((r) => r.outputs.length > 0);
};

/** The years that have a published report, newest first. */
export const findPublishedYears = async (db: DbOrTx) => [...new Set((await findPublishedReports(db)).map((r) => r.report.year))];

/** One published report by template and year, or undefined (a report not final is not public). */
export const findPublishedReport = async (db: DbOrTx, templateKey: TemplateKey, year: number) => {
  const [row] = await db
    .select({ report: reports, versionId: reportVersions.id })
    .from(reports)
    .innerJoin(reportVersions, and(eq(reportVersions.reportId, reports.id), eq(reportVersions.final, true)))
    .where(and(eq(reports.state, 'final'), eq(reports.templateKey, templateKey), eq(reports.year, year)));
  if (!row) return undefined;
  return { ...row, outputs: await findOutputs(db, [row.versionId]) };
};

/** The report a version belongs to, or undefined. */
export const findVersionReport = async (db: DbOrTx, versionId: number) =>
  (await db.select({ reportId: reportVersions.reportId }).from(reportVersions).where(eq(reportVersions.id, versionId)))[0]?.reportId;
