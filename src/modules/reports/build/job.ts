/**
 * The build asked for from a page: a reports_builds row run on the core's job runner
 * (`reports.build`). Its progress (`done` of `total` steps) is written as each step finishes, each
 * update committed on its own, so the build page shows it while the job runs. The files are kept
 * in the file store (the job gets it from the runner) with their reports_outputs rows.
 */
import { eq } from 'drizzle-orm';
import type { JobContribution } from '../../../core/contributions.js';
import type { Db, DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { enqueueJob } from '../../../core/jobs/runner.js';
import type { PlatformModule } from '../../../core/module.js';
import type { FileStore } from '../../../core/storage/files.js';
import { type OutputFormat, reportBuilds } from '../tables.js';
import { ReportBuildError } from './compose.js';
import { buildReport, buildSteps } from './run.js';

export const BUILD_JOB = 'reports.build';

/** Queues a build of `versionId` (in the caller's transaction); returns the build's id. */
export const requestBuild = async (
  tx: DbOrTx,
  { reportId, versionId, locales, formats, requestedBy }: { reportId: number; versionId: number; locales: Locale[]; formats: OutputFormat[]; requestedBy: number | null },
) => {
  const [row] = await tx
    .insert(reportBuilds)
    .values({ reportId, versionId, locales, formats, requestedBy, total: buildSteps(locales.length, formats.length) })
    .returning({ id: reportBuilds.id });
  if (!row) throw new Error('build not recorded');
  await enqueueJob(tx, { name: BUILD_JOB, payload: { buildId: row.id }, maxAttempts: 1 });
  return row.id;
};

/** Runs one build: running → done (with the PDF's message when Chromium is missing) or failed with its error. */
export const runBuild = async (db: Db, files: FileStore | null, modules: readonly PlatformModule[], buildId: number) => {
  const [build] = await db.select().from(reportBuilds).where(eq(reportBuilds.id, buildId));
  if (!build || build.state === 'done' || build.state === 'failed') return;
  await db.update(reportBuilds).set({ state: 'running', done: 0, error: null }).where(eq(reportBuilds.id, buildId));
  try {
    if (!files) throw new Error('the job runner was started without the file store');
    const { outputs } = await buildReport(db, files, modules, {
      reportId: build.reportId,
      versionId: build.versionId,
      locales: build.locales,
      formats: build.formats,
      keep: true,
      onProgress: async ({ done, total }) => {
        await db.update(reportBuilds).set({ done, total }).where(eq(reportBuilds.id, buildId));
      },
    });
    const failed = outputs.find((o) => 'error' in o);
    await db
      .update(reportBuilds)
      .set({ state: 'done', finishedAt: new Date(), error: failed && 'error' in failed ? failed.error : null })
      .where(eq(reportBuilds.id, buildId));
  } catch (error) {
    const reason =
      error instanceof ReportBuildError
        ? { key: error.key, values: error.values }
        : { key: 'reports.build.failed', values: { message: String((error as Error)?.message ?? error).slice(0, 500) } };
    await db.update(reportBuilds).set({ state: 'failed', finishedAt: new Date(), error: reason }).where(eq(reportBuilds.id, buildId));
    if (!(error instanceof ReportBuildError)) throw error;
  }
};

/** The manifest's job: `reports.build` on the runner. */
export const buildJob: JobContribution = {
  name: 'build',
  maxAttempts: 1,
  run: async (db, { payload, modules, files }) => {
    const buildId = (payload as { buildId?: unknown }).buildId;
    if (typeof buildId !== 'number') return;
    await runBuild(db, files, modules, buildId);
  },
};
