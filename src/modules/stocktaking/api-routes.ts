import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemErrors } from '../../core/http/forms.js';
import { conflict, notFound, sendProblem } from '../../core/http/problems.js';
import { type Actor, authorize, Forbidden, isSignedIn } from '../../core/permissions/index.js';
import { registerEntryReadApi } from './api-read.js';
import { createEntry } from './commands/create-entry.js';
import { decideEntry } from './commands/decide-entry.js';
import type { ContentError } from './commands/entry-content.js';
import { submitEntry } from './commands/submit-entry.js';
import { updateEntry } from './commands/update-entry.js';
import { IMAGES_PER_ENTRY } from './images/process.js';
import { decisionInput, entryIdParam, entryInput, entryPatchInput } from './inputs.js';
import { ENTRY_STATES } from './tables.js';

type FieldError = { pointer: string; detail: string };

/** An RFC 9457 problem for input that is well-formed but breaks a rule (unknown codes, missing comment…). */
const problem = (req: FastifyRequest, reply: FastifyReply, status: 400 | 422, errors: FieldError[]) =>
  sendProblem(req, reply, status, { title: req.t('core.errors.validation_title'), detail: req.t('core.errors.validation_detail'), errors });

/** Field errors of a content rule, pointing at each unknown code in what the caller sent. */
const contentErrors = (req: FastifyRequest, error: ContentError | { ok: false; error: 'too_many_images' }, body: Record<string, unknown>): FieldError[] => {
  if (error.error === 'too_many_images') return [{ pointer: '/images', detail: req.t('stocktaking.errors.too_many_images', { max: IMAGES_PER_ENTRY }) }];
  if (error.error !== 'unknown_codes') {
    const key = error.error === 'organization_required' ? 'stocktaking.errors.organization_required' : 'stocktaking.errors.unknown_organization';
    return [{ pointer: '/organizationId', detail: req.t(key) }];
  }
  return Object.entries(error.fields).flatMap(([field, codes]) =>
    (codes ?? []).map((code) => {
      const sent = body[field];
      const index = Array.isArray(sent) ? sent.findIndex((v) => String(v).trim().toUpperCase() === String(code).toUpperCase()) : -1;
      return { pointer: index >= 0 ? `/${field}/${index}` : `/${field}`, detail: req.t('stocktaking.errors.unknown_code', { code: String(code) }) };
    }),
  );
};

const signedIn = (req: FastifyRequest, ability: string): Actor => {
  if (!isSignedIn(req.actor)) throw new Forbidden(ability, false);
  return req.actor;
};

const stateAnswer = z.object({ id: z.number().int(), state: z.enum(ENTRY_STATES) });

/** JSON API of the Stocktaking database: reads (api-read.ts) and writes (below). */
export const stocktakingApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerEntryReadApi(app);

  app.post(
    '/entries',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'Create a draft entry (422 with field pointers for unknown codes or organization)',
        security: [{ bearer: [] }],
        body: entryInput,
        response: { 201: stateAnswer.extend({ unlinkedSdgs: z.array(z.number().int()).describe('Warning: SDGs that no chosen action line links to') }) },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'stocktaking.entry.create');
      const result = await createEntry(app.platform.database.db, { actor: req.actor as Actor, input: req.body, ip: req.ip });
      if (!result.ok) return problem(req, reply, 422, contentErrors(req, result, req.body));
      return reply.code(201).send({ id: result.id, state: result.state, unlinkedSdgs: result.unlinkedSdgs });
    },
  );

  app.patch(
    '/entries/:id',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'Edit an entry: a draft or returned entry changes in place; a published one gets a revision to moderate',
        description: 'Texts go to `language` (the original language by default); null clears an optional field.',
        security: [{ bearer: [] }],
        params: entryIdParam,
        body: entryPatchInput,
        response: { 200: stateAnswer.extend({ revisionId: z.number().int().nullable(), unlinkedSdgs: z.array(z.number().int()) }) },
      },
    },
    async (req, reply) => {
      const actor = signedIn(req, 'stocktaking.entry.edit');
      const result = await updateEntry(app.platform.database.db, { actor, id: req.params.id, patch: req.body, ip: req.ip });
      if (result.ok) return { id: result.id, state: result.state, revisionId: result.revisionId, unlinkedSdgs: result.unlinkedSdgs };
      switch (result.error) {
        case 'not_found':
          throw notFound();
        case 'forbidden':
          throw new Forbidden('stocktaking.entry.edit', true);
        case 'invalid_state':
          throw conflict('stocktaking.errors.not_editable');
        case 'invalid':
          return problem(req, reply, 400, problemErrors(result.issues, req.t));
        case 'too_many_images':
          return problem(req, reply, 422, contentErrors(req, { ok: false, error: 'too_many_images' }, req.body));
        default:
          return problem(req, reply, 422, contentErrors(req, result, req.body));
      }
    },
  );

  app.post(
    '/entries/:id/submit',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'Send a draft or returned entry to the moderators',
        security: [{ bearer: [] }],
        params: entryIdParam,
        response: { 200: stateAnswer },
      },
    },
    async (req) => {
      const actor = signedIn(req, 'stocktaking.entry.submit');
      const result = await submitEntry(app.platform.database.db, { actor, id: req.params.id, ip: req.ip });
      if (result.ok) return { id: result.id, state: result.state };
      if (result.error === 'not_found') throw notFound();
      if (result.error === 'forbidden') throw new Forbidden('stocktaking.entry.submit', true);
      throw conflict('stocktaking.errors.not_submittable');
    },
  );

  app.post(
    '/entries/:id/decision',
    {
      schema: {
        tags: ['stocktaking'],
        summary: 'Moderators: publish, return or reject a submitted entry (or the pending revision of a published one)',
        description: 'A comment is required to return or reject; the submitter receives it by e-mail in their language.',
        security: [{ bearer: [] }],
        params: entryIdParam,
        body: decisionInput,
        response: { 200: stateAnswer.extend({ revisionId: z.number().int().optional() }) },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'stocktaking.entry.moderate');
      const { decision, comment } = req.body;
      const result = await decideEntry(app.platform.database.db, {
        actor: req.actor as Actor,
        id: req.params.id,
        decision,
        comment,
        baseUrl: app.platform.config.baseUrl,
        ip: req.ip,
      });
      if (result.ok) return { id: result.id, state: result.state, ...(result.revisionId ? { revisionId: result.revisionId } : {}) };
      switch (result.error) {
        case 'not_found':
          throw notFound();
        case 'comment_required':
          return problem(req, reply, 422, [{ pointer: '/comment', detail: req.t('stocktaking.errors.comment_required') }]);
        case 'already_decided':
          throw conflict('stocktaking.errors.already_decided');
        default:
          throw conflict('stocktaking.errors.not_decidable');
      }
    },
  );
};
