/**
 * The reports' workflow pages: the list and a new report, a report (state, narratives of one
 * language, settings, versions, builds), the difference of two versions (admin, secretariat);
 * the review page where CWG members comment on paragraphs and the secretariat answers. Plain POST
 * forms answered by a redirect, or by the page again with what was typed and the errors.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValue, formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize, can } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { narrativeBlocks } from '../narrative.js';
import { addComment } from './commands/add-comment.js';
import { finalizeReport, returnToDraft, submitForReview } from './commands/change-state.js';
import { createReport } from './commands/create-report.js';
import type { Refusal } from './commands/result.js';
import { saveNarratives } from './commands/save-narratives.js';
import { updateSettings } from './commands/update-settings.js';
import { diffNarratives } from './diff.js';
import { commentFromForm, createFromForm, narrativesFromForm, settingsFromForm } from './inputs.js';
import { findComments, findLatestVersion, findReport, findReports, findSecretariat, findTemplates, findVersionByNumber, findVersions, type Report } from './queries.js';
import { narrativeFormValues, ReportPage, ReportsPage, settingsFormValues } from './views/AdminPages.js';
import { DiffPage } from './views/DiffPage.js';
import { adminReportPath, langOf, reviewPath } from './views/parts.js';
import { ReviewPage } from './views/ReviewPage.js';
import { findDocumentPathBySymbol } from '../../meetings/queries.js';

type IdParams = { Params: { id: string }; Querystring: { lang?: string } };
const idOf = (raw: string) => {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound();
  return Number(raw);
};
const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));
/** A command's refusal as a message: its own key (a narrative's problem) or one of reports.workflow.errors. */
export const refusalMessage = (req: FastifyRequest, r: Refusal) => req.t(r.error.includes('.') ? r.error : `reports.workflow.errors.${r.error}`, r.values);

/** The review page and its comments (ability 'reports.comment': the secretariat and CWG members). */
export const workflowRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  const renderReview = async (req: FastifyRequest<IdParams>, reply: FastifyReply, { form = emptyForm(), code = 200 }: { form?: FormState; code?: number } = {}) => {
    authorize(req.actor, 'reports.comment');
    const report = await findReport(db, idOf(req.params.id));
    if (!report || report.state === 'draft') throw notFound();
    const lang = langOf(req.query?.lang, req.locale);
    const [current, comments] = await Promise.all([findLatestVersion(db, report.id), findComments(db, report.id)]);
    const sections = report.sections
      .filter((s) => s.narrative)
      .map((s) => ({ id: s.id, title: req.view(reply).localize(s.title), blocks: narrativeBlocks(current?.narratives[s.id]?.text[lang] ?? '') }));
    return reply.page(
      ReviewPage({ view: req.view(reply), report, current: current?.number ?? 1, lang, sections, comments, canAnswer: can(req.actor, 'reports.manage'), form }),
      code,
    );
  };
  app.get<IdParams>('/reports/review/:id', async (req, reply) => renderReview(req, reply));
  app.post<IdParams>('/reports/review/:id/comments', async (req, reply) => {
    authorize(req.actor, 'reports.comment');
    const reportId = idOf(req.params.id);
    const values = formValues(req.body);
    const parsed = commentFromForm(values);
    if (!parsed.ok) return renderReview(req, reply, { form: { values, errors: { body: req.t(Object.values(parsed.errors)[0] ?? 'reports.workflow.errors.comment') } }, code: 400 });
    const result = await addComment(db, { actor: req.actor as Actor, reportId, input: parsed.input, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderReview(req, reply, { form: { values, errors: { body: refusalMessage(req, result) } }, code: result.error === 'answer_forbidden' ? 403 : 400 });
    }
    reply.flash('notice', req.t(parsed.input.parentId ? 'reports.workflow.answered' : 'reports.workflow.commented'));
    return reply.seeOther(`/${req.locale}${reviewPath(reportId)}?lang=${parsed.input.locale}#p-${parsed.input.sectionId}-${parsed.input.paragraph}`);
  });
};

