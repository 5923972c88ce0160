/**
 * A report's states: draft (the secretariat writes) → review (CWG members comment) → final
 * (frozen). Review may go back to draft (back to writing); final is the end.
 */
import { desc, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { LOCALES } from '../../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../../core/module.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { requestBuild } from '../../build/job.js';
import { freezeSnapshot } from '../../build/snapshot.js';
import { OUTPUT_FORMATS, type ReportState, reports, reportVersions } from '../../tables.js';
import { absentSource } from './create-report.js';
import { isUniqueViolation } from '../../../../core/db/errors.js';
import { type CommandResult, RefusedError, refuse } from './result.js';

type Args = { actor: Actor; reportId: number; now?: Date; ip?: string };

/** Moves a report from `from` to `to` (draft → review, review → draft). Assumes 'reports.manage' was checked. Audited. */
const move =
  (from: ReportState, to: Exclude<ReportState, 'final'>) =>
  async (db: DbOrTx, { actor, reportId, now = new Date(), ip }: Args): Promise<CommandResult> =>
    db.transaction(async (tx): Promise<CommandResult> => {
      const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
      if (!report) return refuse('not_found');
      if (report.state === 'final') return refuse('already_final');
      if (report.state !== from) return refuse(`not_${from}`);
      await tx.update(reports).set({ state: to, updatedAt: now }).where(eq(reports.id, reportId));
      await recordAction(tx, { actor, action: 'reports.manage', subjectType: 'report', subjectId: reportId, before: { state: from }, after: { state: to }, ip });
      return { ok: true, id: reportId };
    });

/** Draft → review: CWG members may now comment on the current version's paragraphs. */
export const submitForReview = move('draft', 'review');
/** Review → draft: back to writing. */
export const returnToDraft = move('review', 'draft');

/**
 * Review → final, in one transaction: locks the report row, refuses a report already final (also
 * when two requests race: the unique index reports_versions_final_idx answers the same), writes the
 * final version (a copy of the latest narratives, `final`, state final), marks the report final
 * and freezes its snapshot (build/snapshot.ts) from the live data as of the cut-off. If anything
 * fails, nothing is written. Assumes 'reports.manage' was checked. Audited.
 */
export const finalizeReport = async (
  db: DbOrTx,
  { actor, reportId, modules, now = new Date(), ip }: Args & { modules: readonly PlatformModule[] },
): Promise<CommandResult<{ id: number; versionId: number }>> => {
  try {
    return await db.transaction(async (tx): Promise<CommandResult<{ id: number; versionId: number }>> => {
      const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
      if (!report) return refuse('not_found');
      if (report.state === 'final') return refuse('already_final');
      if (report.state !== 'review') return refuse('not_review');
      const absent = absentSource(report.sections, modules);
      if (absent) return { ...absent, field: '_form' };
      const [latest] = await tx.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1);
      const number = (latest?.number ?? 0) + 1;
      const [version] = await tx
        .insert(reportVersions)
        .values({ reportId, number, state: 'final', final: true, narratives: latest?.narratives ?? {}, createdBy: actor.id, createdAt: now })
        .returning({ id: reportVersions.id });
      if (!version) throw new Error('final version not inserted');
      await tx.update(reports).set({ state: 'final', finalizedAt: now, updatedAt: now }).where(eq(reports.id, reportId));
      try {
        await freezeSnapshot(tx, modules, version.id);
      } catch (error) {
        // Rolls the transaction back; answered as a refusal the secretariat can read.
        throw new RefusedError(refuse('snapshot_failed', '_form', { reason: error instanceof Error ? error.message : String(error) }));
      }
      // Published without anyone asking: the six languages in every format, built on the job runner
      // from the snapshot just stored (a missing Chromium leaves the PDF's message on the build).
      await requestBuild(tx, { reportId, versionId: version.id, locales: [...LOCALES], formats: [...OUTPUT_FORMATS], requestedBy: actor.id });
      await recordAction(tx, {
        actor,
        action: 'reports.manage',
        subjectType: 'report',
        subjectId: reportId,
        before: { state: 'review' },
        after: { state: 'final', versionId: version.id, number },
        ip,
      });
      return { ok: true, id: reportId, versionId: version.id };
    });
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal;
    if (isUniqueViolation(error, 'reports_versions_final_idx')) return refuse('already_final');
    throw error;
  }
};
