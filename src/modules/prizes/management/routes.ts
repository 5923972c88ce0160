/**
 * Prize managers' pages (mounted under /:locale/admin): editions, an edition's dates, rules and
 * settings, and the nominations with their decisions. The forms go through the same inputs and
 * commands as the API.
 */
import { pathId, pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { countWords } from '../../../core/i18n/words.js';
import { isLocale, type Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { getEntry } from '../../stocktaking/queries.js';
import { createEdition } from '../commands/create-edition.js';
import { decideNomination } from '../commands/decide-nomination.js';
import { type ReviseCategoriesResult, reviseEditionCategories, updateEdition } from '../commands/update-edition.js';
import { editionPatchInput, NOMINATION_DECISIONS } from '../inputs.js';
import { findCategories, findEditions, findNominations, findPastWinnerEntries, getEditionByYear, getNomination } from '../queries.js';
import { NOMINATION_STATES } from '../tables.js';
import { categoryFromForm, editionFormValues, newEditionFormValues, phasesFromForm, questionsFromForm, settingsFromForm } from './inputs.js';
import { CategoryPage } from './views/CategoryPage.js';
import { EditionAdminPage, EditionsAdminPage } from './views/EditionsAdminPage.js';
import { type NominationRow, NominationsAdminPage } from './views/NominationsAdminPage.js';

const manager = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'prizes.edition.manage');
  return req.actor as Actor;
};

/** At most this many categories in an edition (as the API's schema says). */
const MAX_CATEGORIES = 40;

/** A category number in a path (1 to 99), or NotFound. */
const pathCategory = (raw: string) => {
  const number = pathId(raw);
  if (number > 99) throw notFound();
  return number;
};

/** The localized sentence of a refused change of the categories. */
const categoryRefusal = (req: FastifyRequest, result: Exclude<ReviseCategoriesResult, { ok: true }>, number: number) => {
  switch (result.error) {
    case 'category_exists':
      return req.t('prizes.management.category_exists', { number });
    case 'categories_in_use':
      return req.t('prizes.management.category_in_use', { number });
    case 'last_category':
      return req.t('prizes.management.category_last');
    case 'too_many_categories':
      return req.t('prizes.management.category_too_many', { max: MAX_CATEGORIES });
    default:
      throw notFound();
  }
};

const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

