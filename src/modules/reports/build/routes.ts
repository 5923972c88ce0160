/**
 * The build's pages. Admin: `/admin/reports/:id/builds` (ask for a build, follow its progress, get
 * its files). Public: `/reports` (final reports with files, by year, filtered by year and
 * language), `/reports/:template/:year` (a final report read on the site, from its snapshot) and its
 * files. A report that is not final is not public (404).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { pathId, pathYear } from '../../../core/http/params.js';
import { sendStoredFile } from '../../../core/http/send-file.js';
import { isLocale, type Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findDocumentPathBySymbol } from '../../meetings/queries.js';
import { TEMPLATE_KEYS, type TemplateKey } from '../tables.js';
import {
  findBuildableVersions,
  findBuilds,
  findOutputs,
  findPublishedReport,
  findPublishedReports,
  findPublishedYears,
  findReport,
  findVersionReport,
  type OutputFile,
} from './queries.js';
import { requestBuildFromPage } from './request.js';
import { isOutputFormat, outputFileName } from './run.js';
import { reportDocument } from './snapshot.js';
import { BuildsPage } from './views/BuildsPage.js';
import { PreviewPage, PublishedReportPage, PublishedReportsPage } from './views/PublishedPages.js';

const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const FILE = /^([a-z]+)-(\d{4})-([a-z]{2})\.([a-z]+)$/;

export const buildRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const store = app.platform.files;

  app.get<{ Querystring: { year?: string; lang?: string } }>('/reports', async (req, reply) => {
    const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : undefined;
    const language = isLocale(req.query.lang) ? req.query.lang : undefined;
    const [published, years] = await Promise.all([findPublishedReports(db, { year, locale: language }), findPublishedYears(db)]);
    return reply.page(PublishedReportsPage({ view: req.view(reply), published, years, year, language }));
  });

  const published = async (template: string, year: string) => {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(template)) throw notFound();
    const found = await findPublishedReport(db, template as TemplateKey, pathYear(year));
    if (!found) throw notFound();
    return found;
  };

  app.get<{ Params: { template: string; year: string } }>('/reports/:template/:year', async (req, reply) => {
    const found = await published(req.params.template, req.params.year);
    const doc = await reportDocument(db, app.platform.modules, found.versionId, req.locale);
    // The symbol of the frozen first page, linked to the register when it has that document.
    const symbolPath = doc.front.symbol ? await findDocumentPathBySymbol(db, { symbol: doc.front.symbol, actor: req.actor }) : null;
    return reply.page(PublishedReportPage({ view: req.view(reply), report: found.report, doc, outputs: found.outputs, symbolPath }));
  });

  app.get<{ Params: { template: string; year: string; file: string } }>('/reports/:template/:year/:file', async (req, reply) => {
    const found = await published(req.params.template, req.params.year);
    const match = FILE.exec(req.params.file);
    if (!match || match[1] !== found.report.templateKey || Number(match[2]) !== found.report.year) throw notFound();
    const file = found.outputs.find((o) => o.locale === match[3] && o.format === match[4]);
    if (!file) throw notFound();
    return sendStoredFile(req, reply, { store, sha256: file.sha256, size: file.size, mediaType: file.mediaType, fileName: req.params.file, cache: 'public' });
  });
};

export const buildAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const store = app.platform.files;

  const manager = (req: FastifyRequest): Actor => {
    authorize(req.actor, 'reports.manage');
    return req.actor as Actor;
  };
  const reportOf = async (raw: string) => {
    const report = await findReport(db, pathId(raw));
    if (!report) throw notFound();
    return report;
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, reportId: number, form: FormState, code = 200) => {
    const report = await reportOf(String(reportId));
    const { builds, versions, busy } = await findBuilds(db, report.id);
    const outputs: OutputFile[] = await findOutputs(db, [...new Set(builds.map((b) => b.versionId))]);
    return reply.page(BuildsPage({ view: req.view(reply), report, form, builds, versions, outputs, busy }), code);
  };

  app.get<{ Params: { id: string } }>('/reports/:id/builds', async (req, reply) => {
    manager(req);
    const report = await reportOf(req.params.id);
    return render(req, reply, report.id, emptyForm({ locales: [report.originalLanguage], formats: ['html', 'docx'], version: report.state === 'final' ? 'final' : 'latest' }));
  });

  app.post<{ Params: { id: string } }>('/reports/:id/builds', async (req, reply) => {
    const actor = manager(req);
    const report = await reportOf(req.params.id);
    const values = formValues(req.body);
    const result = await requestBuildFromPage(db, {
      actor,
      reportId: report.id,
      form: { locales: list(values.locales), formats: list(values.formats), version: one(values.version) },
      ip: req.ip,
    });
    if (!result.ok) {
      const errors = Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, req.t(key)]));
      return render(req, reply, report.id, { values, errors }, 400);
    }
    reply.flash('notice', req.t('reports.build.page.queued'));
    return reply.seeOther(`/${req.locale}/admin/reports/${report.id}/builds`);
  });

  // The report as it would be built now (the latest version, composed from the live data; a final
  // report from its snapshot), in the reader's language, before asking for files.
  app.get<{ Params: { id: string } }>('/reports/:id/preview', async (req, reply) => {
    manager(req);
    const report = await reportOf(req.params.id);
    const { latest, final } = await findBuildableVersions(db, report.id);
    const version = final ?? latest;
    if (!version) throw notFound();
    const doc = await reportDocument(db, app.platform.modules, version.id, req.locale);
    return reply.page(PreviewPage({ view: req.view(reply), report, doc, versionNumber: version.number }));
  });

  app.get<{ Params: { id: string; versionId: string; file: string } }>('/reports/:id/files/:versionId/:file', async (req, reply) => {
    manager(req);
    const report = await reportOf(req.params.id);
    const [locale, format] = req.params.file.split('.');
    if (!isLocale(locale) || !isOutputFormat(format)) throw notFound();
    const versionId = pathId(req.params.versionId);
    if ((await findVersionReport(db, versionId)) !== report.id) throw notFound();
    const file = (await findOutputs(db, [versionId])).find((o) => o.locale === locale && o.format === format);
    if (!file) throw notFound();
    return sendStoredFile(req, reply, {
      store,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      fileName: outputFileName(report.templateKey, report.year, locale as Locale, format),
    });
  });
};
