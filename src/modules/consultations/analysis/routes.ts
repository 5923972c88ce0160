/**
 * The analysts' pages (mounted under /:locale/admin), all under
 * /admin/consultations/:id/analysis: search of free-text answers in six languages with coding from
 * the result (bulk-tag), campaigns and the texts of one, the codebook, and the coding of one text.
 * Every page and action needs consultations.consultation.analyse. No script needed.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { parseId, parseIds, pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { isLocale } from '../../../core/i18n/locales.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { getConsultation } from '../queries.js';
import { bulkTag } from './commands/bulk-tag.js';
import { createTheme } from './commands/create-theme.js';
import { regroupCampaigns } from './commands/regroup-campaigns.js';
import { tagText } from './commands/tag-text.js';
import { consultationQuestions, findCampaign, findCampaignTexts, findCampaigns, findText, findTextThemes, findThemes, MAX_QUERY_CHARS, searchTexts } from './queries.js';
import { type AnalysisContext, CampaignPage, CampaignsPage, CodingPage, SearchPage, ThemesPage } from './views/AnalysisPages.js';

const analyst = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'consultations.consultation.analyse');
  return req.actor as Actor;
};

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

export const analysisAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  /** The consultation of the path and what every page shows of it (404 for an unknown id). */
  const contextOf = async (req: FastifyRequest, reply: FastifyReply, rawId: string): Promise<AnalysisContext> => {
    const consultation = await getConsultation(db, pathId(rawId));
    const view = req.view(reply);
    const questions = new Map([...(await consultationQuestions(db, consultation.id))].map(([id, label]) => [id, view.localize(label)]));
    return { view, consultation, questions };
  };
  const base = (req: FastifyRequest, id: number) => `/${req.locale}/admin/consultations/${id}/analysis`;

  const renderSearch = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { rawId, query, bulkForm, status = 200 }: { rawId: string; query: Record<string, unknown>; bulkForm?: FormState; status?: number },
  ) => {
    const context = await contextOf(req, reply, rawId);
    const q = text(query.q, MAX_QUERY_CHARS);
    const question = typeof query.question === 'string' && context.questions.has(query.question) ? query.question : undefined;
    const [result, themes] = await Promise.all([
      q ? searchTexts(db, { consultationId: context.consultation.id, q, questionId: question }) : null,
      findThemes(db, context.consultation.id),
    ]);
    const coded = await findTextThemes(db, [...new Set((result?.items ?? []).map((h) => h.answerId))]);
    return reply.page(SearchPage({ context, form: emptyForm({ q, question: question ?? '' }), result, themes, coded, bulkForm: bulkForm ?? emptyForm() }), status);
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/consultations/:id/analysis', async (req, reply) => {
    analyst(req);
    return renderSearch(req, reply, { rawId: req.params.id, query: req.query ?? {} });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/analysis/bulk-tag', async (req, reply) => {
    const actor = analyst(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const q = text(values.q, MAX_QUERY_CHARS);
    const questionId = text(values.question, 100) || undefined;
    const themeId = parseId(values.theme);
    const refuse = (message: string) =>
      renderSearch(req, reply, { rawId: req.params.id, query: { q, question: questionId }, bulkForm: { values, errors: { theme: message } }, status: 422 });
    if (themeId === null) return refuse(req.t('consultations.analysis.theme_required'));
    const result = await bulkTag(db, { actor, input: { consultationId: consultation.id, q, questionId, themeId }, ip: req.ip });
    if (!result.ok) return refuse(req.t(result.error === 'query_empty' ? 'consultations.analysis.query_required' : 'consultations.analysis.theme_required'));
    reply.flash('notice', req.t('consultations.analysis.bulk_done', { count: result.tagged }));
    const back = new URLSearchParams({ q, ...(questionId ? { question: questionId } : {}) });
    return reply.seeOther(`${base(req, consultation.id)}?${back}`);
  });

  app.get<{ Params: { id: string } }>('/consultations/:id/analysis/campaigns', async (req, reply) => {
    analyst(req);
    const context = await contextOf(req, reply, req.params.id);
    return reply.page(CampaignsPage({ context, campaigns: await findCampaigns(db, { consultationId: context.consultation.id }) }));
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/analysis/campaigns/regroup', async (req, reply) => {
    const actor = analyst(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const result = await regroupCampaigns(db, { actor, consultationId: consultation.id, ip: req.ip });
    reply.flash('notice', req.t('consultations.analysis.regrouped', { campaigns: result.campaigns, texts: result.texts }));
    return reply.seeOther(`${base(req, consultation.id)}/campaigns`);
  });

  app.get<{ Params: { id: string; campaignId: string } }>('/consultations/:id/analysis/campaigns/:campaignId', async (req, reply) => {
    analyst(req);
    const context = await contextOf(req, reply, req.params.id);
    const campaignId = pathId(req.params.campaignId);
    const campaign = await findCampaign(db, { consultationId: context.consultation.id, campaignId });
    if (!campaign) throw notFound();
    return reply.page(CampaignPage({ context, campaign, texts: await findCampaignTexts(db, { consultationId: context.consultation.id, campaignId }) }));
  });

  const renderThemes = async (req: FastifyRequest, reply: FastifyReply, { rawId, form, status = 200 }: { rawId: string; form?: FormState; status?: number }) => {
    const context = await contextOf(req, reply, rawId);
    const themes = await findThemes(db, context.consultation.id);
    return reply.page(ThemesPage({ context, themes, form: form ?? emptyForm({ language: req.locale }) }), status);
  };

  app.get<{ Params: { id: string } }>('/consultations/:id/analysis/themes', async (req, reply) => {
    analyst(req);
    return renderThemes(req, reply, { rawId: req.params.id });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/analysis/themes', async (req, reply) => {
    const actor = analyst(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const label = text(values.label, 120);
    const description = text(values.description, 2000);
    const errors: Record<string, string> = {};
    if (!isLocale(values.language)) errors.language = req.t('consultations.analysis.language_required');
    if (!label) errors.label = req.t('consultations.analysis.label_required');
    if (Object.keys(errors).length > 0 || !isLocale(values.language)) return renderThemes(req, reply, { rawId: req.params.id, form: { values, errors }, status: 422 });
    const language = values.language;
    await createTheme(db, {
      actor,
      input: { consultationId: consultation.id, label: { [language]: label }, description: description ? { [language]: description } : {} },
      ip: req.ip,
    });
    reply.flash('notice', req.t('consultations.analysis.theme_created', { label }));
    return reply.seeOther(`${base(req, consultation.id)}/themes`);
  });

  const codingTarget = async (req: FastifyRequest, reply: FastifyReply, params: { id: string; answerId: string; questionId: string }) => {
    const context = await contextOf(req, reply, params.id);
    const found = await findText(db, { consultationId: context.consultation.id, answerId: pathId(params.answerId), questionId: params.questionId });
    if (!found) throw notFound();
    return { context, found };
  };

  app.get<{ Params: { id: string; answerId: string; questionId: string } }>('/consultations/:id/analysis/answers/:answerId/:questionId', async (req, reply) => {
    analyst(req);
    const { context, found } = await codingTarget(req, reply, req.params);
    const [themes, coded] = await Promise.all([findThemes(db, context.consultation.id), findTextThemes(db, [found.answerId])]);
    const form = emptyForm({ themes: (coded.get(`${found.answerId}:${found.questionId}`) ?? []).map(String) });
    return reply.page(CodingPage({ context, text: found, themes, form }));
  });

  app.post<{ Params: { id: string; answerId: string; questionId: string } }>('/consultations/:id/analysis/answers/:answerId/:questionId', async (req, reply) => {
    const actor = analyst(req);
    const { context, found } = await codingTarget(req, reply, req.params);
    const values = formValues(req.body);
    const result = await tagText(db, {
      actor,
      input: { consultationId: context.consultation.id, answerId: found.answerId, questionId: found.questionId, themeIds: parseIds(values.themes) },
      ip: req.ip,
    });
    if (!result.ok) throw notFound();
    reply.flash('notice', req.t('consultations.analysis.coding_saved', { count: result.themeIds.length }));
    return reply.seeOther(`${base(req, context.consultation.id)}/answers/${found.answerId}/${encodeURIComponent(found.questionId)}`);
  });
};
