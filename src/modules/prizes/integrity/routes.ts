/**
 * Vote integrity: the managers' page of fraud signals with invalidation, the public integrity
 * report (page and API) once voting has closed, and the per-account limit on votes.
 */
import { parseIds, pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formValues } from '../../../core/http/forms.js';
import { HttpError } from '../../../core/http/problems.js';
import { type Actor, authorize, hasRole } from '../../../core/permissions/index.js';
import { yearParam } from '../inputs.js';
import type { Edition } from '../phases.js';
import { findCategories, findEditions, getEditionByYear, mostActiveEdition } from '../queries.js';
import { NoWorkPage } from '../views/EditionPage.js';
import { invalidateVotes } from './invalidate-votes.js';
import { findSignals, findVoteDetails, integrityReport, type Signal } from './queries.js';
import { IntegrityAdminPage, SHOWN_VOTES, type SignalFormError } from './views/IntegrityAdminPage.js';
import { IntegrityReportPage } from './views/IntegrityReportPage.js';

/** Whether the public may read the integrity report: once voting has closed. */
export const reportIsPublic = (edition: Edition, now = new Date()) => now.getTime() >= edition.votingEnd.getTime();

const isManager = (req: FastifyRequest) => hasRole(req.actor, 'prize-manager');

/** Public page: /{locale}/prizes/{year}/integrity. */
export const integrityRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  app.get<{ Params: { year: string } }>('/prizes/:year/integrity', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const visible = reportIsPublic(edition) || isManager(req);
    const [categories, report] = await Promise.all([findCategories(db, edition.id), visible ? integrityReport(db, edition) : null]);
    return reply.page(IntegrityReportPage({ view: req.view(reply), edition, categories, report }));
  });
};

/** Managers' page: /{locale}/admin/prizes/{year}/integrity. */
export const integrityAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  const render = async (req: FastifyRequest, reply: FastifyReply, edition: Edition, signals: Signal[], error?: SignalFormError) => {
    const shownIds = signals.flatMap((s) => s.voteIds.slice(0, SHOWN_VOTES));
    const [all, categories, details, report] = await Promise.all([
      findEditions(db),
      findCategories(db, edition.id),
      findVoteDetails(db, { edition, ids: [...new Set(shownIds)] }),
      integrityReport(db, edition),
    ]);
    return reply.page(
      IntegrityAdminPage({ view: req.view(reply), edition, years: all.map((e) => e.year), categories, signals, details: new Map(details.map((d) => [d.id, d])), report, error }),
      error ? 422 : 200,
    );
  };

  // The back-office menu's entry: the edition people care about now.
  app.get('/prizes/integrity', async (req, reply) => {
    authorize(req.actor, 'prizes.vote.review');
    // The edition whose votes are being cast or were last cast.
    const edition = mostActiveEdition(await findEditions(db), { order: ['voting', 'selection', 'announcement', 'between', 'closed', 'validation', 'submission', 'upcoming'] });
    if (!edition) return reply.page(NoWorkPage({ view: req.view(reply), message: req.t('prizes.edition.none') }));
    return reply.redirect(`/${req.locale}/admin/prizes/${edition.year}/integrity`, 302);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/integrity', async (req, reply) => {
    authorize(req.actor, 'prizes.vote.review');
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    return render(req, reply, edition, await findSignals(db, edition));
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/integrity', async (req, reply) => {
    authorize(req.actor, 'prizes.vote.review');
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const back = `/${req.locale}/admin/prizes/${edition.year}/integrity`;
    const values = formValues(req.body);
    const signals = await findSignals(db, edition);
    const signal = signals.find((s) => s.id === values.signal);
    if (!signal) {
      // The signal is gone (its votes were invalidated meanwhile, or the form is stale).
      reply.flash('error', req.t('prizes.integrity.errors.signal_gone'));
      return reply.seeOther(back);
    }
    const reason = typeof values.reason === 'string' ? values.reason : '';
    const selected = new Set(parseIds(values.vote));
    const ids = values.scope === 'selected' ? signal.voteIds.filter((id) => selected.has(id)) : signal.voteIds;
    const fail = (key: string) => render(req, reply, edition, signals, { signalId: signal.id, message: req.t(key), reason });
    if (values.scope === 'selected' && ids.length === 0) return fail('prizes.integrity.errors.none_selected');
    const result = await invalidateVotes(db, { actor: req.actor as Actor, editionId: edition.id, voteIds: ids, reason, ip: req.ip });
    if (!result.ok) return fail(`prizes.integrity.errors.${result.error}`);
    reply.flash('notice', req.t('prizes.integrity.invalidated', { count: result.invalidated.length }));
    return reply.seeOther(back);
  });
};

const reportOut = z.object({
  year: z.number().int(),
  validVote: z.object({ accountCreatedBeforeVoting: z.boolean(), allCategoriesRequired: z.boolean() }),
  totals: z.object({ cast: z.number().int(), valid: z.number().int(), invalidated: z.number().int(), notMeetingRule: z.number().int() }),
  categories: z.array(
    z.object({
      category: z.number().int(),
      cast: z.number().int(),
      valid: z.number().int(),
      invalidated: z.number().int(),
      notMeetingRule: z.number().int().describe('Votes not invalidated that do not meet the published rule of a valid vote'),
      invalidatedByReason: z.array(z.object({ reason: z.string(), votes: z.number().int() })),
    }),
  ),
});

/** API: GET /api/v1/prizes/editions/{year}/integrity. */
export const integrityApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/prizes/editions/:year/integrity',
    {
      schema: {
        tags: ['prizes'],
        summary: 'The integrity report of an edition, once voting has closed: votes cast, valid, invalidated and why, per category',
        params: yearParam,
        response: { 200: reportOut },
      },
    },
    async (req) => {
      const edition = await getEditionByYear(db, req.params.year);
      if (!reportIsPublic(edition) && !isManager(req)) throw new HttpError(404, 'core.errors.not_found_title', 'prizes.integrity.errors.not_published');
      const report = await integrityReport(db, edition);
      const sum = (pick: (r: (typeof report)[number]) => number) => report.reduce((s, r) => s + pick(r), 0);
      return {
        year: edition.year,
        validVote: edition.validVote,
        totals: { cast: sum((r) => r.cast), valid: sum((r) => r.valid), invalidated: sum((r) => r.invalidated), notMeetingRule: sum((r) => r.notMeetingRule) },
        categories: report.map((r) => ({
          category: r.category,
          cast: r.cast,
          valid: r.valid,
          invalidated: r.invalidated,
          notMeetingRule: r.notMeetingRule,
          invalidatedByReason: r.reasons,
        })),
      };
    },
  );
};
