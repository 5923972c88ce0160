/**
 * Moderation: the queue with bulk decisions, one entry's review and decision, the yearly calls
 * for updates (back office, 'stocktaking.entry.moderate'), and an entry's history with the
 * changes of every version (its owners and the moderators).
 */
import { parseIds, pathId } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formValues, parseForm } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { type Actor, authorize, can, Forbidden, isSignedIn } from '../../../core/permissions/index.js';
import type { FormState } from '../../../core/views/components.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { findOrganizationLabels } from '../../accounts/queries.js';
import { findActionLines } from '../../reference/queries.js';
import { decideEntry } from '../commands/decide-entry.js';
import { DECISIONS } from '../inputs.js';
import { getEntryForOwner } from '../submission/queries.js';
import { decideEntries } from './commands/decide-entries.js';
import { openCall } from './commands/open-call.js';
import { completenessHints } from './completeness.js';
import { diffContent } from './diff.js';
import { findImagesByIds } from '../images/queries.js';
import { findCalls, findContentAtLastReturn, findEntryHistory, findLikelyDuplicates, findOpenCall, findQueue, findRevisions, getEntryForReview, QUEUE_KINDS } from './queries.js';
import { CallsPage } from './views/CallsPage.js';
import { HistoryPage, type VersionView } from './views/HistoryPage.js';
import { QueuePage } from './views/QueuePage.js';
import { ReviewPage } from './views/ReviewPage.js';

