/**
 * Building a report's files: the document of each language (the snapshot of a final version, else
 * composed from the live data) rendered in each format. Used by `wsis report build` (files written
 * to a folder), by the build job of the page (files kept in the file store, reports_outputs rows)
 * and by the bench. Progress counts steps: per language, composing it and each format.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { isLocale, type Locale } from '../../../core/i18n/locales.js';
import type { PlatformModule } from '../../../core/module.js';
import type { FileStore } from '../../../core/storage/files.js';
import { keepFile } from '../../../core/storage/keep.js';
import type { ReportDocument } from '../document.js';
import { renderReportHtml } from '../output/html.js';
import { PdfUnavailableError, renderReportPdf } from '../output/pdf.js';
import { OUTPUT_FORMATS, type OutputFormat, reportOutputs, reports, reportTemplates, reportVersions, TEMPLATE_KEYS } from '../tables.js';
import { ReportBuildError } from './compose.js';
import { reportDocument } from './snapshot.js';

export const MEDIA_TYPES: Record<OutputFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const isOutputFormat = (value: unknown): value is OutputFormat => typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);

/** Which version: the final one (refused when the report has none) or the latest written. */
export type VersionChoice = 'final' | 'latest';

export type BuildTarget = { reportId: number } | { templateKey: string; year: number };

export type BuildRequest = BuildTarget & {
  versionId?: number;
  version?: VersionChoice;
  locales: readonly string[];
  formats: readonly string[];
  /** After each step: steps done, of `total`. */
  onProgress?: (progress: { done: number; total: number; locale: Locale; step: 'compose' | OutputFormat }) => void | Promise<void>;
  /** Keep the files in the store with their reports_outputs rows (the page's builds). */
  keep?: boolean;
};

export type BuiltOutput = { locale: Locale; format: OutputFormat } & ({ bytes: Buffer; sha256?: string } | { error: { key: string; values?: Record<string, string> } });

/** The report and version a request names; ReportBuildError for an unknown template, year, report or version. */
export const resolveBuildTarget = async (db: DbOrTx, request: BuildTarget & { versionId?: number; version?: VersionChoice }) => {
  let report: typeof reports.$inferSelect | undefined;
  if ('reportId' in request) {
    [report] = await db.select().from(reports).where(eq(reports.id, request.reportId));
    if (!report) throw new ReportBuildError('reports.build.no_report_id', { report: String(request.reportId) });
  } else {
    const { templateKey, year } = request;
    const known =
      (TEMPLATE_KEYS as readonly string[]).includes(templateKey) &&
      (
        await db
          .select({ key: reportTemplates.key })
          .from(reportTemplates)
          .where(eq(reportTemplates.key, templateKey as never))
      ).length > 0;
    if (!known) throw new ReportBuildError('reports.build.unknown_template', { template: templateKey, templates: TEMPLATE_KEYS.join(', ') });
    if (!Number.isInteger(year) || year < 2003 || year > 2100) throw new ReportBuildError('reports.build.unknown_year', { year: String(year) });
    [report] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.templateKey, templateKey as never), eq(reports.year, year)));
    if (!report) throw new ReportBuildError('reports.build.no_report', { template: templateKey, year: String(year) });
  }
  const where = request.versionId
    ? and(eq(reportVersions.reportId, report.id), eq(reportVersions.id, request.versionId))
    : request.version === 'final'
      ? and(eq(reportVersions.reportId, report.id), eq(reportVersions.final, true))
      : eq(reportVersions.reportId, report.id);
  const [version] = await db.select().from(reportVersions).where(where).orderBy(desc(reportVersions.number)).limit(1);
  if (!version) throw new ReportBuildError(request.version === 'final' ? 'reports.build.no_final' : 'reports.build.no_version', { version: String(request.versionId ?? '') });
  return { report, version };
};

