/**
 * Contributors nominate their published entries during the submission phase, answering the
 * edition's questions; every refusal names the rule, beside the field it concerns.
 */
import { pathId, pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import type { FormState } from '../../../core/views/components.js';
import { findOrganizationsOfUser } from '../../accounts/queries.js';
import { findPublishedEntriesOfOwner, getEntry } from '../../stocktaking/queries.js';
import { refusalMessage } from '../api-routes.js';
import { submitNomination } from '../commands/submit-nomination.js';
import { withdrawNomination, withdrawRefusal } from '../commands/withdraw-nomination.js';
import { momentOf } from '../phases.js';
import { findCategories, findNominationsOfSubmitter, getEditionByYear, getNomination } from '../queries.js';
import './permissions.js';
import { NominatePage } from './views/NominatePage.js';
import { WithdrawPage } from './views/WithdrawPage.js';

export const nominationRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;

  const render = async (req: FastifyRequest, reply: FastifyReply, { year, form, status = 200 }: { year: number; form: FormState; status?: number }) => {
    const actor = req.actor as Actor;
    const edition = await getEditionByYear(db, year);
    const organizations = await findOrganizationsOfUser(db, actor.id);
    const [categories, entries, mine] = await Promise.all([
      findCategories(db, edition.id),
      findPublishedEntriesOfOwner(db, { userId: actor.id, organizationIds: organizations.map((o) => o.id) }),
      findNominationsOfSubmitter(db, actor.id),
    ]);
    const ofEdition = mine.filter((n) => n.editionId === edition.id);
    return reply.page(
      NominatePage({
        view: req.view(reply),
        edition,
        open: momentOf(edition) === 'submission',
        categories,
        entries,
        nominations: ofEdition,
        withdrawable: new Set(ofEdition.filter((n) => withdrawRefusal(n, edition) === null).map((n) => n.id)),
        form,
      }),
      status,
    );
  };

  app.get<{ Params: { year: string }; Querystring: { entryId?: string } }>('/prizes/:year/nominate', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.create');
    // Offered from an entry's page ("nominate"): that entry is chosen in the form.
    const entryId = /^\d{1,12}$/.test(String(req.query?.entryId ?? '')) ? String(req.query.entryId) : undefined;
    return render(req, reply, { year: pathYear(req.params.year), form: { values: entryId ? { entryId } : {}, errors: {} } });
  });

  app.post<{ Params: { year: string } }>('/prizes/:year/nominate', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.create');
    const year = pathYear(req.params.year);
    const values = formValues(req.body);
    const entryId = Number(values.entryId);
    const category = Number(values.category);
    const answers = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => k.startsWith('answer-') && typeof v === 'string')
        .map(([k, v]) => [k.slice('answer-'.length), String(v)]),
    );
    const errors: Record<string, string> = {};
    if (!Number.isSafeInteger(entryId) || entryId < 1) errors.entryId = req.t('core.errors.required');
    if (!Number.isInteger(category) || category < 1 || category > 99) errors.category = req.t('core.errors.required');
    if (Object.keys(errors).length > 0) return render(req, reply, { year, form: { values, errors }, status: 422 });
    const result = await submitNomination(db, { actor: req.actor as Actor, year, input: { entryId, category, answers } });
    if (!result.ok) {
      if (result.error === 'edition_not_found') throw notFound();
      const field = result.field?.startsWith('answers/') ? `answer-${result.field.slice('answers/'.length)}` : (result.field ?? 'entryId');
      return render(req, reply, { year, form: { values, errors: { [field]: refusalMessage(req.t, result) } }, status: 422 });
    }
    reply.flash('notice', req.t('prizes.nomination.submitted'));
    return reply.seeOther(`/${req.locale}/prizes/${year}/nominate`);
  });
  /** The actor's own nomination of this edition, or NotFound (someone else's is not theirs to see). */
  const ownNomination = async (req: FastifyRequest<{ Params: { year: string; id: string } }>) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const nomination = await getNomination(db, pathId(req.params.id));
    if (nomination.editionId !== edition.id || nomination.submitterId !== (req.actor as Actor).id) throw notFound();
    return { edition, nomination };
  };

  app.get<{ Params: { year: string; id: string } }>('/prizes/:year/nominations/:id/withdraw', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.withdraw');
    const { edition, nomination } = await ownNomination(req);
    const refusal = withdrawRefusal(nomination, edition);
    if (refusal) {
      reply.flash('error', req.t(`prizes.nomination.withdraw_${refusal}`));
      return reply.seeOther(`/${req.locale}/prizes/${edition.year}/nominate`);
    }
    let entryTitle = null;
    try {
      entryTitle = (await getEntry(db, { actor: req.actor, id: nomination.entryId })).title;
    } catch {
      // the entry is no longer visible: its number stands for it
    }
    return reply.page(WithdrawPage({ view: req.view(reply), edition, nomination, entryTitle }));
  });

  app.post<{ Params: { year: string; id: string } }>('/prizes/:year/nominations/:id/withdraw', async (req, reply) => {
    authorize(req.actor, 'prizes.nomination.withdraw');
    const { edition, nomination } = await ownNomination(req);
    const result = await withdrawNomination(db, { actor: req.actor as Actor, id: nomination.id, ip: req.ip });
    if (!result.ok && result.error === 'not_found') throw notFound();
    reply.flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'prizes.nomination.withdrawn' : `prizes.nomination.withdraw_${result.error}`));
    return reply.seeOther(`/${req.locale}/prizes/${edition.year}/nominate`);
  });
};