export const managementAdminRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  const renderList = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page(EditionsAdminPage({ view: req.view(reply), editions: await findEditions(db), form }), status);

  app.get('/prizes', async (req, reply) => {
    manager(req);
    const [latest] = await findEditions(db);
    return renderList(req, reply, { values: newEditionFormValues(latest), errors: {} });
  });

  app.post('/prizes', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const { phases, errors } = phasesFromForm(values);
    const year = /^\d{4}$/.test(String(values.year ?? '')) ? Number(values.year) : Number.NaN;
    const messages = translated(req, errors);
    if (!(year >= 2000 && year <= 2100)) messages.year = req.t('prizes.management.year_invalid');
    if (Object.keys(messages).length > 0) return renderList(req, reply, { values, errors: messages }, 422);
    const result = await createEdition(db, { actor, input: { year, phases: phases as Parameters<typeof createEdition>[1]['input']['phases'] }, ip: req.ip });
    if (!result.ok) {
      const field = result.error === 'year_taken' ? 'year' : `${result.phase}.${result.bound}`;
      const message = result.error === 'year_taken' ? req.t('prizes.errors.year_taken', { year }) : req.t('prizes.errors.phases_out_of_order');
      return renderList(req, reply, { values, errors: { [field]: message } }, 422);
    }
    reply.flash('notice', req.t('prizes.management.created', { year }));
    return reply.seeOther(`/${req.locale}/admin/prizes/${year}`);
  });

  const renderEdition = async (req: FastifyRequest, reply: FastifyReply, { year, form, status = 200 }: { year: number; form?: FormState; status?: number }) => {
    const edition = await getEditionByYear(db, year);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const language: Locale = isLocale(query.language) ? query.language : req.locale;
    return reply.page(
      EditionAdminPage({
        view: req.view(reply),
        edition,
        categories: await findCategories(db, edition.id),
        form: form ?? { values: editionFormValues(edition, language), errors: {} },
        embedded: database.kind === 'pglite',
      }),
      status,
    );
  };

  app.get<{ Params: { year: string } }>('/prizes/:year', async (req, reply) => {
    manager(req);
    return renderEdition(req, reply, { year: pathYear(req.params.year) });
  });

  app.post<{ Params: { year: string } }>('/prizes/:year', async (req, reply) => {
    const actor = manager(req);
    const year = pathYear(req.params.year);
    const edition = await getEditionByYear(db, year);
    const values = formValues(req.body);
    const { phases, errors } = phasesFromForm(values);
    if (Object.keys(errors).length > 0) return renderEdition(req, reply, { year, form: { values, errors: translated(req, errors) }, status: 422 });
    const language: Locale = isLocale(values.rulesLanguage) ? values.rulesLanguage : req.locale;
    const rules = { ...edition.rules, [language]: String(values.rules ?? '').trim() };
    if (!rules[language]) delete rules[language];
    const parsed = editionPatchInput.safeParse({ phases, ...settingsFromForm(values, edition), rules, questions: questionsFromForm(values, edition, language) });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0] === 'allowedLanguages' ? 'allowedLanguages' : 'summaryMaxWords';
      return renderEdition(req, reply, { year, form: { values, errors: { [field]: req.t('core.errors.invalid_format') } }, status: 422 });
    }
    const result = await updateEdition(db, { actor, year, patch: parsed.data, ip: req.ip, confirmVoteChanges: values.confirmVoteChanges === 'yes' });
    if (!result.ok) {
      const [field, message] =
        result.error === 'phases_out_of_order'
          ? [`${result.phase}.${result.bound}`, req.t('prizes.errors.phases_out_of_order')]
          : result.error === 'word_limits'
            ? ['summaryMinWords', req.t('prizes.errors.word_limits')]
            : result.error === 'votes_exist'
              ? ['confirmVoteChanges', req.t('prizes.errors.votes_exist', { votes: result.votes, changed: result.changed })]
              : ['_form', req.t('prizes.errors.categories_in_use')];
      return renderEdition(req, reply, { year, form: { values, errors: { [field]: message } }, status: 422 });
    }
    reply.flash('notice', req.t('prizes.management.saved'));
    return reply.seeOther(`/${req.locale}/admin/prizes/${year}?language=${language}`);
  });

  app.get<{ Params: { year: string }; Querystring: { state?: string; category?: string } }>('/prizes/:year/nominations', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.decide');
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const state = (NOMINATION_STATES as readonly string[]).includes(req.query.state ?? '') ? (req.query.state as (typeof NOMINATION_STATES)[number]) : undefined;
    const category = /^\d{1,2}$/.test(req.query.category ?? '') ? Number(req.query.category) : undefined;
    const [all, categories] = await Promise.all([findNominations(db, { editionId: edition.id }), findCategories(db, edition.id)]);
    const shown = all.filter((n) => (!state || n.state === state) && (category === undefined || n.categoryNumber === category));
    const winners = new Set(await findPastWinnerEntries(db, { year: edition.year, entryIds: shown.map((n) => n.entryId) }));
    const rows: NominationRow[] = [];
    for (const n of shown) {
      let title: NominationRow['title'] = null;
      let summaryWords: number | null = null;
      try {
        const entry = await getEntry(db, { actor: null, id: n.entryId });
        title = entry.title;
        summaryWords = countWords(entry.summary[entry.originalLanguage] ?? '', entry.originalLanguage);
      } catch {
        // no longer published
      }
      const otherCategories = all.filter((o) => o.entryId === n.entryId && o.id !== n.id && o.state !== 'rejected' && o.state !== 'withdrawn').map((o) => o.categoryNumber);
      rows.push({ ...n, title, summaryWords, otherCategories, pastWinner: winners.has(n.entryId) });
    }
    return reply.page(
      NominationsAdminPage({ view: req.view(reply), edition, categories, rows, filter: { state, category }, decidable: Date.now() < edition.votingStart.getTime() }),
    );
  });

  app.post<{ Params: { id: string } }>('/prizes/nominations/:id/decision', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.decide');
    const nomination = await getNomination(db, pathId(req.params.id));
    const values = formValues(req.body);
    const decision = (NOMINATION_DECISIONS as readonly string[]).includes(String(values.decision)) ? (values.decision as (typeof NOMINATION_DECISIONS)[number]) : null;
    const editions = await findEditions(db);
    const year = editions.find((e) => e.id === nomination.editionId)?.year;
    const back = `/${req.locale}/admin/prizes/${year}/nominations#nomination-${nomination.id}`;
    if (!decision) {
      reply.flash('error', req.t('prizes.management.choose_decision'));
      return reply.seeOther(back);
    }
    const result = await decideNomination(db, {
      actor: req.actor as Actor,
      id: nomination.id,
      input: { decision, reason: typeof values.reason === 'string' ? values.reason.slice(0, 5000) : null },
      baseUrl: config.baseUrl,
      ip: req.ip,
    });
    if (result.ok) reply.flash('notice', req.t('prizes.management.decided', { decision: req.t(`prizes.management.decision_${decision}`) }));
    else
      reply.flash(
        'error',
        req.t(
          result.error === 'reason_required'
            ? 'prizes.errors.reason_required'
            : result.error === 'voting_started'
              ? 'prizes.errors.voting_started'
              : 'prizes.errors.nomination_withdrawn',
        ),
      );
    return reply.seeOther(back);
  });
  // An edition's categories: added, edited (action line, titles) and removed one at a time
  // through the command of the API's PATCH (same checks, same audit).
  const renderCategory = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { year, number, form, removal, status = 200 }: { year: number; number: number | null; form?: FormState; removal?: FormState; status?: number },
  ) => {
    const edition = await getEditionByYear(db, year);
    const category = number === null ? null : ((await findCategories(db, edition.id)).find((c) => c.number === number) ?? null);
    if (number !== null && !category) throw notFound();
    const values: FormState['values'] = category
      ? { actionLine: category.actionLine, ...Object.fromEntries(Object.entries(category.title).map(([l, v]) => [`title.${l}`, v])) }
      : {};
    return reply.page(CategoryPage({ view: req.view(reply), edition, category, form: form ?? emptyForm(values), removal: removal ?? emptyForm() }), status);
  };

  app.get<{ Params: { year: string } }>('/prizes/:year/categories/new', async (req, reply) => {
    manager(req);
    return renderCategory(req, reply, { year: pathYear(req.params.year), number: null });
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/categories', async (req, reply) => {
    const actor = manager(req);
    const year = pathYear(req.params.year);
    const values = formValues(req.body);
    const parsed = categoryFromForm(values, { locale: req.locale, t: req.t });
    if (!parsed.ok) return renderCategory(req, reply, { year, number: null, form: { values, errors: parsed.errors }, status: 422 });
    const added = parsed.category;
    const result = await reviseEditionCategories(db, {
      actor,
      year,
      ip: req.ip,
      revise: (current) => {
        if (current.some((c) => c.number === added.number)) return { ok: false, error: 'category_exists' };
        if (current.length >= MAX_CATEGORIES) return { ok: false, error: 'too_many_categories' };
        return { ok: true, categories: [...current, added].sort((a, b) => a.number - b.number) };
      },
    });
    if (!result.ok) {
      const field = result.error === 'category_exists' ? 'number' : '_form';
      return renderCategory(req, reply, { year, number: null, form: { values, errors: { [field]: categoryRefusal(req, result, added.number) } }, status: 422 });
    }
    reply.flash('notice', req.t('prizes.management.category_added', { number: added.number }));
    return reply.seeOther(`/${req.locale}/admin/prizes/${year}#categories-title`);
  });

  app.get<{ Params: { year: string; number: string } }>('/prizes/:year/categories/:number', async (req, reply) => {
    manager(req);
    return renderCategory(req, reply, { year: pathYear(req.params.year), number: pathCategory(req.params.number) });
  });

  app.post<{ Params: { year: string; number: string } }>('/prizes/:year/categories/:number', async (req, reply) => {
    const actor = manager(req);
    const year = pathYear(req.params.year);
    const number = pathCategory(req.params.number);
    const values = formValues(req.body);
    const parsed = categoryFromForm(values, { number, locale: req.locale, t: req.t });
    if (!parsed.ok) return renderCategory(req, reply, { year, number, form: { values, errors: parsed.errors }, status: 422 });
    const edited = parsed.category;
    const result = await reviseEditionCategories(db, {
      actor,
      year,
      ip: req.ip,
      revise: (current) =>
        current.some((c) => c.number === number) ? { ok: true, categories: current.map((c) => (c.number === number ? edited : c)) } : { ok: false, error: 'category_not_found' },
    });
    if (!result.ok) return renderCategory(req, reply, { year, number, form: { values, errors: { _form: categoryRefusal(req, result, number) } }, status: 422 });
    reply.flash('notice', req.t('prizes.management.category_saved', { number }));
    return reply.seeOther(`/${req.locale}/admin/prizes/${year}#categories-title`);
  });

  app.post<{ Params: { year: string; number: string } }>('/prizes/:year/categories/:number/remove', async (req, reply) => {
    const actor = manager(req);
    const year = pathYear(req.params.year);
    const number = pathCategory(req.params.number);
    const values = formValues(req.body);
    if (values.confirm !== 'yes') {
      const removal = { values, errors: { confirm: req.t('prizes.management.category_remove_unconfirmed') } };
      return renderCategory(req, reply, { year, number, removal, status: 422 });
    }
    const result = await reviseEditionCategories(db, {
      actor,
      year,
      ip: req.ip,
      revise: (current) => {
        if (!current.some((c) => c.number === number)) return { ok: false, error: 'category_not_found' };
        if (current.length === 1) return { ok: false, error: 'last_category' };
        return { ok: true, categories: current.filter((c) => c.number !== number) };
      },
    });
    if (!result.ok) return renderCategory(req, reply, { year, number, removal: { values, errors: { confirm: categoryRefusal(req, result, number) } }, status: 409 });
    reply.flash('notice', req.t('prizes.management.category_removed', { number }));
    return reply.seeOther(`/${req.locale}/admin/prizes/${year}#categories-title`);
  });
};
