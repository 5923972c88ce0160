/**
 * The expert selection: the managers' page (criteria, experts, ranking, winners) and the
 * experts' page (shortlist of their categories, scores, conflicts of interest).
 */
import { parseId, pathId, pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { type Actor, can, isSignedIn } from '../../../core/permissions/index.js';
import { updateEdition } from '../commands/update-edition.js';
import { editionPatchInput } from '../inputs.js';
import { momentOf } from '../phases.js';
import { findCategories, findEditions, getEditionByYear, mostActiveEdition } from '../queries.js';
import { NoWorkPage } from '../views/EditionPage.js';
import { assignExpert } from './commands/assign-expert.js';
import { confirmResults } from './commands/confirm-results.js';
import { declareConflict } from './commands/declare-conflict.js';
import { removeExpert } from './commands/remove-expert.js';
import { entryTexts } from './entry-texts.js';
import { scoreNominee } from './commands/score-nominee.js';
import { assignExpertInput, scoreInput } from './inputs.js';
import './permissions.js';
import { countExpertScores, countScores, findExpertCategories, findExpertEditionIds, findExperts, findExpertWork, findRanking, findResults, findShortlist } from './queries.js';
import { RemoveExpertPage } from './views/RemoveExpertPage.js';
import { ReviewPage, type ReviewNominee } from './views/ReviewPage.js';
import { type RankedNominee, SelectionPage } from './views/SelectionPage.js';

/** Signed-out visitors are sent to sign in; signed-in users without the ability get a 404 (the page is not theirs). */
const gate = (req: FastifyRequest, reply: FastifyReply, ability: string): Actor | null => {
  if (!isSignedIn(req.actor)) {
    reply.seeOther(`/${req.locale}/sign-in?next=${encodeURIComponent(req.url)}`);
    return null;
  }
  if (!can(req.actor, ability)) throw notFound();
  return req.actor;
};

/** The criteria rows of the managers' form (`criteria.N.id|label|weight`), labels stored in the reader's language. */
const criteriaFromForm = (body: unknown, existing: { id: string; label: Record<string, string | undefined> }[], locale: string) => {
  const values = formValues(body);
  const rows: { id: string; label: Record<string, string>; weight: number }[] = [];
  for (let i = 0; i < 20; i++) {
    const id = String(values[`criteria.${i}.id`] ?? '').trim();
    const label = String(values[`criteria.${i}.label`] ?? '').trim();
    const weightRaw = String(values[`criteria.${i}.weight`] ?? '')
      .trim()
      .replace(',', '.');
    if (!id && !label && !weightRaw) continue;
    const before = existing.find((c) => c.id === id)?.label ?? {};
    const kept = Object.fromEntries(Object.entries(before).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    rows.push({ id, label: { ...kept, ...(label ? { [locale]: label } : {}) }, weight: weightRaw === '' || !/^\d+(\.\d+)?$/.test(weightRaw) ? Number.NaN : Number(weightRaw) });
  }
  return rows;
};

export const selectionRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  // The navigation's entries lead to the edition where that role has work: for the managers the
  // one in selection (else the most active), for an expert the most active of the editions where
  // they have categories. With none, a page says so (never a 404).
  app.get('/prizes/selection', async (req, reply) => {
    if (!gate(req, reply, 'prizes.result.confirm')) return reply;
    const edition = mostActiveEdition(await findEditions(db), { order: ['selection', 'announcement', 'voting', 'validation', 'submission', 'between', 'upcoming', 'closed'] });
    if (!edition) return reply.page(NoWorkPage({ view: req.view(reply), message: req.t('prizes.edition.none') }));
    return reply.redirect(`/${req.locale}/prizes/${edition.year}/selection`, 302);
  });

  app.get('/prizes/review', async (req, reply) => {
    const actor = gate(req, reply, 'prizes.selection.score');
    if (!actor) return reply;
    const mine = new Set(await findExpertEditionIds(db, actor.id));
    const edition = mostActiveEdition(
      (await findEditions(db)).filter((e) => mine.has(e.id)),
      { order: ['selection', 'voting', 'validation', 'submission', 'between', 'upcoming', 'announcement', 'closed'] },
    );
    if (!edition) return reply.page(NoWorkPage({ view: req.view(reply), message: req.t('prizes.selection.no_assignment') }));
    return reply.redirect(`/${req.locale}/prizes/${edition.year}/review`, 302);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/selection', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!gate(req, reply, 'prizes.result.confirm')) return reply;
    const [categories, experts, ranking, results, scored] = await Promise.all([
      findCategories(db, edition.id),
      findExperts(db, edition.id),
      findRanking(db, edition),
      findResults(db, edition.id),
      countScores(db, edition.id),
    ]);
    const texts = await entryTexts(
      db,
      ranking.map((r) => r.entryId),
    );
    const rankOf = new Map(results.map((r) => [r.nominationId, r.rank]));
    const rows: RankedNominee[] = ranking.map((r) => ({ ...r, title: texts.get(r.entryId)?.title ?? {}, rank: rankOf.get(r.nominationId) ?? null }));
    return reply.page(
      SelectionPage({
        view: req.view(reply),
        edition,
        years: (await findEditions(db)).map((e) => e.year),
        moment: momentOf(edition),
        categories,
        experts: experts.map((e) => ({ ...e, userId: Number(e.userId) })),
        ranking: rows,
        criteriaLocked: scored > 0,
        canConfirm: Date.now() >= edition.selectionStart.getTime() && Date.now() < edition.announcementStart.getTime(),
        canRemoveExperts: can(req.actor, 'prizes.selection.remove') && Date.now() < edition.announcementStart.getTime(),
      }),
    );
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/selection/criteria', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const actor = gate(req, reply, 'prizes.edition.manage');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${edition.year}/selection#criteria-title`;
    if ((await countScores(db, edition.id)) > 0) {
      reply.flash('error', req.t('prizes.selection.criteria_locked'));
      return reply.seeOther(back);
    }
    const criteria = criteriaFromForm(req.body, edition.criteria, req.locale);
    const ids = criteria.map((c) => c.id);
    const parsed = editionPatchInput.safeParse({ criteria });
    if (!parsed.success || new Set(ids).size !== ids.length || criteria.some((c) => Object.keys(c.label).length === 0 || !LOCALES.some((l) => c.label[l]))) {
      reply.flash('error', req.t('prizes.selection.criteria_invalid'));
      return reply.seeOther(back);
    }
    const result = await updateEdition(db, { actor, year: edition.year, patch: parsed.data, ip: req.ip });
    if (!result.ok) {
      reply.flash('error', req.t('prizes.selection.criteria_invalid'));
      return reply.seeOther(back);
    }
    reply.flash('notice', req.t('prizes.selection.criteria_saved'));
    return reply.seeOther(back);
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/selection/experts', async (req, reply) => {
    const year = pathYear(req.params.year);
    const actor = gate(req, reply, 'prizes.selection.assign');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${year}/selection#experts-title`;
    const parsed = assignExpertInput.safeParse(formValues(req.body));
    if (!parsed.success) {
      reply.flash('error', req.t('prizes.selection.assign_invalid'));
      return reply.seeOther(back);
    }
    const result = await assignExpert(db, { actor, year, input: parsed.data, ip: req.ip });
    if (!result.ok && result.error === 'edition_not_found') throw notFound();
    if (!result.ok) reply.flash('error', req.t(`prizes.selection.errors.${result.error}`));
    else reply.flash('notice', req.t('prizes.selection.assigned', { email: parsed.data.email, category: parsed.data.category }));
    return reply.seeOther(back);
  });

  /** An expert's assignment named by the form or the query (`user`, `category`), or null when malformed. */
  const assignmentOf = (raw: unknown) => {
    const values = formValues(raw);
    const user = String(values.user ?? '');
    const category = String(values.category ?? '');
    return /^[1-9]\d{0,15}$/.test(user) && /^[1-9]\d?$/.test(category) ? { userId: Number(user), category: Number(category) } : null;
  };

  app.get<{ Params: { year: string } }>('/prizes/:year/selection/experts/remove', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!gate(req, reply, 'prizes.selection.remove')) return reply;
    const assignment = assignmentOf(req.query);
    if (!assignment) throw notFound();
    const [experts, categories, results] = await Promise.all([findExperts(db, edition.id), findCategories(db, edition.id), findResults(db, edition.id)]);
    const expert = experts.find((e) => Number(e.userId) === assignment.userId && e.categoryNumber === assignment.category);
    const category = categories.find((c) => c.number === assignment.category);
    if (!expert || !category) throw notFound();
    if (Date.now() >= edition.announcementStart.getTime()) {
      reply.flash('error', req.t('prizes.selection.errors.removal_announced'));
      return reply.seeOther(`/${req.locale}/prizes/${edition.year}/selection#experts-title`);
    }
    const scoreCount = await countExpertScores(db, { editionId: edition.id, category: category.number, userId: assignment.userId });
    const decided = results.some((r) => r.categoryNumber === category.number);
    return reply.page(RemoveExpertPage({ view: req.view(reply), edition, expert: { ...expert, userId: Number(expert.userId) }, category, scoreCount, decided }));
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/selection/experts/remove', async (req, reply) => {
    const year = pathYear(req.params.year);
    const actor = gate(req, reply, 'prizes.selection.remove');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${year}/selection#experts-title`;
    const assignment = assignmentOf(req.body);
    if (!assignment) {
      reply.flash('error', req.t('prizes.selection.errors.expert_not_assigned'));
      return reply.seeOther(back);
    }
    const result = await removeExpert(db, { actor, year, ...assignment, ip: req.ip });
    if (!result.ok && result.error === 'edition_not_found') throw notFound();
    if (!result.ok) reply.flash('error', req.t(`prizes.selection.errors.${result.error}`));
    else
      reply.flash(
        'notice',
        result.scoresKept > 0
          ? req.t('prizes.selection.removed_scores_kept', { category: assignment.category, count: result.scoresKept })
          : req.t('prizes.selection.removed', { category: assignment.category, count: result.scoresRemoved }),
      );
    return reply.seeOther(back);
  });

  app.post<{ Params: { year: string; number: string } }>('/prizes/:year/selection/categories/:number/winner', async (req, reply) => {
    const year = pathYear(req.params.year);
    const category = pathId(req.params.number);
    const actor = gate(req, reply, 'prizes.result.confirm');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${year}/selection#ranking-title`;
    const raw = formValues(req.body).nominationId;
    const nominationId = parseId(raw) ?? 0;
    const result = await confirmResults(db, { actor, year, category, nominationId, baseUrl: config.baseUrl, ip: req.ip });
    if (!result.ok && result.error === 'edition_not_found') throw notFound();
    if (!result.ok) reply.flash('error', req.t(`prizes.selection.errors.${result.error}`));
    else reply.flash('notice', req.t('prizes.selection.confirmed', { category, champions: result.champions.length }));
    return reply.seeOther(back);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/review', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const actor = gate(req, reply, 'prizes.selection.score');
    if (!actor) return reply;
    const mine = await findExpertCategories(db, { editionId: edition.id, userId: actor.id });
    if (mine.length === 0) throw notFound();
    const moment = momentOf(edition);
    const categories = (await findCategories(db, edition.id)).filter((c) => mine.includes(c.number));
    // The shortlist exists once voting has closed.
    const list = Date.now() >= edition.votingEnd.getTime() ? (await findShortlist(db, edition)).filter((n) => mine.includes(n.categoryNumber)) : [];
    const [texts, work] = await Promise.all([
      entryTexts(
        db,
        list.map((n) => n.entryId),
      ),
      findExpertWork(db, { userId: actor.id, nominationIds: list.map((n) => n.nominationId) }),
    ]);
    const nominees: ReviewNominee[] = list.map((n) => {
      const entry = texts.get(n.entryId);
      const score = work.scores.get(n.nominationId);
      return {
        nominationId: n.nominationId,
        categoryNumber: n.categoryNumber,
        entryId: n.entryId,
        title: entry?.title ?? {},
        summary: entry?.summary ?? {},
        originalLanguage: entry?.originalLanguage ?? 'en',
        outdatedLanguages: entry?.outdatedLanguages ?? [],
        conflict: work.conflicts.has(n.nominationId),
        score: score ? { criteria: score.criteria, total: Number(score.total), comment: score.comment } : null,
      };
    });
    const mineIds = new Set(await findExpertEditionIds(db, actor.id));
    const years = (await findEditions(db)).filter((e) => mineIds.has(e.id)).map((e) => e.year);
    return reply.page(ReviewPage({ view: req.view(reply), edition, moment, categories, nominees, years }));
  });

  app.post<{ Params: { year: string; id: string } }>('/prizes/:year/review/:id/score', async (req, reply) => {
    const year = pathYear(req.params.year);
    const nominationId = pathId(req.params.id);
    const actor = gate(req, reply, 'prizes.selection.score');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${year}/review#nominee-${nominationId}`;
    const values = formValues(req.body);
    const criteria: Record<string, number> = {};
    for (const [k, v] of Object.entries(values)) {
      const m = /^criteria\.(.+)$/.exec(k);
      if (m?.[1] && typeof v === 'string' && v.trim() !== '') criteria[m[1]] = /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    }
    const parsed = scoreInput.safeParse({ criteria, comment: typeof values.comment === 'string' ? values.comment : undefined });
    if (!parsed.success) {
      reply.flash('error', req.t('prizes.selection.score_invalid', { max: 10 }));
      return reply.seeOther(back);
    }
    const result = await scoreNominee(db, { actor, nominationId, input: parsed.data, ip: req.ip });
    if (!result.ok && result.error === 'not_found') throw notFound();
    if (!result.ok) reply.flash('error', req.t(`prizes.selection.errors.${result.error}`));
    else reply.flash('notice', req.t('prizes.selection.scored', { total: result.total }));
    return reply.seeOther(back);
  });

  app.post<{ Params: { year: string; id: string } }>('/prizes/:year/review/:id/conflict', async (req, reply) => {
    const year = pathYear(req.params.year);
    const nominationId = pathId(req.params.id);
    const actor = gate(req, reply, 'prizes.selection.score');
    if (!actor) return reply;
    const back = `/${req.locale}/prizes/${year}/review#nominee-${nominationId}`;
    const note = formValues(req.body).note;
    const result = await declareConflict(db, { actor, nominationId, note: typeof note === 'string' ? note.slice(0, 1000) : undefined, ip: req.ip });
    if (!result.ok && result.error === 'not_found') throw notFound();
    if (!result.ok) reply.flash('error', req.t(`prizes.selection.errors.${result.error}`));
    else reply.flash('notice', req.t('prizes.selection.conflict_saved'));
    return reply.seeOther(back);
  });
};
