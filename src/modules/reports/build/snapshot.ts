/**
 * A final report's snapshot: built once for the six languages when the report is made final,
 * stored in reports_snapshots, rendered from then on instead of the live data.
 * Stand-in: implemented with build/ (issue 17).
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { PlatformModule } from '../../../core/module.js';
import type { ReportDocument } from '../document.js';
import type { Locale } from '../../../core/i18n/locales.js';

/**
 * Builds the six languages of `versionId` from the live data as of the report's cut-off and stores
 * them, in the caller's transaction (a failure leaves nothing). Throws a `ReportBuildError` when a
 * section's module is absent.
 */
export const freezeSnapshot = async (_db: DbOrTx, _modules: readonly PlatformModule[], _versionId: number): Promise<void> => {
  throw new Error('not implemented yet');
};

/** The document of a version in one language: the snapshot of a final version, else composed from the live data. */
export const reportDocument = async (_db: DbOrTx, _modules: readonly PlatformModule[], _versionId: number, _locale: Locale): Promise<ReportDocument> => {
  throw new Error('not implemented yet');
};
