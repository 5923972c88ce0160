/**
 * The tasks' pages and API: the list with its filters (late, stale, bureau, SDG target…) and its
 * CSV/XLSX, "my tasks", a roadmap's timeline, a task's page with its updates and evidence, the
 * task form (the secretariat and the line's focal points) and the progress update (also the
 * owner). Plain POST forms answered by a redirect, or by the form again with the errors beside
 * the fields; the API answers RFC 9457 problems.
 */
import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formText, formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { HttpError, notFound } from '../../../core/http/problems.js';
import { LOCALES, type Localized } from '../../../core/i18n/locales.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type Actor, can, Forbidden, isSignedIn } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { getEntry } from '../../stocktaking/queries.js';
import { BUREAUX, TASK_STATUSES } from '../tables.js';
import { addUpdate } from './commands/add-update.js';
import { createTask, type SaveTaskResult, updateTask } from './commands/save-task.js';
import { tasksCsv, tasksXlsx } from './exports.js';
import { type FormErrors, taskFilters, taskFormValues, taskFromForm, type TaskInput, updateFromForm, updateInput } from './inputs.js';
import {
  findEvidenceIds,
  findPlanOutputs,
  findRoadmapByLine,
  findRoadmaps,
  findTasks,
  findUpdates,
  findUserByEmail,
  getTask,
  PAGE_SIZE,
  servingLinesOf,
  type TaskRow,
  taskBatches,
} from './queries.js';
import { dayOf, LIGHTS, trafficLight } from './rules.js';
import { RoadmapTasksPage } from './views/RoadmapTasksPage.js';
import { TaskFormPage } from './views/TaskFormPage.js';
import { type ListQuery, TaskListPage } from './views/TaskListPage.js';
import { TaskPage } from './views/TaskPage.js';

const translated = (req: FastifyRequest, errors: FormErrors) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

/** The message of a command's refusal for one field (unknown codes listed). */
const refusalMessage = (req: FastifyRequest, r: Extract<SaveTaskResult, { field: string }>) => req.t(`roadmaps.tasks.errors.${r.error}`, { codes: (r.codes ?? []).join(', ') });

const signedIn = (req: FastifyRequest, ability: string): Actor => {
  if (!isSignedIn(req.actor)) throw new Forbidden(ability, false);
  return req.actor;
};

/** Filters of a query string, or a localized 400 naming the bad parameter. */
const filtersOf = (query: unknown) => {
  const parsed = taskFilters.safeParse(query ?? {});
  if (!parsed.success)
    throw new HttpError(
      400,
      'core.errors.validation_title',
      'roadmaps.tasks.errors.filters',
      undefined,
      parsed.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, detailKey: 'roadmaps.tasks.errors.filters' })),
    );
  return parsed.data;
};

