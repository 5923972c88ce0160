/** Public pages of the WSIS Prizes: editions, nominees and the vote, results. */
import { parseId, pathYear } from '../../core/http/params.js';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { formValues } from '../../core/http/forms.js';
import { notFound } from '../../core/http/problems.js';
import { type Actor, can, hasRole, isSignedIn } from '../../core/permissions/index.js';
import type { DbOrTx } from '../../core/db/client.js';
import { getEntry } from '../stocktaking/queries.js';
import { castVote } from './commands/cast-vote.js';
import { refuseRateLimited, voteLimits, voteRateLimits } from './integrity/rate-limit.js';
import { countsArePublic, momentOf, nomineesArePublic } from './phases.js';
import {
  accountMayCount,
  countVotes,
  type Edition,
  findAccountCreatedAt,
  findCategories,
  findCurrentEdition,
  findEditionByYear,
  findEditions,
  findMyVotes,
  findNominees,
  getEditionByYear,
} from './queries.js';
import { findResults, resultsArePublic } from './selection/queries.js';
import { shortlist } from './tally.js';
import { EditionPage, NoEditionPage } from './views/EditionPage.js';
import { type ResultRow, ResultsPage } from './views/ResultsPage.js';
import { ConfirmVotePage, type NomineeView, VotePage, type VoterState } from './views/VotePage.js';

/** Titles and summaries of the nominated entries (published ones only: an unpublished entry is left out). */
const entryTexts = async (db: DbOrTx, ids: number[]) => {
  const texts = new Map<number, Awaited<ReturnType<typeof getEntry>>>();
  for (const id of new Set(ids)) {
    try {
      texts.set(id, await getEntry(db, { actor: null, id }));
    } catch {
      // withdrawn from the public database since: not shown
    }
  }
  return texts;
};

const isManager = (req: FastifyRequest) => hasRole(req.actor, 'prize-manager');

