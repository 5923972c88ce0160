/**
 * JSON API of the WSIS Prizes: editions (read; create and change for prize managers),
 * nominations and decisions, nominees, votes, the voter's own votes, results.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, sendProblem } from '../../core/http/problems.js';
import { type Actor, authorize, Forbidden, hasRole } from '../../core/permissions/index.js';
import { LOCALES } from '../../core/i18n/locales.js';
import { castVote } from './commands/cast-vote.js';
import { createEdition } from './commands/create-edition.js';
import { decideNomination } from './commands/decide-nomination.js';
import { type NominationRefusal, submitNomination } from './commands/submit-nomination.js';
import { updateEdition } from './commands/update-edition.js';
import { withdrawNomination } from './commands/withdraw-nomination.js';
import { refuseRateLimited, voteLimits, voteRateLimits } from './integrity/rate-limit.js';
import './nomination/permissions.js';
import { editionInput, editionPatchInput, idParam, nominationDecisionInput, nominationInput, voteInput, yearParam } from './inputs.js';
import { countsArePublic, type Edition, momentOf, nomineesArePublic, phasesOf } from './phases.js';
import { findCategories, findMyVotes, findNominees, getEditionByYear } from './queries.js';
import { shortlist } from './tally.js';
import { countVotes } from './queries.js';
import { findResults, resultsArePublic } from './selection/queries.js';
import { PHASES } from './tables.js';

const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);
const phaseOut = z.object({ start: z.string(), end: z.string() });
const editionOut = z.object({
  year: z.number().int(),
  currentPhase: z.enum([...PHASES, 'upcoming', 'between', 'closed']).describe('Computed from the clock'),
  phases: z.object(Object.fromEntries(PHASES.map((p) => [p, phaseOut])) as Record<(typeof PHASES)[number], typeof phaseOut>),
  categories: z.array(z.object({ number: z.number().int(), actionLine: z.string(), title: localized })),
  rules: z.object({
    categoriesPerProject: z.number().int(),
    projectsPerOrganizationPerCategory: z.number().int(),
    excludePastWinners: z.boolean(),
    summaryMinWords: z.number().int(),
    summaryMaxWords: z.number().int(),
    allowedLanguages: z.array(z.enum(LOCALES)),
    validVote: z.object({ accountCreatedBeforeVoting: z.boolean(), allCategoriesRequired: z.boolean() }),
  }),
  questions: z.array(z.object({ id: z.string(), label: localized, required: z.boolean(), maxWords: z.number().int() })),
});

const problem = (req: FastifyRequest, reply: FastifyReply, status: 400 | 403 | 404 | 409 | 422, { detail, pointer }: { detail: string; pointer?: string }) =>
  sendProblem(req, reply, status, {
    title: req.t(status === 409 ? 'core.errors.conflict_title' : status === 404 ? 'core.errors.not_found_title' : 'core.errors.validation_title'),
    detail,
    ...(pointer ? { errors: [{ pointer, detail }] } : {}),
  });

/** The localized sentence for a broken nomination rule. */
export const refusalMessage = (t: FastifyRequest['t'], refusal: NominationRefusal) => t(`prizes.rules.${refusal.error}`, refusal.params ?? {});

const editionJson = async (req: FastifyRequest, edition: Edition) => {
  const cats = await findCategories(req.server.platform.database.db, edition.id);
  const phases = phasesOf(edition);
  return {
    year: edition.year,
    currentPhase: momentOf(edition),
    phases: Object.fromEntries(PHASES.map((p) => [p, { start: phases[p].start.toISOString(), end: phases[p].end.toISOString() }])) as Record<
      (typeof PHASES)[number],
      { start: string; end: string }
    >,
    categories: cats.map((c) => ({ number: c.number, actionLine: c.actionLine, title: c.title })),
    rules: {
      categoriesPerProject: edition.categoriesPerProject,
      projectsPerOrganizationPerCategory: edition.projectsPerOrganizationPerCategory,
      excludePastWinners: edition.excludePastWinners,
      summaryMinWords: edition.summaryMinWords,
      summaryMaxWords: edition.summaryMaxWords,
      allowedLanguages: edition.allowedLanguages,
      validVote: edition.validVote,
    },
    questions: edition.questions,
  };
};