export const tasksRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  const lines = async () => (await findRoadmaps(db)).map((r) => r.actionLine);
  const listQuery = (f: ReturnType<typeof filtersOf>): ListQuery => ({ status: f.status, bureau: f.bureau, late: f.late, stale: f.stale, target: f.target, line: f.line });

  app.get('/roadmaps/tasks', async (req, reply) => {
    const f = filtersOf(req.query);
    const now = new Date();
    const { items, total } = await findTasks(db, { filters: f, now, page: f.page });
    const title =
      f.late === 'true' && f.stale === 'true'
        ? req.t('roadmaps.tasks.late_stale_title')
        : f.late === 'true'
          ? req.t('roadmaps.tasks.late_title')
          : f.stale === 'true'
            ? req.t('roadmaps.tasks.stale_title')
            : req.t('roadmaps.tasks.list_title');
    return reply.page(
      TaskListPage({
        view: req.view(reply),
        title,
        lead: req.t('roadmaps.tasks.list_lead'),
        tasks: items,
        total,
        page: f.page,
        pageSize: PAGE_SIZE,
        query: listQuery(f),
        lines: await lines(),
        now,
        basePath: '/roadmaps/tasks',
      }),
    );
  });

  const exportFile =
    (write: (batches: AsyncIterable<TaskRow[]>, labels: Parameters<typeof tasksCsv>[1]) => Readable, type: string, extension: string) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const f = filtersOf(req.query);
      const now = new Date();
      const stream = write(taskBatches(db, { filters: f, now }), {
        locale: req.locale,
        now,
        baseUrl: app.platform.config.baseUrl,
        light: (l) => req.t(`roadmaps.tasks.light_${l}`),
      });
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="wsis-roadmap-tasks-${dayOf(now)}.${extension}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    };
  app.get('/roadmaps/tasks/export.csv', exportFile(tasksCsv, 'text/csv; charset=utf-8', 'csv'));
  app.get('/roadmaps/tasks/export.xlsx', exportFile(tasksXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'));

  app.get('/roadmaps/my-tasks', async (req, reply) => {
    const actor = signedIn(req, 'roadmaps.task.update');
    const query = req.query as Record<string, unknown>;
    const page = typeof query?.page === 'string' && /^[1-9]\d{0,4}$/.test(query.page) ? Number(query.page) : 1;
    const now = new Date();
    const { items, total } = await findTasks(db, { filters: { ownerUserId: actor.id }, now, page });
    return reply.page(
      TaskListPage({
        view: req.view(reply),
        title: req.t('roadmaps.tasks.my_title'),
        lead: req.t('roadmaps.tasks.my_lead'),
        tasks: items,
        total,
        page,
        pageSize: PAGE_SIZE,
        query: {},
        lines: [],
        now,
        basePath: '/roadmaps/my-tasks',
        filters: false,
      }),
    );
  });

  const mayEditLine = async (req: FastifyRequest, actionLine: string) =>
    isSignedIn(req.actor) && can(req.actor, 'roadmaps.roadmap.edit', { actionLine, servingLines: await servingLinesOf(db, req.actor.id) });

  const roadmapOf = async (line: string) => {
    if (line.length > 40) throw notFound();
    const roadmap = await findRoadmapByLine(db, line);
    if (!roadmap) throw notFound();
    return roadmap;
  };

  app.get<{ Params: { line: string } }>('/roadmaps/:line/tasks', async (req, reply) => {
    const roadmap = await roadmapOf(req.params.line);
    const now = new Date();
    const { items } = await findTasks(db, { filters: { roadmapId: roadmap.id }, now, pageSize: 1000 });
    return reply.page(RoadmapTasksPage({ view: req.view(reply), actionLine: roadmap.actionLine, tasks: items, now, canEdit: await mayEditLine(req, roadmap.actionLine) }));
  });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { actionLine, taskId, form, code = 200 }: { actionLine: string; taskId: number | null; form: FormState; code?: number },
  ) => {
    const outputs = (await findPlanOutputs(db)).map((o) => ({ id: o.id, code: o.code, title: localizeWithLocale(o.title, req.locale).text }));
    return reply.page(TaskFormPage({ view: req.view(reply), actionLine, taskId, form, outputs }), code);
  };

  /** Who may edit the line's tasks, or 403 (localized) before anything is read or written. */
  const editor = async (req: FastifyRequest, actionLine: string): Promise<Actor> => {
    const actor = signedIn(req, 'roadmaps.roadmap.edit');
    if (!(await mayEditLine(req, actionLine))) throw new Forbidden('roadmaps.roadmap.edit', true);
    return actor;
  };

  /** The form's input, the owner looked up by e-mail; or the errors. */
  const parseTask = async (values: FormState['values']): Promise<{ ok: true; input: TaskInput } | { ok: false; errors: FormErrors }> => {
    const email = formText(values, 'ownerEmail');
    const owner = email ? await findUserByEmail(db, email) : null;
    const parsed = taskFromForm(values, owner?.id ?? null);
    if (email && !owner) return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ownerEmail: 'roadmaps.tasks.errors.unknown_owner' } };
    return parsed;
  };

  const saveAnswer = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { actionLine, taskId, values, result }: { actionLine: string; taskId: number | null; values: FormState['values']; result: SaveTaskResult },
  ) => {
    if (result.ok) {
      reply.flash('notice', req.t('roadmaps.tasks.saved'));
      return reply.seeOther(`/${req.locale}/roadmaps/tasks/${result.id}`);
    }
    if (!('field' in result)) {
      if (result.error === 'not_found') throw notFound();
      throw new Forbidden('roadmaps.roadmap.edit', true);
    }
    return renderForm(req, reply, { actionLine, taskId, form: { values, errors: { [result.field]: refusalMessage(req, result) } }, code: 400 });
  };

  app.get<{ Params: { line: string } }>('/roadmaps/:line/tasks/new', async (req, reply) => {
    const roadmap = await roadmapOf(req.params.line);
    await editor(req, roadmap.actionLine);
    const today = dayOf(new Date());
    return renderForm(req, reply, { actionLine: roadmap.actionLine, taskId: null, form: emptyForm({ startsOn: today, status: 'not-started', ownerBureau: 'BDT' }) });
  });

  app.post<{ Params: { line: string } }>('/roadmaps/:line/tasks', async (req, reply) => {
    const roadmap = await roadmapOf(req.params.line);
    const actor = await editor(req, roadmap.actionLine);
    const values = formValues(req.body);
    const parsed = await parseTask(values);
    if (!parsed.ok) return renderForm(req, reply, { actionLine: roadmap.actionLine, taskId: null, form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await createTask(db, { actor, actionLine: roadmap.actionLine, input: parsed.input, ip: req.ip });
    return saveAnswer(req, reply, { actionLine: roadmap.actionLine, taskId: null, values, result });
  });

  const taskOf = async (raw: string) => {
    const task = await getTask(db, pathId(raw));
    if (!task) throw notFound();
    return task;
  };

  const renderTask = async (req: FastifyRequest, reply: FastifyReply, { task, updateForm, code = 200 }: { task: TaskRow; updateForm?: FormState; code?: number }) => {
    const now = new Date();
    const [updates, evidenceIds, outputs, servingLines] = await Promise.all([
      findUpdates(db, task.id),
      findEvidenceIds(db, task.id),
      task.outputId ? findPlanOutputs(db) : Promise.resolve([]),
      isSignedIn(req.actor) ? servingLinesOf(db, req.actor.id) : Promise.resolve([]),
    ]);
    const evidence: { id: number; title: string }[] = [];
    for (const id of evidenceIds) {
      try {
        const entry = await getEntry(db, { actor: req.actor, id });
        evidence.push({ id, title: localizeWithLocale(entry.title as Localized, req.locale).text });
      } catch {
        // An entry withdrawn since it was linked is not shown.
      }
    }
    const subject = { actionLine: task.actionLine, servingLines, ownerUserId: task.ownerUserId };
    const mayUpdate = can(req.actor, 'roadmaps.task.update', subject);
    return reply.page(
      TaskPage({
        view: req.view(reply),
        task,
        updates,
        evidence,
        outputCode: outputs.find((o) => o.id === task.outputId)?.code ?? null,
        now,
        canEdit: can(req.actor, 'roadmaps.roadmap.edit', subject),
        updateForm: mayUpdate ? (updateForm ?? emptyForm({ reportedOn: dayOf(now), status: task.status })) : null,
      }),
      code,
    );
  };

  app.get<{ Params: { id: string } }>('/roadmaps/tasks/:id', async (req, reply) => renderTask(req, reply, { task: await taskOf(req.params.id) }));

  app.get<{ Params: { id: string } }>('/roadmaps/tasks/:id/edit', async (req, reply) => {
    const task = await taskOf(req.params.id);
    await editor(req, task.actionLine);
    const evidence = await findEvidenceIds(db, task.id);
    return renderForm(req, reply, { actionLine: task.actionLine, taskId: task.id, form: emptyForm(taskFormValues({ ...task, evidence })) });
  });

  app.post<{ Params: { id: string } }>('/roadmaps/tasks/:id', async (req, reply) => {
    const task = await taskOf(req.params.id);
    const actor = await editor(req, task.actionLine);
    const values = formValues(req.body);
    const parsed = await parseTask(values);
    if (!parsed.ok) return renderForm(req, reply, { actionLine: task.actionLine, taskId: task.id, form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await updateTask(db, { actor, id: task.id, input: parsed.input, ip: req.ip });
    return saveAnswer(req, reply, { actionLine: task.actionLine, taskId: task.id, values, result });
  });

  app.post<{ Params: { id: string } }>('/roadmaps/tasks/:id/updates', async (req, reply) => {
    const task = await taskOf(req.params.id);
    const actor = signedIn(req, 'roadmaps.task.update');
    if (!can(actor, 'roadmaps.task.update', { actionLine: task.actionLine, servingLines: await servingLinesOf(db, actor.id), ownerUserId: task.ownerUserId }))
      throw new Forbidden('roadmaps.task.update', true);
    const values = formValues(req.body);
    const parsed = updateFromForm(values);
    if (!parsed.ok) return renderTask(req, reply, { task, updateForm: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await addUpdate(db, { actor, taskId: task.id, input: parsed.input, locale: req.locale, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      throw new Forbidden('roadmaps.task.update', true);
    }
    reply.flash('notice', req.t('roadmaps.tasks.update_saved'));
    return reply.seeOther(`/${req.locale}/roadmaps/tasks/${task.id}`);
  });
};

export const tasksAdminRoutes: FastifyPluginAsync = async () => {};

// The API.
const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);
const taskOut = z.object({
  id: z.number().int(),
  actionLine: z.string().meta({ example: 'C2' }),
  title: localized,
  ownerBureau: z.enum(BUREAUX),
  owner: z.string().nullable().describe('The owner’s name'),
  startsOn: z.string().meta({ example: '2027-01-15' }),
  deadline: z.string().meta({ example: '2027-06-30' }),
  status: z.enum(TASK_STATUSES).describe('The status its owner reported last'),
  light: z.enum(LIGHTS).describe('Computed at the request: late (deadline passed, not done or cancelled), stale (no update for 90 days), else the reported status'),
  late: z.boolean(),
  stale: z.boolean(),
  lastUpdateAt: z.string(),
  sdgTargets: z.array(z.string()),
  connectTargets: z.array(z.string()),
  url: z.string(),
});
const taskJson = (t: TaskRow, now: Date) => {
  const light = trafficLight(t, now);
  return {
    id: t.id,
    actionLine: t.actionLine,
    title: t.title,
    ownerBureau: t.ownerBureau,
    owner: t.ownerName,
    startsOn: t.startsOn,
    deadline: t.deadline,
    status: t.status,
    light,
    late: t.status !== 'done' && t.status !== 'cancelled' && t.deadline < dayOf(now),
    stale: light === 'stale' || (t.status !== 'done' && t.status !== 'cancelled' && now.getTime() - t.lastUpdateAt.getTime() >= 90 * 86_400_000),
    lastUpdateAt: t.lastUpdateAt.toISOString(),
    sdgTargets: t.sdgTargets,
    connectTargets: t.connectTargets,
    url: `/en/roadmaps/tasks/${t.id}`,
  };
};

/** GET /api/v1/tasks, POST /api/v1/tasks/{id}/updates. */
export const tasksApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/tasks',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'Roadmap tasks by deadline, filtered by reported status, owner bureau, late, stale, SDG target and action line (50 a page)',
        querystring: taskFilters,
        response: { 200: z.object({ items: z.array(taskOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const now = new Date();
      const { items, total } = await findTasks(db, { filters: req.query, now, page: req.query.page });
      return { items: items.map((t) => taskJson(t, now)), total, page: req.query.page, pageSize: PAGE_SIZE };
    },
  );
  app.post(
    '/tasks/:id/updates',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'A dated progress update of a task (its owner, a focal point of its line, or the secretariat); sets the task’s status',
        description: 'The text is in the caller’s language (`locale`, else the request’s).',
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        body: updateInput,
        response: { 201: z.object({ id: z.number().int(), task: taskOut }) },
      },
    },
    async (req, reply) => {
      const actor = signedIn(req, 'roadmaps.task.update');
      const result = await addUpdate(db, { actor, taskId: req.params.id, input: req.body, locale: req.locale, ip: req.ip });
      if (!result.ok) {
        if (result.error === 'not_found') throw notFound();
        throw new Forbidden('roadmaps.task.update', true);
      }
      const task = await getTask(db, req.params.id);
      if (!task) throw notFound();
      return reply.code(201).send({ id: result.id, task: taskJson(task, new Date()) });
    },
  );
};
