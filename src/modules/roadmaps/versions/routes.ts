/**
 * Roadmaps' versions folder: the public pages (all roadmaps, a roadmap's current version, any
 * version, the difference of two, the DOCX for the Council), the pages of those who edit them
 * (create, edit the draft, start the next draft, present, make current) and the read API. Plain
 * POST forms answered by a redirect, or by the form again with what was typed and the errors
 * beside the fields.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formText, formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type Actor, authorize, can, Forbidden, hasRole, isSignedIn } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findActionLines } from '../../reference/queries.js';
import { findCurrentFocalPoints } from '../focal-points/queries.js';
import { canEditRoadmap, findRoadmap, findServingLines, findVersions, type Roadmap } from '../queries.js';
import { BUREAUX, TASK_STATUSES, VERSION_STATUSES } from '../tables.js';
import { createRoadmap } from './commands/create-roadmap.js';
import { makeCurrent } from './commands/make-current.js';
import { presentVersion } from './commands/present-version.js';
import { saveDraft } from './commands/save-draft.js';
import { startDraft } from './commands/start-draft.js';
import { diffVersions } from './diff.js';
import { draftFormValues, draftFromForm, isActionLineCode, presentFromForm } from './inputs.js';
import { findAllOrganizations, findRoadmapSummaries, findRoadmapTasks, findVersionByNumber, loadVersionLabels } from './queries.js';
import { DraftFormPage, ManageRoadmapsPage, RoadmapAdminPage } from './views/AdminPages.js';
import { DiffPage } from './views/DiffPage.js';
import { RoadmapPage } from './views/RoadmapPage.js';
import { RoadmapsPage } from './views/RoadmapsPage.js';
import { adminRoadmapPath } from './views/parts.js';

type LineParams = { Params: { line: string } };
type VersionParams = { Params: { line: string; number: string } };
const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));
const versionNumber = (raw: string) => {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw notFound();
  return Number(raw);
};

/** Public pages: the list, a roadmap, a version, the difference of two versions, the DOCX. Drafts are seen only by those who may edit them. */
export const versionsRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const lineTitles = async (locale: FastifyRequest['locale']) => new Map((await findActionLines(db)).map((l) => [l.code, localizeWithLocale(l.title, locale).text]));
  const roadmapOf = async (line: string) => {
    if (!isActionLineCode(line)) throw notFound();
    const roadmap = await findRoadmap(db, line);
    if (!roadmap) throw notFound();
    return roadmap;
  };
  /** The versions the reader may see: drafts only for those who may edit the line. */
  const visibleVersions = async (req: FastifyRequest, roadmap: Roadmap) => {
    const canEdit = await canEditRoadmap(db, { actor: req.actor, actionLine: roadmap.actionLine });
    const versions = (await findVersions(db, roadmap.id)).filter((v) => canEdit || v.status !== 'draft');
    return { canEdit, versions };
  };

  app.get('/roadmaps', async (req, reply) =>
    reply.page(RoadmapsPage({ view: req.view(reply), roadmaps: await findRoadmapSummaries(db), lineTitles: await lineTitles(req.locale) })),
  );

  const showRoadmap = async (req: FastifyRequest, reply: FastifyReply, { line, number }: { line: string; number?: number }) => {
    const roadmap = await roadmapOf(line);
    const { canEdit, versions } = await visibleVersions(req, roadmap);
    const version = number === undefined ? versions.find((v) => v.status === 'current') : versions.find((v) => v.number === number);
    if (number !== undefined && !version) throw notFound();
    const [labels, focalPoints, tasks, titles] = await Promise.all([
      loadVersionLabels(db, version ? [version] : []),
      findCurrentFocalPoints(db),
      findRoadmapTasks(db, roadmap.id),
      lineTitles(req.locale),
    ]);
    return reply.page(
      RoadmapPage({
        view: req.view(reply),
        actionLine: roadmap.actionLine,
        lineTitle: titles.get(roadmap.actionLine) ?? '',
        version,
        isVersionPage: number !== undefined,
        versions,
        labels,
        focalPoints: focalPoints.filter((f) => f.actionLine === roadmap.actionLine),
        tasks,
        canEdit,
      }),
    );
  };
  app.get<LineParams>('/roadmaps/:line', async (req, reply) => showRoadmap(req, reply, { line: req.params.line }));
  app.get<VersionParams>('/roadmaps/:line/versions/:number', async (req, reply) => showRoadmap(req, reply, { line: req.params.line, number: versionNumber(req.params.number) }));

  app.get<LineParams & { Querystring: Record<string, unknown> }>('/roadmaps/:line/diff', async (req, reply) => {
    const roadmap = await roadmapOf(req.params.line);
    const { versions } = await visibleVersions(req, roadmap);
    const pick = (name: string) => {
      const raw = req.query?.[name];
      const found = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? versions.find((v) => v.number === Number(raw)) : undefined;
      if (!found) throw notFound();
      return found;
    };
    const from = pick('from');
    const to = pick('to');
    return reply.page(DiffPage({ view: req.view(reply), actionLine: roadmap.actionLine, from, to, diff: diffVersions(from, to), labels: await loadVersionLabels(db, [from, to]) }));
  });

  app.get<LineParams>('/roadmaps/:line/roadmap.docx', async (req, reply) => {
    const roadmap = await roadmapOf(req.params.line);
    const version = (await findVersions(db, roadmap.id)).find((v) => v.status === 'current');
    if (!version) throw notFound();
    const [labels, lines] = await Promise.all([loadVersionLabels(db, [version]), findActionLines(db)]);
    const line = lines.find((l) => l.code === roadmap.actionLine);
    // Loaded at the first download, not with the routes: serving pages needs no DOCX writer.
    const { roadmapDocx } = await import('./docx.js');
    const bytes = await roadmapDocx({
      locale: req.locale,
      actionLine: roadmap.actionLine,
      version,
      labels: {
        lineTitle: line ? localizeWithLocale(line.title, req.locale).text : '',
        partners: version.partnerOrganizationIds.map((id) => labels.partners.get(id) ?? `#${id}`),
        sdgTargets: version.sdgTargets.map((code) => ({ code, text: labels.sdgTargets.get(code) ?? {} })),
        connectTargets: version.connectTargets.map((code) => ({ code, text: labels.connectTargets.get(code) ?? {} })),
      },
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="roadmap-${roadmap.actionLine}-v${version.number}-${req.locale}.docx"`)
      .send(bytes);
  });
};

/** Pages of those who edit: the secretariat (everything) and focal points (the drafts of their lines). */
export const versionsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  /** The roadmap of the path, after checking the actor may edit it ('roadmaps.roadmap.edit'); a focal point of another line gets 403 and nothing is written. */
  const editable = async (req: FastifyRequest, line: string) => {
    if (!isSignedIn(req.actor)) throw new Forbidden('roadmaps.roadmap.edit', false);
    if (!isActionLineCode(line)) throw notFound();
    const roadmap = await findRoadmap(db, line);
    if (!roadmap) throw notFound();
    if (!(await canEditRoadmap(db, { actor: req.actor, actionLine: roadmap.actionLine }))) throw new Forbidden('roadmaps.roadmap.edit', true);
    return { roadmap, actor: req.actor as Actor };
  };
  const manager = (req: FastifyRequest): Actor => {
    authorize(req.actor, 'roadmaps.roadmap.manage');
    return req.actor as Actor;
  };

  const renderList = async (req: FastifyRequest, reply: FastifyReply, { form = emptyForm(), code = 200 }: { form?: FormState; code?: number } = {}) => {
    const actor = req.actor;
    const canManage = can(actor, 'roadmaps.roadmap.manage');
    if (!canManage && !hasRole(actor, 'focal-point')) throw new Forbidden('roadmaps.roadmap.edit', isSignedIn(actor));
    const [roadmaps, lines, serving] = await Promise.all([findRoadmapSummaries(db), findActionLines(db), actor ? findServingLines(db, actor.id) : Promise.resolve([])]);
    const taken = new Set(roadmaps.map((r) => r.actionLine));
    const editableLines = new Set(roadmaps.map((r) => r.actionLine).filter((l) => canManage || can(actor, 'roadmaps.roadmap.edit', { actionLine: l, servingLines: serving })));
    return reply.page(
      ManageRoadmapsPage({
        view: req.view(reply),
        roadmaps,
        editable: editableLines,
        canManage,
        freeLines: lines.filter((l) => !taken.has(l.code)).map((l) => ({ code: l.code, title: localizeWithLocale(l.title, req.locale).text })),
        form,
      }),
      code,
    );
  };
  app.get('/roadmaps', async (req, reply) => renderList(req, reply));
  app.post('/roadmaps', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const actionLine = formText(values, 'actionLine');
    const result = await createRoadmap(db, { actor, actionLine, ip: req.ip });
    if (!result.ok) return renderList(req, reply, { form: { values, errors: { actionLine: req.t(`roadmaps.versions.errors.${result.error}`) } }, code: 400 });
    reply.flash('notice', req.t('roadmaps.versions.created', { line: actionLine }));
    return reply.seeOther(`/${req.locale}${adminRoadmapPath(actionLine)}/draft`);
  });

  const renderRoadmap = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { roadmap, present = emptyForm(), refused, code = 200 }: { roadmap: Roadmap; present?: FormState; refused?: string; code?: number },
  ) =>
    reply.page(
      RoadmapAdminPage({
        view: req.view(reply),
        actionLine: roadmap.actionLine,
        versions: await findVersions(db, roadmap.id),
        canManage: can(req.actor, 'roadmaps.roadmap.manage'),
        present,
        refused,
      }),
      code,
    );
  app.get<LineParams>('/roadmaps/:line', async (req, reply) => {
    const { roadmap } = await editable(req, req.params.line);
    return renderRoadmap(req, reply, { roadmap, present: emptyForm({ presentedOn: new Date().toISOString().slice(0, 10) }) });
  });

  const draftOf = async (roadmapId: number) => (await findVersions(db, roadmapId)).find((v) => v.status === 'draft');
  const renderDraft = async (req: FastifyRequest, reply: FastifyReply, { roadmap, form, code = 200 }: { roadmap: Roadmap; form?: FormState; code?: number }) => {
    const draft = await draftOf(roadmap.id);
    if (!draft) {
      reply.flash('warning', req.t('roadmaps.versions.errors.no_draft'));
      return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}`);
    }
    return reply.page(
      DraftFormPage({
        view: req.view(reply),
        actionLine: roadmap.actionLine,
        version: draft,
        form: form ?? emptyForm(draftFormValues(draft)),
        organizations: await findAllOrganizations(db),
      }),
      code,
    );
  };
  app.get<LineParams>('/roadmaps/:line/draft', async (req, reply) => renderDraft(req, reply, { roadmap: (await editable(req, req.params.line)).roadmap }));
  app.post<LineParams>('/roadmaps/:line/draft', async (req, reply) => {
    const { roadmap, actor } = await editable(req, req.params.line);
    const values = formValues(req.body);
    const parsed = draftFromForm(values);
    if (!parsed.ok) return renderDraft(req, reply, { roadmap, form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const draft = await draftOf(roadmap.id);
    if (!draft) return renderRoadmap(req, reply, { roadmap, refused: req.t('roadmaps.versions.errors.frozen'), code: 409 });
    const result = await saveDraft(db, { actor, versionId: draft.id, input: parsed.input, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'frozen' || result.error === 'not_found') return renderRoadmap(req, reply, { roadmap, refused: req.t('roadmaps.versions.errors.frozen'), code: 409 });
      return renderDraft(req, reply, { roadmap, form: { values, errors: { [result.field]: req.t(`roadmaps.versions.errors.${result.error}`) } }, code: 400 });
    }
    reply.flash('notice', req.t('roadmaps.versions.draft_saved'));
    return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}/draft`);
  });

  app.post<LineParams>('/roadmaps/:line/drafts', async (req, reply) => {
    const { roadmap, actor } = await editable(req, req.params.line);
    const result = await startDraft(db, { actor, roadmapId: roadmap.id, ip: req.ip });
    if (!result.ok) {
      reply.flash('error', req.t('roadmaps.versions.errors.draft_exists'));
      return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}`);
    }
    reply.flash('notice', req.t('roadmaps.versions.draft_started', { number: result.number }));
    return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}/draft`);
  });

  app.post<VersionParams>('/roadmaps/:line/versions/:number/present', async (req, reply) => {
    const actor = manager(req);
    const { roadmap } = await editable(req, req.params.line);
    const version = await findVersionByNumber(db, { roadmapId: roadmap.id, number: versionNumber(req.params.number) });
    if (!version) throw notFound();
    const values = formValues(req.body);
    const parsed = presentFromForm(values);
    if (!parsed.ok) return renderRoadmap(req, reply, { roadmap, present: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await presentVersion(db, { actor, versionId: version.id, input: parsed.input, ip: req.ip });
    if (!result.ok) return renderRoadmap(req, reply, { roadmap, present: { values, errors: { symbol: req.t('roadmaps.versions.errors.frozen') } }, code: 409 });
    reply.flash('notice', req.t('roadmaps.versions.presented', { number: version.number }));
    return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}`);
  });

  app.post<VersionParams>('/roadmaps/:line/versions/:number/current', async (req, reply) => {
    const actor = manager(req);
    const { roadmap } = await editable(req, req.params.line);
    const version = await findVersionByNumber(db, { roadmapId: roadmap.id, number: versionNumber(req.params.number) });
    if (!version) throw notFound();
    const result = await makeCurrent(db, { actor, versionId: version.id, ip: req.ip });
    if (!result.ok) {
      reply.flash('error', req.t('roadmaps.versions.errors.not_presented'));
      return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}`);
    }
    reply.flash('notice', req.t('roadmaps.versions.made_current', { number: version.number }));
    return reply.seeOther(`/${req.locale}${adminRoadmapPath(roadmap.actionLine)}`);
  });
};

// The read API.
const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);
const focalPointOut = z.object({ name: z.string(), bureau: z.enum(BUREAUX), actionLine: z.string(), appointedOn: z.string().meta({ example: '2026-01-15' }) });
const summaryOut = z.object({
  actionLine: z.string().meta({ example: 'C5' }),
  currentVersion: z.number().int().nullable().describe('Null while no version has been made current'),
  currentSince: z.string().nullable(),
  focalPoints: z.array(focalPointOut),
  url: z.string().describe('The roadmap’s page (English; replace /en/ by another language code)'),
});
const versionOut = z.object({
  number: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  ituRole: localized,
  objectives: localized,
  expectedResults: localized,
  partners: z.array(z.object({ id: z.number().int(), name: z.string() })),
  sdgTargets: z.array(z.string()).meta({ example: ['9.c', '17.8'] }),
  connectTargets: z.array(z.string()).meta({ example: ['1.1'] }),
  presentedSymbol: z.string().nullable().meta({ example: 'CWG-WSIS&SDG-42/5' }),
  presentedAt: z.string().nullable(),
  currentSince: z.string().nullable(),
});
const detailOut = summaryOut.extend({
  version: versionOut.nullable().describe('The current version; null while none is'),
  tasks: z.array(z.object({ id: z.number().int(), title: localized, ownerBureau: z.enum(BUREAUX), startsOn: z.string(), deadline: z.string(), status: z.enum(TASK_STATUSES) })),
});

/** GET /api/v1/roadmaps, GET /api/v1/roadmaps/{actionLine}. */
export const versionsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  const summaries = async () =>
    (await findRoadmapSummaries(db)).map((r) => ({
      actionLine: r.actionLine,
      currentVersion: r.current?.number ?? null,
      currentSince: r.current?.since?.toISOString() ?? null,
      focalPoints: r.focalPoints.map((f) => ({ name: f.name, bureau: f.bureau, actionLine: f.actionLine, appointedOn: f.appointedOn })),
      url: `/en/roadmaps/${encodeURIComponent(r.actionLine)}`,
    }));
  app.get(
    '/roadmaps',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'Action-line roadmaps: current version, its date and the focal points serving',
        response: { 200: z.object({ items: z.array(summaryOut) }) },
      },
    },
    async () => ({ items: await summaries() }),
  );
  app.get(
    '/roadmaps/:actionLine',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'One roadmap: its current version (texts in six languages, partners, SDG and Connect 2030 targets) and its tasks',
        params: z.object({
          actionLine: z
            .string()
            .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/)
            .meta({ example: 'C7.e-health' }),
        }),
        response: { 200: detailOut },
      },
    },
    async (req) => {
      const summary = (await summaries()).find((s) => s.actionLine === req.params.actionLine);
      const roadmap = await findRoadmap(db, req.params.actionLine);
      if (!summary || !roadmap) throw notFound();
      const version = (await findVersions(db, roadmap.id)).find((v) => v.status === 'current');
      const [labels, tasks] = await Promise.all([loadVersionLabels(db, version ? [version] : []), findRoadmapTasks(db, roadmap.id)]);
      return {
        ...summary,
        version: version
          ? {
              number: version.number,
              status: version.status,
              ituRole: version.ituRole,
              objectives: version.objectives,
              expectedResults: version.expectedResults,
              partners: version.partnerOrganizationIds.map((id) => ({ id, name: labels.partners.get(id) ?? '' })),
              sdgTargets: version.sdgTargets,
              connectTargets: version.connectTargets,
              presentedSymbol: version.presentedSymbol,
              presentedAt: version.presentedAt?.toISOString() ?? null,
              currentSince: version.currentSince?.toISOString() ?? null,
            }
          : null,
        tasks: tasks.map((k) => ({ ...k })),
      };
    },
  );
};
