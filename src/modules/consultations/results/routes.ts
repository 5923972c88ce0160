/** Results per question with charts and breakdowns; the synthesis for the Council (HTML, DOCX); the results API. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idText, pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { type Actor, authorize, can } from '../../../core/permissions/index.js';
import '../permissions.js';
import { type Consultation, getConsultation } from '../queries.js';
import { freezeSynthesis } from './commands/freeze-synthesis.js';
import { type VersionedCache, versionedCache } from '../../../core/http/versioned-cache.js';
import { BREAKDOWNS, type Breakdown, findResultsVersion } from './queries.js';
import { keptConsultationResults } from './cache.js';
import { currentSynthesis } from './synthesis.js';
import { ResultsNotPublicPage, ResultsPage } from './views/ResultsPage.js';
import { frozenSentence, SynthesisPage } from './views/SynthesisPage.js';

const isAnalyst = (req: FastifyRequest) => can(req.actor, 'consultations.consultation.analyse');
/** Results are public once published; analysts see them at every stage. A draft is not public at all. */
const mayRead = (req: FastifyRequest, c: Consultation) => c.status === 'published' || isAnalyst(req);

const breakdownOf = (raw: unknown): Breakdown | null => ((BREAKDOWNS as readonly string[]).includes(String(raw)) ? (raw as Breakdown) : null);

/** Consultations whose rendered results pages are kept (the most recently read; each holds its pages per language). */
const KEPT_CONSULTATIONS = 50;

