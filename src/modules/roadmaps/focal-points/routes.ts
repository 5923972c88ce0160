/**
 * Roadmaps' focal-points folder: the public page of the focal points serving per action line, the
 * secretariat's page (appoint, end) and the read API.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findActionLines } from '../../reference/queries.js';
import { today } from '../queries.js';
import { BUREAUX } from '../tables.js';
import { appointFocalPoint } from './commands/appoint-focal-point.js';
import { endFocalPoint } from './commands/end-focal-point.js';
import { appointFromForm, endFromForm } from './inputs.js';
import { findAppointments, findCurrentFocalPoints } from './queries.js';
import { FocalPointsPage, ManageFocalPointsPage } from './views/FocalPointsPage.js';

const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

export const focalPointsRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  app.get('/roadmaps/focal-points', async (req, reply) => {
    const [focalPoints, lines] = await Promise.all([findCurrentFocalPoints(db), findActionLines(db)]);
    return reply.page(FocalPointsPage({ view: req.view(reply), focalPoints, lineTitles: new Map(lines.map((l) => [l.code, localizeWithLocale(l.title, req.locale).text])) }));
  });
};

export const focalPointsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const manager = (req: FastifyRequest): Actor => {
    authorize(req.actor, 'roadmaps.roadmap.manage');
    return req.actor as Actor;
  };
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { appoint, ends = {}, code = 200 }: { appoint?: FormState; ends?: Record<number, FormState>; code?: number } = {},
  ) => {
    const [appointments, lines] = await Promise.all([findAppointments(db), findActionLines(db)]);
    return reply.page(
      ManageFocalPointsPage({
        view: req.view(reply),
        appointments,
        actionLines: lines.map((l) => ({ code: l.code, title: localizeWithLocale(l.title, req.locale).text })),
        appoint: appoint ?? emptyForm({ appointedOn: today() }),
        ends,
        today: today(),
      }),
      code,
    );
  };
  app.get('/roadmaps/focal-points', async (req, reply) => {
    manager(req);
    return render(req, reply);
  });
  app.post('/roadmaps/focal-points', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const parsed = appointFromForm(values);
    if (!parsed.ok) return render(req, reply, { appoint: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await appointFocalPoint(db, { actor, input: parsed.input, ip: req.ip });
    if (!result.ok) return render(req, reply, { appoint: { values, errors: { [result.field]: req.t(`roadmaps.focal_points.errors.${result.error}`) } }, code: 400 });
    reply.flash(result.hasRole ? 'notice' : 'warning', req.t(result.hasRole ? 'roadmaps.focal_points.appointed' : 'roadmaps.focal_points.appointed_without_role'));
    return reply.seeOther(`/${req.locale}/admin/roadmaps/focal-points`);
  });
  app.post<{ Params: { id: string } }>('/roadmaps/focal-points/:id/end', async (req, reply) => {
    const actor = manager(req);
    const id = pathId(req.params.id);
    const values = formValues(req.body);
    const parsed = endFromForm(values);
    if (!parsed.ok) return render(req, reply, { ends: { [id]: { values, errors: translated(req, parsed.errors) } }, code: 400 });
    const result = await endFocalPoint(db, { actor, id, endedOn: parsed.input.endedOn, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return render(req, reply, { ends: { [id]: { values, errors: { endedOn: req.t(`roadmaps.focal_points.errors.${result.error}`) } } }, code: 400 });
    }
    reply.flash('notice', req.t('roadmaps.focal_points.ended'));
    return reply.seeOther(`/${req.locale}/admin/roadmaps/focal-points`);
  });
};

const focalPointOut = z.object({
  name: z.string(),
  bureau: z.enum(BUREAUX).describe('GS (General Secretariat), BR, TSB or BDT'),
  actionLine: z.string().meta({ example: 'C5' }),
  appointedOn: z.string().meta({ example: '2026-01-15' }),
});

/** GET /api/v1/focal-points. */
export const focalPointsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/focal-points',
    { schema: { tags: ['roadmaps'], summary: 'Focal points serving today, by action line (name and bureau)', response: { 200: z.object({ items: z.array(focalPointOut) }) } } },
    async () => ({ items: await findCurrentFocalPoints(db) }),
  );
};
