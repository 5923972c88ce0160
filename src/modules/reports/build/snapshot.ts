/**
 * A final report's snapshot: built once for the six languages when the report is made final,
 * stored in reports_snapshots, rendered from then on instead of the live data, so rebuilding it
 * years later gives the same figures and the same text whatever changed since.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { dir, type Locale, LOCALES } from '../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../core/module.js';
import type { ReportDocument } from '../document.js';
import { reportSnapshots } from '../tables.js';
import { composeReport, loadVersion } from './compose.js';

/**
 * Builds the six languages of `versionId` from the live data as of the report's cut-off and stores
 * them, in the caller's transaction (a failure leaves nothing). Throws a `ReportBuildError` when a
 * section's module is absent. Every language is composed before the first row is written.
 */
export const freezeSnapshot = async (tx: DbOrTx, modules: readonly PlatformModule[], versionId: number): Promise<void> => {
  const { report, version } = await loadVersion(tx, versionId);
  const now = report.finalizedAt ?? version.createdAt;
  const documents: ReportDocument[] = [];
  for (const locale of LOCALES) documents.push(await composeReport(tx, modules, { versionId, locale, now }));
  await tx.delete(reportSnapshots).where(eq(reportSnapshots.versionId, versionId));
  await tx.insert(reportSnapshots).values(documents.map((d) => ({ versionId, locale: d.locale, front: d.front, sections: d.sections })));
};

/** The snapshot of a version in one language, or null when it has none. */
export const snapshotDocument = async (db: DbOrTx, versionId: number, locale: Locale): Promise<ReportDocument | null> => {
  const [row] = await db
    .select()
    .from(reportSnapshots)
    .where(and(eq(reportSnapshots.versionId, versionId), eq(reportSnapshots.locale, locale)));
  return row ? { locale, dir: dir(locale), front: row.front, sections: row.sections } : null;
};

/** The document of a version in one language: the snapshot of a final version, else composed from the live data. */
export const reportDocument = async (db: DbOrTx, modules: readonly PlatformModule[], versionId: number, locale: Locale): Promise<ReportDocument> => {
  const { version } = await loadVersion(db, versionId);
  if (version.final) {
    const frozen = await snapshotDocument(db, versionId, locale);
    if (frozen) return frozen;
  }
  return composeReport(db, modules, { versionId, locale });
};