export const resultsRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  // Anonymous readers of published results get the page rendered once per results version and
  // language (reply.sharedPage: ETag and 304 too); the version is per consultation.
  const pages = new Map<number, VersionedCache>();
  const pagesOf = (consultationId: number) => {
    let cache = pages.get(consultationId);
    if (cache) pages.delete(consultationId);
    else cache = versionedCache({ readVersion: () => findResultsVersion(db, consultationId) });
    pages.set(consultationId, cache);
    if (pages.size > KEPT_CONSULTATIONS) pages.delete(pages.keys().next().value as number);
    return cache;
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/consultations/:id/results', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (consultation.status === 'draft' && !isAnalyst(req)) throw notFound();
    if (!mayRead(req, consultation)) {
      const view = req.view(reply);
      return reply.page(ResultsNotPublicPage({ view, id: consultation.id, title: view.localize(consultation.title) }));
    }
    const query = req.query ?? {};
    const options = { locale: req.locale, campaignsOnce: query.counting === 'campaigns-once', breakdown: breakdownOf(query.breakdown) };
    // Signed-in readers and pages with options are rendered for them (sharedPage decides).
    return reply.sharedPage(pagesOf(consultation.id), async (shared) =>
      ResultsPage({ view: shared, results: await keptConsultationResults(db, consultation.id, options), isAnalyst: isAnalyst(req) }),
    );
  });

  app.get<{ Params: { id: string } }>('/consultations/:id/synthesis', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (!mayRead(req, consultation)) throw notFound();
    const { synthesis, frozen } = await currentSynthesis(db, consultation.id, { locale: req.locale });
    return reply.page(SynthesisPage({ view: req.view(reply), synthesis, frozen, admin: false, canFreeze: false }));
  });

  app.get<{ Params: { id: string } }>('/consultations/:id/synthesis.docx', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (!mayRead(req, consultation)) throw notFound();
    const { synthesis, frozen } = await currentSynthesis(db, consultation.id, { locale: req.locale });
    const view = req.view(reply);
    // Loaded at the first download, not with the routes: serving pages needs no DOCX writer.
    const { synthesisDocx } = await import('./docx.js');
    const body = await synthesisDocx(synthesis, { frozenNote: frozen ? frozenSentence(view, frozen) : undefined });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="consultation-${consultation.id}-synthesis-${req.locale}.docx"`)
      .header('cache-control', 'private, no-cache')
      .send(body);
  });
};

/** The analysts' side: the synthesis at every stage, its DOCX, and its freezing. */
export const resultsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get<{ Params: { id: string } }>('/consultations/:id/synthesis', async (req, reply) => {
    authorize(req.actor, 'consultations.consultation.analyse');
    const consultation = await getConsultation(db, pathId(req.params.id));
    const { synthesis, frozen } = await currentSynthesis(db, consultation.id, { locale: req.locale });
    const canFreeze = consultation.status === 'closed' || consultation.status === 'published';
    return reply.page(SynthesisPage({ view: req.view(reply), synthesis, frozen, admin: true, canFreeze }));
  });

  app.get<{ Params: { id: string } }>('/consultations/:id/synthesis.docx', async (req, reply) => {
    authorize(req.actor, 'consultations.consultation.analyse');
    return reply.redirect(`/${req.locale}/consultations/${pathId(req.params.id)}/synthesis.docx`, 303);
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/synthesis/freeze', async (req, reply) => {
    authorize(req.actor, 'consultations.consultation.analyse');
    const consultationId = pathId(req.params.id);
    const result = await freezeSynthesis(db, { actor: req.actor as Actor, consultationId, ip: req.ip });
    reply.flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'consultations.results.frozen' : `consultations.results.freeze_${result.error}`));
    return reply.seeOther(`/${req.locale}/admin/consultations/${consultationId}/synthesis`);
  });
};

const pair = z.object({ asSubmitted: z.number(), campaignsOnce: z.number() });
const nullablePair = z.object({ asSubmitted: z.number().nullable(), campaignsOnce: z.number().nullable() });
const figure = z.object({ key: z.string(), label: z.string(), count: pair, percent: pair.describe('Share (0–100) of the question’s respondents') });
const resultsOut = z
  .object({
    consultationId: z.number().int(),
    title: z.string(),
    status: z.enum(['draft', 'open', 'closed', 'published']),
    locale: z.string(),
    counting: z.enum(['as-submitted', 'campaigns-once']).describe('The counting asked for first; both are always given'),
    breakdown: z.enum(BREAKDOWNS).nullable(),
    currentVersion: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), count: z.number().int(), changeNote: z.string() })),
    participation: z.object({
      answers: pair,
      byDimension: z.record(z.string(), z.array(z.object({ key: z.string(), label: z.string(), count: pair }))),
    }),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        label: z.string(),
        section: z.string(),
        versions: z.array(z.object({ version: z.number().int(), count: z.number().int() })),
        respondents: pair,
        notAnswered: z.number().int(),
        figures: z.array(figure),
        mean: nullablePair.nullable(),
        ranking: z.array(z.object({ key: z.string(), label: z.string(), count: pair, meanRank: nullablePair, borda: pair })),
        themes: z.array(figure),
        campaigns: z.array(z.object({ id: z.number().int(), size: z.number().int(), text: z.string(), language: z.string() })),
        breakdown: z.array(z.object({ key: z.string(), label: z.string(), respondents: pair, figures: z.array(figure), mean: nullablePair.nullable() })),
      }),
    ),
    computedAt: z.string(),
  })
  .meta({
    example: {
      consultationId: 12,
      title: 'Call for contributions on rural connectivity',
      status: 'published',
      locale: 'en',
      counting: 'as-submitted',
      breakdown: null,
      currentVersion: 1,
      versions: [{ version: 1, count: 5, changeNote: '' }],
      participation: {
        answers: { asSubmitted: 5, campaignsOnce: 3 },
        byDimension: { kind: [{ key: 'organization', label: 'Organizations', count: { asSubmitted: 2, campaignsOnce: 2 } }] },
      },
      questions: [
        {
          id: 'agree',
          type: 'yes-no',
          label: 'Do you agree?',
          section: 'About you',
          versions: [{ version: 1, count: 5 }],
          respondents: { asSubmitted: 5, campaignsOnce: 3 },
          notAnswered: 0,
          figures: [
            { key: 'yes', label: 'Yes', count: { asSubmitted: 4, campaignsOnce: 2 }, percent: { asSubmitted: 80, campaignsOnce: 66.7 } },
            { key: 'no', label: 'No', count: { asSubmitted: 1, campaignsOnce: 1 }, percent: { asSubmitted: 20, campaignsOnce: 33.3 } },
          ],
          mean: null,
          ranking: [],
          themes: [],
          campaigns: [],
          breakdown: [],
        },
      ],
      computedAt: '2026-03-02T09:00:00.000Z',
    },
  });

/** GET /api/v1/consultations/{id}/results. */
export const resultsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/consultations/:id/results',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Results of a consultation per question, as submitted and with each campaign counted once (public once published; analysts always)',
        security: [],
        params: z.object({ id: idText }),
        querystring: z.object({
          campaignsOnce: z.enum(['true', 'false']).optional().describe('Count each campaign group once first (both countings are always given)'),
          breakdown: z.enum(BREAKDOWNS).optional().describe('Figures of each question per group as well'),
          locale: z.enum(['ar', 'en', 'es', 'fr', 'ru', 'zh']).optional().describe('Language of the labels (default: the request’s)'),
        }),
        response: { 200: resultsOut },
      },
    },
    async (req) => {
      const consultation = await getConsultation(db, req.params.id);
      if (!mayRead(req, consultation)) throw notFound();
      return keptConsultationResults(db, consultation.id, {
        locale: req.query.locale ?? req.locale,
        campaignsOnce: req.query.campaignsOnce === 'true',
        breakdown: req.query.breakdown ?? null,
      });
    },
  );
};