/** The secretariat's pages ('reports.manage'). */
export const workflowAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const manager = (req: FastifyRequest): Actor => {
    authorize(req.actor, 'reports.manage');
    return req.actor as Actor;
  };

  const renderList = async (req: FastifyRequest, reply: FastifyReply, { form, code = 200 }: { form?: FormState; code?: number } = {}) => {
    manager(req);
    const [rows, templates, owners] = await Promise.all([findReports(db), findTemplates(db), findSecretariat(db)]);
    const year = new Date().getUTCFullYear();
    const initial = emptyForm({
      year: String(year),
      cutoff: new Date().toISOString().slice(0, 10),
      distribution: 'general',
      originalLanguage: 'en',
      ownerId: String(req.actor?.id ?? ''),
    });
    return reply.page(ReportsPage({ view: req.view(reply), rows, templates, owners, form: form ?? initial }), code);
  };
  app.get('/reports', async (req, reply) => renderList(req, reply));
  app.post('/reports', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const parsed = createFromForm(values);
    if (!parsed.ok) return renderList(req, reply, { form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await createReport(db, { actor, input: parsed.input, modules: req.server.platform.modules, ip: req.ip });
    if (!result.ok) return renderList(req, reply, { form: { values, errors: { [result.field]: refusalMessage(req, result) } }, code: 400 });
    reply.flash('notice', req.t('reports.workflow.created'));
    return reply.seeOther(`/${req.locale}${adminReportPath(result.id)}`);
  });

  const reportOf = async (raw: string) => {
    const report = await findReport(db, idOf(raw));
    if (!report) throw notFound();
    return report;
  };
  const renderReport = async (
    req: FastifyRequest<IdParams>,
    reply: FastifyReply,
    { report, settings, narratives, state, code = 200 }: { report: Report; settings?: FormState; narratives?: FormState; state?: FormState; code?: number },
  ) => {
    const lang: Locale = langOf(req.query?.lang, req.locale);
    const [versions, owners] = await Promise.all([findVersions(db, report.id), findSecretariat(db)]);
    const symbolPath = report.symbol ? await findDocumentPathBySymbol(db, { symbol: report.symbol, actor: req.actor }) : null;
    return reply.page(
      ReportPage({
        view: req.view(reply),
        report,
        versions,
        lang,
        owners,
        settings: settings ?? emptyForm(settingsFormValues(report)),
        narratives: narratives ?? emptyForm(narrativeFormValues(report, versions[0], lang)),
        state,
        symbolPath,
      }),
      code,
    );
  };
  app.get<IdParams>('/reports/:id', async (req, reply) => {
    manager(req);
    return renderReport(req, reply, { report: await reportOf(req.params.id) });
  });

  app.post<IdParams>('/reports/:id/settings', async (req, reply) => {
    const actor = manager(req);
    const report = await reportOf(req.params.id);
    const values = formValues(req.body);
    const parsed = settingsFromForm(values);
    if (!parsed.ok) return renderReport(req, reply, { report, settings: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await updateSettings(db, { actor, reportId: report.id, input: parsed.input, ip: req.ip });
    if (!result.ok)
      return renderReport(req, reply, { report, settings: { values, errors: { [result.field]: refusalMessage(req, result) } }, code: result.field === '_form' ? 409 : 400 });
    reply.flash('notice', req.t('reports.workflow.settings_saved'));
    return reply.seeOther(`/${req.locale}${adminReportPath(report.id)}`);
  });

  app.post<IdParams>('/reports/:id/narratives', async (req, reply) => {
    const actor = manager(req);
    const report = await reportOf(req.params.id);
    const lang = langOf(req.query?.lang, req.locale);
    const values = formValues(req.body);
    const input = narrativesFromForm(
      values,
      lang,
      report.sections.filter((s) => s.narrative).map((s) => s.id),
    );
    const result = await saveNarratives(db, { actor, reportId: report.id, input, ip: req.ip });
    if (!result.ok)
      return renderReport(req, reply, { report, narratives: { values, errors: { [result.field]: refusalMessage(req, result) } }, code: result.field === '_form' ? 409 : 400 });
    reply.flash('notice', req.t('reports.workflow.narratives_saved', { number: result.number }));
    return reply.seeOther(`/${req.locale}${adminReportPath(report.id)}?lang=${lang}`);
  });

  app.post<IdParams>('/reports/:id/state', async (req, reply) => {
    const actor = manager(req);
    const report = await reportOf(req.params.id);
    const values = formValues(req.body);
    const to = formValue(values, 'to');
    if (!['review', 'draft', 'final'].includes(to))
      return renderReport(req, reply, { report, state: { values, errors: { confirm: req.t('reports.workflow.errors.invalid') } }, code: 400 });
    if (formValue(values, 'confirm') !== 'yes')
      return renderReport(req, reply, { report, state: { values, errors: { confirm: req.t('reports.workflow.errors.confirm') } }, code: 400 });
    const args = { actor, reportId: report.id, ip: req.ip };
    const result =
      to === 'review'
        ? await submitForReview(db, args)
        : to === 'draft'
          ? await returnToDraft(db, args)
          : await finalizeReport(db, { ...args, modules: req.server.platform.modules });
    if (!result.ok)
      return renderReport(req, reply, { report: (await findReport(db, report.id)) ?? report, state: { values, errors: { confirm: refusalMessage(req, result) } }, code: 409 });
    reply.flash('notice', req.t(`reports.workflow.moved_${to}`));
    return reply.seeOther(`/${req.locale}${adminReportPath(report.id)}`);
  });

  app.get<{ Params: { id: string; a: string; b: string } }>('/reports/:id/versions/:a/diff/:b', async (req, reply) => {
    manager(req);
    const report = await reportOf(req.params.id);
    const number = (raw: string) => {
      if (!/^[1-9]\d{0,5}$/.test(raw)) throw notFound();
      return Number(raw);
    };
    const [from, to] = await Promise.all([findVersionByNumber(db, report.id, number(req.params.a)), findVersionByNumber(db, report.id, number(req.params.b))]);
    if (!from || !to) throw notFound();
    return reply.page(DiffPage({ view: req.view(reply), report, from: from.number, to: to.number, changes: diffNarratives(report.sections, from, to) }));
  });
};
