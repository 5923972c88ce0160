/**
 * The build page's command: checks the form (languages, formats, which version), records the
 * build and queues its job in one transaction, with an audit row. Refusals are message keys by field.
 */
import { recordAction } from '../../../core/audit/record.js';
import type { Db } from '../../../core/db/client.js';
import { isLocale, type Locale } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { OutputFormat } from '../tables.js';
import { requestBuild } from './job.js';
import { findBuildableVersions } from './queries.js';
import { isOutputFormat } from './run.js';

export type BuildForm = { locales: string[]; formats: string[]; version: string };
export type RequestBuildResult = { ok: true; buildId: number } | { ok: false; errors: Record<string, string> };

export const requestBuildFromPage = async (
  db: Db,
  { actor, reportId, form, ip }: { actor: Actor; reportId: number; form: BuildForm; ip?: string },
): Promise<RequestBuildResult> => {
  const errors: Record<string, string> = {};
  const locales = [...new Set(form.locales)];
  const formats = [...new Set(form.formats)];
  if (locales.length === 0 || !locales.every(isLocale)) errors.locales = 'reports.build.page.choose_language';
  if (formats.length === 0 || !formats.every(isOutputFormat)) errors.formats = 'reports.build.page.choose_format';
  const versions = await findBuildableVersions(db, reportId);
  const version = form.version === 'final' ? versions.final : form.version === 'latest' ? versions.latest : undefined;
  if (!version) errors.version = form.version === 'final' ? 'reports.build.no_final' : 'reports.build.no_version';
  if (Object.keys(errors).length > 0 || !version) return { ok: false, errors };
  const buildId = await db.transaction(async (tx) => {
    const id = await requestBuild(tx, { reportId, versionId: version.id, locales: locales as Locale[], formats: formats as OutputFormat[], requestedBy: actor.id });
    await recordAction(tx, {
      actor,
      action: 'reports.build.request',
      subjectType: 'reports.report',
      subjectId: reportId,
      after: { buildId: id, versionId: version.id, locales, formats },
      ip,
    });
    return id;
  });
  return { ok: true, buildId };
};