export const prizesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  const scale = app.platform.config.rateLimitScale;

  app.get(
    '/prizes/editions/:year',
    { schema: { tags: ['prizes'], summary: 'An edition: phases (UTC), the current phase, categories, rules', params: yearParam, response: { 200: editionOut } } },
    async (req) => editionJson(req, await getEditionByYear(db, req.params.year)),
  );

  app.post(
    '/prizes/editions',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Create an edition (prize managers); categories default to the 18',
        security: [{ bearer: [] }],
        body: editionInput,
        response: { 201: editionOut },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'prizes.edition.manage');
      const result = await createEdition(db, { actor: req.actor as Actor, input: req.body, ip: req.ip });
      if (!result.ok) {
        if (result.error === 'year_taken') return problem(req, reply, 409, { detail: req.t('prizes.errors.year_taken', { year: req.body.year }), pointer: '/year' });
        return problem(req, reply, 422, { detail: req.t('prizes.errors.phases_out_of_order'), pointer: `/phases/${result.phase}/${result.bound}` });
      }
      return reply.code(201).send(await editionJson(req, await getEditionByYear(db, result.year)));
    },
  );

  app.patch(
    '/prizes/editions/:year',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Change any part of an edition (prize managers): phases, rules, categories, questions, settings',
        security: [{ bearer: [] }],
        params: yearParam,
        body: editionPatchInput,
        response: { 200: editionOut },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'prizes.edition.manage');
      const result = await updateEdition(db, {
        actor: req.actor as Actor,
        year: req.params.year,
        patch: req.body,
        ip: req.ip,
        confirmVoteChanges: req.body.confirmVoteChanges === true,
      });
      if (!result.ok) {
        switch (result.error) {
          case 'not_found':
            return problem(req, reply, 404, { detail: req.t('core.errors.not_found_detail') });
          case 'categories_in_use':
            return problem(req, reply, 409, { detail: req.t('prizes.errors.categories_in_use'), pointer: '/categories' });
          case 'word_limits':
            return problem(req, reply, 422, { detail: req.t('prizes.errors.word_limits'), pointer: '/summaryMinWords' });
          case 'votes_exist':
            return problem(req, reply, 409, { detail: req.t('prizes.errors.votes_exist', { votes: result.votes, changed: result.changed }), pointer: '/confirmVoteChanges' });
          default:
            return problem(req, reply, 422, { detail: req.t('prizes.errors.phases_out_of_order'), pointer: `/phases/${result.phase}/${result.bound}` });
        }
      }
      return editionJson(req, await getEditionByYear(db, req.params.year));
    },
  );

  app.post(
    '/prizes/editions/:year/nominations',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Nominate one of your published stocktaking entries in a category (submission phase)',
        description: 'Every edition rule is checked; a refusal names the rule (422), a second nomination of the entry in the category is a 409.',
        security: [{ bearer: [] }],
        params: yearParam,
        body: nominationInput,
        response: { 201: z.object({ id: z.number().int(), state: z.literal('submitted') }) },
      },
      config: { rateLimit: { max: 30 * scale, timeWindow: 3600_000 } },
    },
    async (req, reply) => {
      authorize(req.actor, 'prizes.nomination.create');
      const result = await submitNomination(db, { actor: req.actor as Actor, year: req.params.year, input: req.body, ip: req.ip });
      if (result.ok) return reply.code(201).send({ id: result.id, state: result.state });
      const detail = refusalMessage(req.t, result);
      const pointer = result.field ? `/${result.field}` : undefined;
      if (result.error === 'edition_not_found') return problem(req, reply, 404, { detail });
      if (result.error === 'already_nominated') return problem(req, reply, 409, { detail, pointer });
      return problem(req, reply, 422, { detail, pointer });
    },
  );

  app.post(
    '/prizes/nominations/:id/decision',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Accept, return or reject a nomination (prize managers, until voting opens)',
        security: [{ bearer: [] }],
        params: idParam,
        body: nominationDecisionInput,
        response: { 200: z.object({ id: z.number().int(), state: z.enum(['accepted', 'returned', 'rejected']) }) },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'prizes.nomination.decide');
      const result = await decideNomination(db, { actor: req.actor as Actor, id: req.params.id, input: req.body, baseUrl: app.platform.config.baseUrl, ip: req.ip });
      if (result.ok) return { id: result.id, state: result.state };
      switch (result.error) {
        case 'not_found':
          return problem(req, reply, 404, { detail: req.t('core.errors.not_found_detail') });
        case 'reason_required':
          return problem(req, reply, 422, { detail: req.t('prizes.errors.reason_required'), pointer: '/reason' });
        case 'voting_started':
          return problem(req, reply, 409, { detail: req.t('prizes.errors.voting_started') });
        default:
          return problem(req, reply, 409, { detail: req.t('prizes.errors.nomination_withdrawn') });
      }
    },
  );

  app.post(
    '/prizes/nominations/:id/withdraw',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Withdraw your own nomination (until the prize managers decide on it, and before voting opens)',
        description:
          'A withdrawn nomination no longer counts for the edition’s limits; the entry can be nominated again during the submission phase. Someone else’s nomination is a 404; an accepted or rejected one, or once voting has opened, a 409.',
        security: [{ bearer: [] }],
        params: idParam,
        response: { 200: z.object({ id: z.number().int(), state: z.literal('withdrawn') }) },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'prizes.nomination.withdraw');
      const result = await withdrawNomination(db, { actor: req.actor as Actor, id: req.params.id, ip: req.ip });
      if (result.ok) return { id: result.id, state: result.state };
      if (result.error === 'not_found') return problem(req, reply, 404, { detail: req.t('core.errors.not_found_detail') });
      return problem(req, reply, 409, { detail: req.t(`prizes.nomination.withdraw_${result.error}`) });
    },
  );

  app.get(
    '/prizes/editions/:year/nominees',
    {
      schema: {
        tags: ['prizes'],
        summary: 'The nominees per category (public from the start of voting, or when published earlier); random order, stable per voter',
        params: yearParam,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), category: z.number().int(), entryId: z.number().int() })) }) },
      },
    },
    async (req, reply) => {
      const edition = await getEditionByYear(db, req.params.year);
      const manager = hasRole(req.actor, 'prize-manager');
      if (!nomineesArePublic(edition) && !manager) return problem(req, reply, 404, { detail: req.t('prizes.errors.nominees_not_public') });
      const rows = await findNominees(db, { editionId: edition.id, seed: req.actor ? `voter-${req.actor.id}` : 'public' });
      return { items: rows.map((r) => ({ id: r.id, category: r.categoryNumber, entryId: r.entryId })) };
    },
  );

  app.post(
    '/prizes/editions/:year/votes',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Vote for a nominee (signed-in, verified accounts; one vote per category)',
        description: 'The vote is stored before the answer says so. A second vote in the same category answers 409 and changes nothing.',
        security: [{ bearer: [] }],
        params: yearParam,
        body: voteInput,
        response: { 201: z.object({ id: z.number().int(), category: z.number().int() }) },
      },
      // Per address and per account, in one statement.
      preHandler: voteRateLimits(scale),
      // An API token is looked up by the vote's own statement (one round trip per batch of votes).
      config: { tokenInRoute: true },
    },
    async (req, reply) => {
      const token = req.bearerToken;
      if (token === null) authorize(req.actor, 'prizes.vote.cast');
      const result = await castVote(app.platform.database, {
        ...(token === null ? { actor: req.actor as Actor } : { token }),
        year: req.params.year,
        nominationId: req.body.nominationId,
        ip: req.ip,
        limits: voteLimits(req, scale),
      });
      if (result.ok) return reply.code(201).send({ id: result.id, category: result.categoryNumber });
      switch (result.error) {
        case 'invalid_token':
          throw new HttpError(401, 'core.errors.unauthorized_title', 'core.errors.invalid_token');
        case 'not_allowed':
          throw new Forbidden('prizes.vote.cast', result.signedIn);
        case 'rate_limited':
          return refuseRateLimited(reply, result.resetAt);
        case 'edition_not_found':
          return problem(req, reply, 404, { detail: req.t('core.errors.not_found_detail') });
        case 'nominee_not_found':
          return problem(req, reply, 422, { detail: req.t('prizes.errors.nominee_not_found'), pointer: '/nominationId' });
        case 'not_voting_phase':
          return problem(req, reply, 409, { detail: req.t('prizes.errors.not_voting_phase') });
        default:
          return problem(req, reply, 409, { detail: req.t('prizes.errors.already_voted') });
      }
    },
  );

  app.get(
    '/prizes/editions/:year/my-votes',
    {
      schema: {
        tags: ['prizes'],
        summary: 'The categories you have voted in, and those that remain',
        security: [{ bearer: [] }],
        params: yearParam,
        response: {
          200: z.object({
            votes: z.array(z.object({ category: z.number().int(), nominationId: z.number().int(), castAt: z.string() })),
            remaining: z.array(z.number().int()),
          }),
        },
      },
    },
    async (req) => {
      authorize(req.actor, 'prizes.vote.cast');
      const edition = await getEditionByYear(db, req.params.year);
      const [mine, cats] = await Promise.all([findMyVotes(db, { editionId: edition.id, voterId: (req.actor as Actor).id }), findCategories(db, edition.id)]);
      const voted = new Set(mine.map((v) => v.categoryNumber));
      return {
        votes: mine.map((v) => ({ category: v.categoryNumber, nominationId: Number(v.nominationId), castAt: v.castAt.toISOString() })),
        remaining: cats.map((c) => c.number).filter((n) => !voted.has(n)),
      };
    },
  );

  app.get(
    '/prizes/editions/:year/results',
    {
      schema: {
        tags: ['prizes'],
        summary: 'Votes per nominee (once counts are public), the shortlist of each category, and its winner and champions (from the announcement)',
        params: yearParam,
        response: {
          200: z.object({
            countsPublic: z.boolean(),
            announced: z.boolean().describe('Winners and champions are public from the start of the announcement phase'),
            categories: z.array(
              z.object({
                category: z.number().int(),
                nominees: z.array(z.object({ nominationId: z.number().int(), validVotes: z.number().int(), votesCast: z.number().int(), shortlisted: z.boolean() })),
                winner: z.number().int().nullable().describe('Nomination id of the winner'),
                champions: z.array(z.number().int()).describe('Nomination ids of the champions (up to four)'),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const edition = await getEditionByYear(db, req.params.year);
      const manager = hasRole(req.actor, 'prize-manager');
      const visible = countsArePublic(edition) || manager;
      const cats = await findCategories(db, edition.id);
      const announced = resultsArePublic(edition);
      const confirmed = announced || manager ? await findResults(db, edition.id) : [];
      const outcome = (category: number) => ({
        winner: confirmed.find((r) => r.categoryNumber === category && r.rank === 'winner')?.nominationId ?? null,
        champions: confirmed.filter((r) => r.categoryNumber === category && r.rank === 'champion').map((r) => r.nominationId),
      });
      if (!visible) return { countsPublic: false, announced, categories: cats.map((c) => ({ category: c.number, nominees: [], ...outcome(c.number) })) };
      const tallies = await countVotes(db, edition);
      return {
        countsPublic: countsArePublic(edition),
        announced,
        categories: cats.map((c) => {
          const inCategory = tallies.filter((t) => t.categoryNumber === c.number);
          const chosen = new Set(shortlist(inCategory).map((t) => t.nominationId));
          return {
            category: c.number,
            nominees: inCategory
              .sort((a, b) => b.valid - a.valid || a.nominationId - b.nominationId)
              .map((t) => ({ nominationId: t.nominationId, validVotes: t.valid, votesCast: t.cast, shortlisted: chosen.has(t.nominationId) })),
            ...outcome(c.number),
          };
        }),
      };
    },
  );
};