/** The languages and formats asked for, checked (ReportBuildError for an unknown one), without repeats. */
export const checkLocalesAndFormats = (locales: readonly string[], formats: readonly string[]) => {
  const badLocale = locales.find((l) => !isLocale(l));
  if (badLocale !== undefined || locales.length === 0)
    throw new ReportBuildError('reports.build.unknown_language', { language: badLocale ?? '', languages: 'ar, en, es, fr, ru, zh' });
  const badFormat = formats.find((f) => !isOutputFormat(f));
  if (badFormat !== undefined || formats.length === 0) throw new ReportBuildError('reports.build.unknown_format', { format: badFormat ?? '', formats: OUTPUT_FORMATS.join(', ') });
  return { locales: [...new Set(locales)] as Locale[], formats: [...new Set(formats)] as OutputFormat[] };
};

export const buildSteps = (locales: number, formats: number) => locales * (1 + formats);

const asBuffer = (value: string | Uint8Array): Buffer => (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.isBuffer(value) ? value : Buffer.from(value));

/** One format of a document; a PDF without Chromium is an output with its error (the other formats are kept). */
export const renderFormat = async (doc: ReportDocument, format: OutputFormat): Promise<{ bytes: Buffer } | { error: { key: string; values?: Record<string, string> } }> => {
  if (format === 'html') return { bytes: asBuffer(await renderReportHtml(doc, {})) };
  // The DOCX writer is loaded at the first DOCX built, not with the web application.
  if (format === 'docx') return { bytes: asBuffer(await (await import('../output/docx.js')).renderReportDocx(doc)) };
  try {
    return { bytes: asBuffer(await renderReportPdf(doc)) };
  } catch (error) {
    if (error instanceof PdfUnavailableError) return { error: { key: error.key, values: { path: error.path } } };
    throw error;
  }
};

/** Keeps one output in the store and replaces its row (same version, language and format). */
export const keepOutput = async (db: DbOrTx, files: FileStore, { versionId, locale, format, bytes }: { versionId: number; locale: Locale; format: OutputFormat; bytes: Buffer }) =>
  db.transaction(async (tx) => {
    const kept = await keepFile(tx, files, bytes, MEDIA_TYPES[format]);
    await tx
      .insert(reportOutputs)
      .values({ versionId, locale, format, fileSha256: kept.sha256 })
      .onConflictDoUpdate({ target: [reportOutputs.versionId, reportOutputs.locale, reportOutputs.format], set: { fileSha256: kept.sha256, builtAt: new Date() } });
    return kept;
  });

/**
 * Builds the files of a report. Every language is composed before any file is rendered or kept,
 * so a section whose module is absent (ReportBuildError) leaves nothing behind.
 */
export const buildReport = async (db: DbOrTx, files: FileStore | null, modules: readonly PlatformModule[], request: BuildRequest) => {
  const { locales, formats } = checkLocalesAndFormats(request.locales, request.formats);
  const { report, version } = await resolveBuildTarget(db, request);
  const total = buildSteps(locales.length, formats.length);
  let done = 0;
  const step = async (locale: Locale, name: 'compose' | OutputFormat) => {
    done += 1;
    await request.onProgress?.({ done, total, locale, step: name });
  };
  const documents: ReportDocument[] = [];
  for (const locale of locales) {
    documents.push(await reportDocument(db, modules, version.id, locale));
    await step(locale, 'compose');
  }
  const outputs: BuiltOutput[] = [];
  for (const doc of documents) {
    for (const format of formats) {
      const rendered = await renderFormat(doc, format);
      if ('bytes' in rendered && request.keep) {
        if (!files) throw new Error('keeping the outputs needs the file store');
        const kept = await keepOutput(db, files, { versionId: version.id, locale: doc.locale, format, bytes: rendered.bytes });
        outputs.push({ locale: doc.locale, format, bytes: rendered.bytes, sha256: kept.sha256 });
      } else outputs.push({ locale: doc.locale, format, ...rendered });
      await step(doc.locale, format);
    }
  }
  return { report, version, outputs, total };
};

/** The file name of an output: `<template>-<year>-<lang>.<ext>`. */
export const outputFileName = (templateKey: string, year: number, locale: Locale, format: OutputFormat) => `${templateKey}-${year}-${locale}.${format}`;