export const prizesRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  app.get('/prizes', async (req, reply) => {
    const edition = await findCurrentEdition(db);
    if (!edition) return reply.page(NoEditionPage({ view: req.view(reply) }));
    return reply.redirect(`/${req.locale}/prizes/${edition.year}`, 302);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const [categories, all] = await Promise.all([findCategories(db, edition.id), findEditions(db)]);
    return reply.page(
      EditionPage({
        view: req.view(reply),
        edition,
        moment: momentOf(edition),
        categories,
        editions: all.map((e) => e.year),
        embeddedDatabaseWarning: isManager(req) && database.kind === 'pglite',
      }),
    );
  });

  /** Who is looking at the vote: whether they may vote, and whether their votes can be valid under the edition's rule. */
  const voterOf = async (req: FastifyRequest, edition: Edition): Promise<VoterState> => {
    if (!isSignedIn(req.actor)) return 'anonymous';
    if (!can(req.actor, 'prizes.vote.cast')) return 'unverified';
    return accountMayCount(edition, await findAccountCreatedAt(db, req.actor.id)) ? 'voter' : 'ineligible';
  };

  const nomineeViews = async (editionId: number, seed: string): Promise<NomineeView[]> => {
    const rows = await findNominees(db, { editionId, seed });
    const texts = await entryTexts(
      db,
      rows.map((r) => r.entryId),
    );
    return rows.flatMap((r) => {
      const entry = texts.get(r.entryId);
      return entry ? [{ id: r.id, categoryNumber: r.categoryNumber, entryId: r.entryId, title: entry.title, summary: entry.summary }] : [];
    });
  };

  app.get<{ Params: { year: string } }>('/prizes/:year/vote', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!nomineesArePublic(edition) && !isManager(req)) throw notFound();
    const seed = isSignedIn(req.actor) ? `voter-${req.actor.id}` : 'public';
    const [categories, nominees] = await Promise.all([findCategories(db, edition.id), nomineeViews(edition.id, seed)]);
    const mine = isSignedIn(req.actor) ? await findMyVotes(db, { editionId: edition.id, voterId: req.actor.id }) : [];
    return reply.page(
      VotePage({
        view: req.view(reply),
        edition,
        moment: momentOf(edition),
        categories,
        nominees,
        myVotes: new Map(mine.map((v) => [v.categoryNumber, Number(v.nominationId)])),
        voter: await voterOf(req, edition),
      }),
    );
  });

  // The step before a vote (a vote cannot be changed): the nominee and its category, then one POST.
  app.get<{ Params: { year: string }; Querystring: { nominationId?: string } }>('/prizes/:year/vote/confirm', async (req, reply) => {
    const year = pathYear(req.params.year);
    const back = `/${req.locale}/prizes/${year}/vote`;
    const edition = await getEditionByYear(db, year);
    if (!isSignedIn(req.actor)) return reply.seeOther(`/${req.locale}/sign-in?next=${encodeURIComponent(back)}`);
    const nominationId = parseId(String(req.query?.nominationId ?? '')) ?? 0;
    const nominee = (await nomineeViews(edition.id, 'confirm')).find((n) => n.id === nominationId);
    const refuse = (key: string) => {
      reply.flash('error', req.t(key));
      return reply.seeOther(back);
    };
    if (momentOf(edition) !== 'voting') return refuse('prizes.errors.not_voting_phase');
    if (!nominee) return refuse('prizes.errors.nominee_not_found');
    const mine = await findMyVotes(db, { editionId: edition.id, voterId: req.actor.id });
    if (mine.some((v) => v.categoryNumber === nominee.categoryNumber)) return refuse('prizes.errors.already_voted');
    const category = (await findCategories(db, edition.id)).find((c) => c.number === nominee.categoryNumber);
    if (!category) throw notFound();
    return reply.page(ConfirmVotePage({ view: req.view(reply), edition, category, nominee, voter: await voterOf(req, edition) }));
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/vote', { preHandler: voteRateLimits(config.rateLimitScale) }, async (req, reply) => {
    const year = pathYear(req.params.year);
    const back = `/${req.locale}/prizes/${year}/vote`;
    if (!isSignedIn(req.actor)) return reply.seeOther(`/${req.locale}/sign-in?next=${encodeURIComponent(back)}`);
    if (!can(req.actor, 'prizes.vote.cast')) {
      reply.flash('error', req.t('prizes.vote.verify_first'));
      return reply.seeOther(back);
    }
    const form = formValues(req.body);
    const nominationId = parseId(form.nominationId) ?? 0;
    // A vote cannot be changed: one without the confirmation step goes to it first.
    if (form.confirm !== 'yes') return reply.seeOther(`${back}/confirm?nominationId=${nominationId}`);
    const edition = await findEditionByYear(db, year);
    // An account whose votes would not be valid records none (it was told so on the vote page);
    // its request still counts against the rate limits (id 0 is no nominee: nothing is stored).
    const eligible = !edition || accountMayCount(edition, await findAccountCreatedAt(db, req.actor.id));
    // Called even for an unreadable id (0: not a nominee), so that the request is counted.
    const result = await castVote(database, {
      actor: req.actor as Actor,
      year,
      nominationId: eligible ? nominationId : 0,
      ip: req.ip,
      limits: voteLimits(req, config.rateLimitScale),
    });
    if (!eligible && !(!result.ok && result.error === 'rate_limited')) {
      reply.flash('error', req.t('prizes.errors.account_too_new'));
      return reply.seeOther(back);
    }
    if (result.ok) {
      reply.flash('notice', req.t(edition?.validVote.allCategoriesRequired ? 'prizes.vote.counted_when_all' : 'prizes.vote.counted'));
      return reply.seeOther(`${back}#category-${result.categoryNumber}`);
    }
    if (result.error === 'rate_limited') return refuseRateLimited(reply, result.resetAt);
    if (result.error === 'edition_not_found') throw notFound();
    reply.flash('error', req.t(`prizes.errors.${result.error}`));
    return reply.code(303).redirect(back);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/results', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const categories = await findCategories(db, edition.id);
    const visible = countsArePublic(edition) || isManager(req);
    const rows = new Map<number, ResultRow[]>();
    if (visible) {
      const tallies = await countVotes(db, edition);
      const nominees = await findNominees(db, { editionId: edition.id, seed: 'results' });
      const entryOf = new Map(nominees.map((n) => [n.id, n.entryId]));
      const texts = await entryTexts(db, [...entryOf.values()]);
      // Winners and champions, once announced (prize managers see them as soon as they are confirmed).
      const confirmed = resultsArePublic(edition) || isManager(req) ? await findResults(db, edition.id) : [];
      const outcomeOf = new Map(confirmed.map((r) => [r.nominationId, r.rank]));
      for (const c of categories) {
        const inCategory = tallies.filter((t) => t.categoryNumber === c.number);
        const chosen = new Set(shortlist(inCategory).map((t) => t.nominationId));
        rows.set(
          c.number,
          inCategory
            .sort((a, b) => b.valid - a.valid || a.nominationId - b.nominationId)
            .flatMap((t) => {
              const entryId = entryOf.get(t.nominationId);
              const entry = entryId ? texts.get(entryId) : undefined;
              return entry && entryId
                ? [
                    {
                      nominationId: t.nominationId,
                      entryId,
                      title: entry.title,
                      valid: t.valid,
                      cast: t.cast,
                      shortlisted: chosen.has(t.nominationId),
                      outcome: outcomeOf.get(t.nominationId) ?? null,
                    },
                  ]
                : [];
            }),
        );
      }
    }
    return reply.page(ResultsPage({ view: req.view(reply), edition, categories, rows, countsPublic: visible }));
  });
};