const queueQuery = z.object({
  kind: z.enum(QUEUE_KINDS).catch('all'),
  language: z.enum(LOCALES).optional().catch(undefined),
  actionLine: z
    .string()
    .regex(/^C\d{1,2}(\.[a-z-]{1,20})?$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const decisionForm = z.object({
  decision: z.enum(DECISIONS),
  comment: z.string().trim().max(5000).optional(),
});

const isoDay = z.iso.date();
const callForm = z.object({ opensOn: isoDay, closesOn: isoDay });

const ids = (body: unknown) => {
  const raw = formValues(body).ids;
  return parseIds(raw);
};

const moderator = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'stocktaking.entry.moderate');
  return req.actor as Actor;
};

/** The organization's public name, null for none or a deleted one. */
const organizationName = async (db: DbOrTx, id: number | null) => (id === null ? null : ((await findOrganizationLabels(db, [id])).get(id) ?? null));

const today = () => new Date().toISOString().slice(0, 10);

/** Back office pages, mounted under /:locale/admin. */
export const moderationAdminRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  app.get('/stocktaking', async (req, reply) => {
    moderator(req);
    const filter = queueQuery.parse(req.query ?? {});
    const { items, total } = await findQueue(db, filter);
    const duplicates = await findLikelyDuplicates(
      db,
      items.map((i) => ({ id: i.id, content: i.content, submitterId: i.submitterId })),
    );
    const rows = items.map((i) => ({ ...i, hints: completenessHints(i.content), duplicates: duplicates.get(i.id) ?? [] }));
    const [lines, call] = await Promise.all([findActionLines(db), findOpenCall(db, today())]);
    return reply.page(QueuePage({ view: req.view(reply), rows, total, filter, actionLines: lines, openCall: call }));
  });

  app.post('/stocktaking/decisions', async (req, reply) => {
    const actor = moderator(req);
    const parsed = decisionForm.safeParse(formValues(req.body));
    const chosen = ids(req.body);
    if (!parsed.success || chosen.length === 0) {
      reply.flash('error', req.t(chosen.length === 0 ? 'stocktaking.moderation.none_selected' : 'stocktaking.moderation.choose_decision'));
      return reply.seeOther(`/${req.locale}/admin/stocktaking`);
    }
    if (parsed.data.decision !== 'publish' && !parsed.data.comment) {
      reply.flash('error', req.t('stocktaking.errors.comment_required'));
      return reply.seeOther(`/${req.locale}/admin/stocktaking`);
    }
    const outcomes = await decideEntries(db, { actor, ids: chosen, decision: parsed.data.decision, comment: parsed.data.comment, baseUrl: config.baseUrl, ip: req.ip });
    const done = outcomes.filter((o) => o.result.ok).length;
    const failed = outcomes.length - done;
    reply.flash('notice', req.t('stocktaking.moderation.bulk_done', { count: done, decision: req.t(`stocktaking.moderation.decision_${parsed.data.decision}`) }));
    if (failed > 0) reply.flash('error', req.t('stocktaking.moderation.bulk_failed', { count: failed }));
    return reply.seeOther(`/${req.locale}/admin/stocktaking`);
  });

  const renderCalls = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page(CallsPage({ view: req.view(reply), rows: await findCalls(db), form }), status);

  app.get('/stocktaking/calls', async (req, reply) => {
    authorize(req.actor, 'stocktaking.call.open');
    const start = new Date();
    const end = new Date(start.getTime() + 60 * 86_400_000);
    return renderCalls(req, reply, { values: { opensOn: start.toISOString().slice(0, 10), closesOn: end.toISOString().slice(0, 10) }, errors: {} });
  });

  app.post('/stocktaking/calls', async (req, reply) => {
    authorize(req.actor, 'stocktaking.call.open');
    const parsed = parseForm(callForm, req.body, req.t);
    if (!parsed.ok) return renderCalls(req, reply, parsed.form, 422);
    const result = await openCall(db, { actor: req.actor as Actor, ...parsed.data, baseUrl: config.baseUrl, ip: req.ip });
    if (!result.ok) {
      const message = req.t(result.error === 'closes_before_opens' ? 'stocktaking.moderation.closes_before_opens' : 'stocktaking.moderation.closed_in_past');
      return renderCalls(req, reply, { values: parsed.form.values, errors: { closesOn: message } }, 422);
    }
    reply.flash('notice', req.t('stocktaking.moderation.call_opened', { owners: result.ownersNotified, entries: result.entriesConcerned }));
    return reply.seeOther(`/${req.locale}/admin/stocktaking/calls`);
  });

  const renderReview = async (req: FastifyRequest, reply: FastifyReply, { id, form, status = 200 }: { id: number; form: FormState; status?: number }) => {
    const review = await getEntryForReview(db, id);
    if (!review) throw notFound();
    const content = review.pending?.content ?? review.published;
    const [duplicates, steps, organization, images, returned] = await Promise.all([
      findLikelyDuplicates(db, [{ id, content, submitterId: review.entry.submitterId }]),
      findEntryHistory(db, id),
      organizationName(db, content.organizationId),
      findImagesByIds(db, { entryId: id, ids: content.imageIds ?? [] }),
      review.entry.state === 'submitted' ? findContentAtLastReturn(db, id) : null,
    ]);
    return reply.page(
      ReviewPage({
        view: req.view(reply),
        id,
        state: review.entry.state,
        content,
        changes: review.pending ? diffContent(review.published, review.pending.content) : null,
        // A resubmission after a return: what the submitter changed since.
        resubmittedChanges: returned ? diffContent(returned, content) : null,
        images,
        submitter: { name: review.submitterName, email: review.submitterEmail },
        organization,
        hints: completenessHints(content),
        duplicates: duplicates.get(id) ?? [],
        steps,
        decidable: review.entry.state === 'submitted' || review.pending !== null,
        form,
      }),
      status,
    );
  };

  app.get<{ Params: { id: string } }>('/stocktaking/:id', async (req, reply) => {
    moderator(req);
    return renderReview(req, reply, { id: pathId(req.params.id), form: { values: {}, errors: {} } });
  });

  app.post<{ Params: { id: string } }>('/stocktaking/:id/decision', async (req, reply) => {
    const actor = moderator(req);
    const id = pathId(req.params.id);
    const parsed = parseForm(decisionForm, req.body, req.t);
    if (!parsed.ok) return renderReview(req, reply, { id, form: parsed.form, status: 422 });
    const result = await decideEntry(db, { actor, id, decision: parsed.data.decision, comment: parsed.data.comment, baseUrl: config.baseUrl, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      const key =
        result.error === 'comment_required'
          ? 'stocktaking.errors.comment_required'
          : result.error === 'already_decided'
            ? 'stocktaking.errors.already_decided'
            : 'stocktaking.moderation.nothing_to_decide';
      const field = result.error === 'comment_required' ? 'comment' : 'decision';
      return renderReview(req, reply, { id, form: { values: parsed.form.values, errors: { [field]: req.t(key) } }, status: 422 });
    }
    reply.flash('notice', req.t('stocktaking.moderation.decided', { decision: req.t(`stocktaking.moderation.decision_${parsed.data.decision}`) }));
    return reply.seeOther(`/${req.locale}/admin/stocktaking`);
  });
};

/** An entry's history for its owners and the moderators, mounted under /:locale. */
export const historyRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  app.get<{ Params: { id: string } }>('/stocktaking/:id/history', async (req, reply) => {
    if (!isSignedIn(req.actor)) throw new Forbidden('stocktaking.entry.view', false);
    const owned = await getEntryForOwner(db, { actor: req.actor, id: pathId(req.params.id) });
    // Published entries are public, their history is not: only owners and moderators see it.
    if (!owned || !(can(req.actor, 'stocktaking.entry.edit', owned.subject) || owned.subject.entry.submitterId === req.actor.id || can(req.actor, 'stocktaking.entry.moderate'))) {
      throw notFound();
    }
    const [steps, revisions] = await Promise.all([findEntryHistory(db, owned.entry.id), findRevisions(db, owned.entry.id)]);
    const ascending = [...revisions].reverse();
    const versions: VersionView[] = revisions.map((r) => {
      // Each version is compared with the last accepted one before it (version 0: the first published).
      const base = ascending.filter((b) => b.number < r.number && b.state === 'accepted').at(-1);
      return {
        number: r.number,
        state: r.state,
        createdAt: r.createdAt,
        decidedAt: r.decidedAt,
        comment: r.comment,
        changes: base ? diffContent(base.content, r.content) : null,
      };
    });
    return reply.page(HistoryPage({ view: req.view(reply), entryId: owned.entry.id, title: owned.content.title, steps, versions }));
  });
};
