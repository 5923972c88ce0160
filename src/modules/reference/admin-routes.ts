import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, withError } from '../../core/http/forms.js';
import { notFound } from '../../core/http/problems.js';
import { type Actor, authorize } from '../../core/permissions/index.js';
import { type FormState, emptyForm } from '../../core/views/components.js';
import { addMatrixLink } from './commands/add-matrix-link.js';
import { deleteMatrixLink } from './commands/delete-matrix-link.js';
import { updateMatrixLink } from './commands/update-matrix-link.js';
import { addMatrixLinkInput, matrixAdminQuery, parseSdgNumber, updateMatrixLinkInput } from './inputs.js';
import { findActionLines, findMatrixLinks, findSdgs, findSdgTargets, getMatrixLink, type MatrixLink } from './queries.js';
import { linkAnchor, MatrixAdminPage } from './views/admin/MatrixAdminPage.js';
import { MatrixLinkEditPage } from './views/admin/MatrixLinkEditPage.js';

type LinkParams = { Params: { actionLine: string; sdg: string } };

const ABILITY = 'reference.matrix.edit';

const sdgFromParam = (raw: string) => {
  const number = parseSdgNumber(raw);
  if (number === null) throw notFound();
  return number;
};

/** The acting administrator (authorize() has already thrown for anybody else). */
const adminActor = (req: FastifyRequest): Actor => {
  authorize(req.actor, ABILITY);
  return req.actor as Actor;
};

const listUrl = (req: FastifyRequest, link?: { actionLine: string; sdg: number }) =>
  `/${req.locale}/admin/reference/matrix${link ? `?actionLine=${encodeURIComponent(link.actionLine)}#${linkAnchor(link)}` : ''}`;

const unknownTargetsMessage = (req: FastifyRequest, codes: string[]) => req.t('reference.admin.errors.unknown_targets', { codes: codes.join(', '), count: codes.length });

/** Admin: the WSIS–SDG matrix editor (ability 'reference.matrix.edit', administrators only). */
export const referenceAdminRoutes: FastifyPluginAsync = async (app) => {
  const renderList = async (req: FastifyRequest, reply: FastifyReply, { filter, addForm, status = 200 }: { filter?: string; addForm: FormState; status?: number }) => {
    const { db } = req.server.platform.database;
    const [lines, sdgs, links, targets] = await Promise.all([findActionLines(db), findSdgs(db), findMatrixLinks(db, { actionLine: filter || undefined }), findSdgTargets(db)]);
    const targetCodes = new Map<number, string[]>();
    for (const target of targets) targetCodes.set(target.sdg, [...(targetCodes.get(target.sdg) ?? []), target.code]);
    return reply.page(MatrixAdminPage({ view: req.view(reply), lines, sdgs, links, targetCodes, filter: filter || undefined, addForm }), status);
  };

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, { link, form, status }: { link: MatrixLink; form: FormState; status: number }) => {
    const knownTargets = (await findSdgTargets(req.server.platform.database.db, { sdg: link.sdg })).map((t) => t.code);
    return reply.page(MatrixLinkEditPage({ view: req.view(reply), link, knownTargets, form }), status);
  };

  app.get('/reference/matrix', async (req, reply) => {
    adminActor(req);
    const query = matrixAdminQuery.safeParse(req.query);
    return renderList(req, reply, { filter: query.success ? query.data.actionLine : undefined, addForm: emptyForm() });
  });

  app.post('/reference/matrix', async (req, reply) => {
    const actor = adminActor(req);
    const parsed = parseForm(addMatrixLinkInput, req.body, req.t);
    if (!parsed.ok) return renderList(req, reply, { addForm: parsed.form, status: 422 });
    const result = await addMatrixLink(req.server.platform.database.db, { actor, ...parsed.data, ip: req.ip });
    if (!result.ok) {
      const form =
        result.error === 'unknown_targets'
          ? withError(parsed.form, 'targets', unknownTargetsMessage(req, result.codes))
          : result.error === 'already_linked'
            ? withError(parsed.form, 'sdg', req.t('reference.admin.errors.already_linked'))
            : withError(parsed.form, 'actionLine', req.t('core.errors.invalid_choice'));
      return renderList(req, reply, { addForm: form, status: 422 });
    }
    return reply.flash('notice', req.t('reference.admin.link_added', { actionLine: result.link.actionLine, sdg: result.link.sdg })).seeOther(listUrl(req, result.link));
  });

  app.get<LinkParams>('/reference/matrix/:actionLine/:sdg', async (req, reply) => {
    adminActor(req);
    const link = await getMatrixLink(req.server.platform.database.db, { actionLine: req.params.actionLine, sdg: sdgFromParam(req.params.sdg) });
    return renderEdit(req, reply, { link, form: emptyForm({ targets: link.targets.join(', '), rationale: link.rationale.en ?? '' }), status: 200 });
  });

  app.post<LinkParams>('/reference/matrix/:actionLine/:sdg', async (req, reply) => {
    const actor = adminActor(req);
    const { db } = req.server.platform.database;
    const link = await getMatrixLink(db, { actionLine: req.params.actionLine, sdg: sdgFromParam(req.params.sdg) });
    const parsed = parseForm(updateMatrixLinkInput, req.body, req.t);
    if (!parsed.ok) return renderEdit(req, reply, { link, form: parsed.form, status: 422 });
    const result = await updateMatrixLink(db, { actor, actionLine: link.actionLine, sdg: link.sdg, ...parsed.data, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderEdit(req, reply, { link, form: withError(parsed.form, 'targets', unknownTargetsMessage(req, result.codes)), status: 422 });
    }
    return reply.flash('notice', req.t('reference.admin.link_updated', { actionLine: link.actionLine, sdg: link.sdg })).seeOther(listUrl(req, link));
  });

  app.post<LinkParams>('/reference/matrix/:actionLine/:sdg/delete', async (req, reply) => {
    const actor = adminActor(req);
    const sdg = sdgFromParam(req.params.sdg);
    const result = await deleteMatrixLink(req.server.platform.database.db, { actor, actionLine: req.params.actionLine, sdg, ip: req.ip });
    if (!result.ok) throw notFound();
    return reply.flash('notice', req.t('reference.admin.link_deleted', { actionLine: req.params.actionLine, sdg })).seeOther(listUrl(req));
  });
};
