/**
 * Consultations' management folder: the public list and page of consultations, the
 * secretariat's pages (create and edit, the questionnaire builder, the lifecycle, versions) and
 * the read API. Every form is a plain POST answered by a redirect (or the form again, with its
 * values and errors), so all of it works without JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formLocalized, formText, formValue, formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type Actor, authorize, can } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findActionLines, findSdgs } from '../../reference/queries.js';
import { questionsOf, type Questionnaire } from '../questionnaire.js';
import { type Consultation, currentQuestionnaire, findVersions, getConsultation } from '../queries.js';
import { AUDIENCES, CONSULTATION_STATUSES, RESPONDENT_KINDS } from '../tables.js';
import { changeStatus, TRANSITIONS, type Transition } from './commands/change-status.js';
import { editQuestionnaire, type IdAllocator } from './commands/edit-questionnaire.js';
import { createConsultation, updateConsultation } from './commands/save-consultation.js';
import { consultationFilters, consultationFormValues, consultationFromForm, DEFAULT_TIME_ZONE, questionFormValues, questionFromForm, questionType } from './inputs.js';
import { countPublishedAnswers, publishesAnswers } from '../exports/queries.js';
import { countAnswersByVersion, findConsultations, findManagedConsultations, isVisibleTo, type When, whenOf } from './queries.js';
import { addQuestion, addSection, type Edit, moveQuestion, removeQuestion, removeSection, updateQuestion, updateSection } from './rules.js';
import { timeZones, isTimeZone } from './time-zones.js';
import { BuilderPage, NewQuestionPage } from './views/BuilderPage.js';
import { ConsultationPage } from './views/ConsultationPage.js';
import { publicLinks } from './views/links.js';
import { ConsultationsPage } from './views/ConsultationsPage.js';
import { ConsultationFormPage, ManageListPage } from './views/ManagePages.js';

const manager = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'consultations.consultation.manage');
  return req.actor as Actor;
};

const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

/** Action lines and SDGs in the reader's language, for filters and checkboxes. */
const topicLists = async (req: FastifyRequest) => {
  const db = req.server.platform.database.db;
  const [lines, goals] = await Promise.all([findActionLines(db), findSdgs(db)]);
  return {
    actionLines: lines.map((l) => ({ code: l.code, title: localizeWithLocale(l.title, req.locale).text })),
    sdgs: goals.map((s) => ({ number: s.number, title: localizeWithLocale(s.short, req.locale).text })),
  };
};

const ID_PATTERN = /^[sq]\d{1,6}$/;
const pathPart = (raw: string) => {
  if (!ID_PATTERN.test(raw)) throw notFound();
  return raw;
};

/** Public pages: the list of calls (open, upcoming, past; filters) and one consultation's page. */
export const managementRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get('/consultations', async (req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== ''));
    const parsed = consultationFilters.safeParse(cleaned);
    // A filter that is not one of the offered values is ignored (the list shows everything), not an error page.
    const filters = parsed.success ? parsed.data : { page: 1 };
    const lists = await topicLists(req);
    const query = { when: filters.when, audience: filters.audience, actionLine: filters.actionLine, sdg: filters.sdg ? String(filters.sdg) : undefined };
    const groups = await Promise.all(
      (filters.when ? [filters.when] : (['open', 'upcoming', 'past'] as When[])).map(async (when) => ({
        when,
        page: await findConsultations(db, {
          actor: req.actor,
          filters: { ...filters, status: undefined, when, page: filters.when ? filters.page : 1 },
          pageSize: filters.when ? 20 : 12,
        }),
      })),
    );
    return reply.page(ConsultationsPage({ view: req.view(reply), groups, filters: emptyForm(query), query, ...lists }));
  });

  app.get<{ Params: { id: string } }>('/consultations/:id', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (!isVisibleTo(consultation, req.actor)) throw notFound();
    const [questionnaire, lists, publishedAnswers] = await Promise.all([
      currentQuestionnaire(db, consultation),
      topicLists(req),
      publishesAnswers(consultation) ? countPublishedAnswers(db, consultation.id) : 0,
    ]);
    const canManage = can(req.actor, 'consultations.consultation.manage');
    const canAnalyse = can(req.actor, 'consultations.consultation.analyse');
    return reply.page(
      ConsultationPage({
        view: req.view(reply),
        consultation,
        questionnaire,
        when: whenOf(consultation),
        topics: { actionLines: lists.actionLines.filter((l) => consultation.actionLines.includes(l.code)), sdgs: lists.sdgs.filter((s) => consultation.sdgs.includes(s.number)) },
        canManage,
        links: publicLinks(consultation, { canManage, canAnalyse, publishedAnswers }),
      }),
    );
  });
};

/** The secretariat's pages: create and edit a consultation, the questionnaire builder, the lifecycle. */
export const managementAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const zones = timeZones();

  app.get('/consultations', async (req, reply) => {
    manager(req);
    return reply.page(
      ManageListPage({ view: req.view(reply), consultations: await findManagedConsultations(db), canAnalyse: can(req.actor, 'consultations.consultation.analyse') }),
    );
  });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { consultation, form, lifecycle, status = 200 }: { consultation: Consultation | null; form: FormState; lifecycle?: FormState; status?: number },
  ) => {
    const lists = await topicLists(req);
    let versions: Parameters<typeof ConsultationFormPage>[0]['versions'];
    if (consultation) {
      const counts = await countAnswersByVersion(db, consultation.id);
      versions = (await findVersions(db, consultation.id)).map((v) => ({ ...v, answers: counts.get(v.version) ?? 0 }));
    }
    return reply.page(
      ConsultationFormPage({
        view: req.view(reply),
        consultation,
        form,
        canAnalyse: can(req.actor, 'consultations.consultation.analyse'),
        lifecycle: lifecycle ?? emptyForm(),
        versions,
        timeZones: zones,
        ...lists,
      }),
      status,
    );
  };

  app.get('/consultations/new', async (req, reply) => {
    manager(req);
    const day = 86_400_000;
    const start = new Date(Math.ceil(Date.now() / day) * day + 7 * day + 9 * 3_600_000);
    const values = consultationFormValues(
      {
        title: {},
        purpose: {},
        originalLanguage: req.locale,
        translations: {},
        audience: 'everyone',
        respondentKind: 'either',
        answersMayBePublished: false,
        actionLines: [],
        sdgs: [],
        opensAt: start,
        closesAt: new Date(start.getTime() + 42 * day),
      },
      DEFAULT_TIME_ZONE,
    );
    return renderForm(req, reply, { consultation: null, form: emptyForm(values) });
  });

  app.post('/consultations', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const parsed = consultationFromForm(values);
    if (!parsed.ok) return renderForm(req, reply, { consultation: null, form: { values, errors: translated(req, parsed.errors) }, status: 400 });
    const result = await createConsultation(db, { actor, input: parsed.input, ip: req.ip });
    if (!result.ok)
      return renderForm(req, reply, { consultation: null, form: { values, errors: { [result.field]: req.t(`consultations.management.errors.${result.error}`) } }, status: 400 });
    reply.flash('notice', req.t('consultations.management.created'));
    return reply.seeOther(`/${req.locale}/admin/consultations/${result.id}/questionnaire`);
  });

  app.get<{ Params: { id: string }; Querystring: { zone?: string } }>('/consultations/:id', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const zone = isTimeZone(req.query.zone) ? req.query.zone : DEFAULT_TIME_ZONE;
    return renderForm(req, reply, { consultation, form: emptyForm(consultationFormValues(consultation, zone)) });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id', async (req, reply) => {
    const actor = manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const parsed = consultationFromForm(values);
    if (!parsed.ok) return renderForm(req, reply, { consultation, form: { values, errors: translated(req, parsed.errors) }, status: 400 });
    const result = await updateConsultation(db, { actor, id: consultation.id, input: parsed.input, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderForm(req, reply, { consultation, form: { values, errors: { [result.field]: req.t(`consultations.management.errors.${result.error}`) } }, status: 400 });
    }
    reply.flash('notice', req.t('consultations.management.saved'));
    return reply.seeOther(`/${req.locale}/admin/consultations/${consultation.id}?zone=${encodeURIComponent(formValue(values, 'timeZone'))}`);
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/status', async (req, reply) => {
    const actor = manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const transition = formValue(values, 'transition');
    const again = (message: string, status: number) =>
      renderForm(req, reply, {
        consultation,
        form: emptyForm(consultationFormValues(consultation, DEFAULT_TIME_ZONE)),
        lifecycle: { values, errors: { confirm: message } },
        status,
      });
    if (!(transition in TRANSITIONS)) return again(req.t('consultations.management.errors.wrong_status'), 400);
    if (formValue(values, 'confirm') !== 'yes') return again(req.t('consultations.management.errors.confirm'), 400);
    const result = await changeStatus(db, { actor, id: consultation.id, transition: transition as Transition, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return again(req.t(`consultations.management.errors.${result.error}`), 409);
    }
    reply.flash('notice', req.t('consultations.management.status_changed', { status: req.t(`consultations.management.status_${result.status}`) }));
    return reply.seeOther(`/${req.locale}/admin/consultations/${consultation.id}`);
  });

  // The questionnaire builder.
  const renderBuilder = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { consultation, forms = {}, status = 200 }: { consultation: Consultation; forms?: Record<string, FormState>; status?: number },
  ) => {
    const questionnaire = await currentQuestionnaire(db, consultation);
    const answers = (await countAnswersByVersion(db, consultation.id)).get(consultation.currentVersion) ?? 0;
    // Each question's form shows its saved values unless it comes back with errors.
    const all: Record<string, FormState> = Object.fromEntries(questionsOf(questionnaire).map((q) => [q.id, emptyForm(questionFormValues(q))]));
    return reply.page(BuilderPage({ view: req.view(reply), consultation, questionnaire, answers, forms: { ...all, ...forms } }), status);
  };

  app.get<{ Params: { id: string } }>('/consultations/:id/questionnaire', async (req, reply) => {
    manager(req);
    return renderBuilder(req, reply, { consultation: await getConsultation(db, pathId(req.params.id)) });
  });

  /**
   * Runs one builder edit through the command; on a refusal, the builder (or `onError`'s page)
   * comes back with the form's values and the localized error in the form of `scope`.
   */
  const runEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    {
      consultation,
      scope,
      values,
      edit,
      notice,
      anchor,
      onError,
    }: {
      consultation: Consultation;
      scope: string;
      values: FormState['values'];
      edit: (q: Questionnaire, ids: IdAllocator) => Edit;
      notice: string;
      anchor?: string;
      onError?: (form: FormState, status: number) => Promise<FastifyReply>;
    },
  ) => {
    const note = formText(values, 'changeNote').slice(0, 2000);
    const result = await editQuestionnaire(db, {
      actor: req.actor as Actor,
      consultationId: consultation.id,
      edit,
      changeNote: note ? { [req.locale]: note } : undefined,
      ip: req.ip,
    });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      const field = result.error === 'change_note_required' ? 'changeNote' : scope.endsWith('-remove') ? 'confirm' : '_form';
      const form = { values, errors: { [field]: req.t(`consultations.management.errors.${result.error}`) } };
      const status = result.error === 'not_editable' ? 409 : 400;
      return onError ? onError(form, status) : renderBuilder(req, reply, { consultation, forms: { [scope]: form }, status });
    }
    reply.flash('notice', result.newVersion ? req.t('consultations.management.new_version', { version: result.version }) : notice);
    return reply.seeOther(`/${req.locale}/admin/consultations/${consultation.id}/questionnaire${anchor ? `#${anchor}` : ''}`);
  };

  app.post<{ Params: { id: string } }>('/consultations/:id/sections', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const title = formLocalized(values, 'title', 300);
    if (Object.keys(title).length === 0)
      return renderBuilder(req, reply, {
        consultation,
        forms: { 'new-section': { values, errors: { [`title.${req.locale}`]: req.t('consultations.management.errors.section_title') } } },
        status: 400,
      });
    return runEdit(req, reply, {
      consultation,
      scope: 'new-section',
      values,
      edit: (q, ids) => addSection(q, { id: ids('s'), title, questions: [] }),
      notice: req.t('consultations.management.section_added'),
    });
  });

  app.post<{ Params: { id: string; section: string } }>('/consultations/:id/sections/:section', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const section = pathPart(req.params.section);
    const values = formValues(req.body);
    const title = formLocalized(values, 'title', 300);
    if (Object.keys(title).length === 0)
      return renderBuilder(req, reply, {
        consultation,
        forms: { [section]: { values, errors: { [`title.${req.locale}`]: req.t('consultations.management.errors.section_title') } } },
        status: 400,
      });
    return runEdit(req, reply, {
      consultation,
      scope: section,
      values,
      edit: (q) => updateSection(q, section, { title }),
      notice: req.t('consultations.management.section_saved'),
      anchor: `section-${section}`,
    });
  });

  app.post<{ Params: { id: string; section: string } }>('/consultations/:id/sections/:section/remove', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const section = pathPart(req.params.section);
    const values = formValues(req.body);
    if (formValue(values, 'confirm') !== 'yes')
      return renderBuilder(req, reply, {
        consultation,
        forms: { [`${section}-remove`]: { values, errors: { confirm: req.t('consultations.management.errors.confirm') } } },
        status: 400,
      });
    return runEdit(req, reply, {
      consultation,
      scope: `${section}-remove`,
      values,
      edit: (q) => removeSection(q, section),
      notice: req.t('consultations.management.section_removed'),
    });
  });

  const renderNewQuestion = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { consultation, section, type, form, status = 200 }: { consultation: Consultation; section: string; type: string; form: FormState; status?: number },
  ) => {
    const kind = questionType(type);
    const questionnaire = await currentQuestionnaire(db, consultation);
    if (!kind || !questionnaire.sections.some((s) => s.id === section)) throw notFound();
    const answers = (await countAnswersByVersion(db, consultation.id)).get(consultation.currentVersion) ?? 0;
    return reply.page(
      NewQuestionPage({ view: req.view(reply), consultation, sectionId: section, type: kind, earlier: questionsOf(questionnaire), form, versioned: answers > 0 }),
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { section?: string; type?: string } }>('/consultations/:id/questions/new', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const defaults = req.query.type === 'scale' ? { min: '1', max: '5' } : {};
    return renderNewQuestion(req, reply, { consultation, section: String(req.query.section ?? ''), type: String(req.query.type ?? ''), form: emptyForm(defaults) });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/questions', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const values = formValues(req.body);
    const section = formValue(values, 'section');
    const type = questionType(formValue(values, 'type'));
    if (!type) throw notFound();
    const again = (form: FormState, status: number) => renderNewQuestion(req, reply, { consultation, section, type, form, status });
    const parsed = questionFromForm(values, { id: 'new', type });
    if (!parsed.ok) return again({ values, errors: translated(req, parsed.errors) }, 400);
    let added = '';
    return runEdit(req, reply, {
      consultation,
      scope: 'new-question',
      values,
      edit: (q, ids) => {
        added = ids('q');
        return addQuestion(q, section, { ...parsed.question, id: added });
      },
      notice: req.t('consultations.management.question_added'),
      onError: again,
    });
  });

  app.post<{ Params: { id: string; question: string } }>('/consultations/:id/questions/:question', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const id = pathPart(req.params.question);
    const previous = questionsOf(await currentQuestionnaire(db, consultation)).find((q) => q.id === id);
    if (!previous) throw notFound();
    const values = formValues(req.body);
    const parsed = questionFromForm(values, { id, type: previous.type, previous });
    if (!parsed.ok) return renderBuilder(req, reply, { consultation, forms: { [id]: { values, errors: translated(req, parsed.errors) } }, status: 400 });
    return runEdit(req, reply, {
      consultation,
      scope: id,
      values,
      edit: (q) => updateQuestion(q, parsed.question),
      notice: req.t('consultations.management.question_saved'),
      anchor: `question-${id}`,
    });
  });

  app.post<{ Params: { id: string; question: string } }>('/consultations/:id/questions/:question/move', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const id = pathPart(req.params.question);
    const values = formValues(req.body);
    const direction = formValue(values, 'direction') === 'up' ? 'up' : 'down';
    return runEdit(req, reply, {
      consultation,
      scope: `${id}-${direction}`,
      values,
      edit: (q) => moveQuestion(q, id, direction),
      notice: req.t('consultations.management.question_moved'),
      anchor: `question-${id}`,
    });
  });

  app.post<{ Params: { id: string; question: string } }>('/consultations/:id/questions/:question/remove', async (req, reply) => {
    manager(req);
    const consultation = await getConsultation(db, pathId(req.params.id));
    const id = pathPart(req.params.question);
    const values = formValues(req.body);
    if (formValue(values, 'confirm') !== 'yes')
      return renderBuilder(req, reply, {
        consultation,
        forms: { [`${id}-remove`]: { values, errors: { confirm: req.t('consultations.management.errors.confirm') } } },
        status: 400,
      });
    return runEdit(req, reply, { consultation, scope: `${id}-remove`, values, edit: (q) => removeQuestion(q, id), notice: req.t('consultations.management.question_removed') });
  });
};

// The read API.
const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);
const consultationOut = z.object({
  id: z.number().int().meta({ example: 12 }),
  status: z.enum(CONSULTATION_STATUSES),
  when: z.enum(['open', 'upcoming', 'past']).nullable().describe('Computed from the status and the clock; null for a draft'),
  title: localized.meta({ example: { en: 'Call for contributions on WSIS beyond 2025', fr: 'Appel à contributions sur le SMSI après 2025' } }),
  purpose: localized,
  originalLanguage: z.enum(LOCALES),
  translations: z.record(z.string(), z.enum(['original', 'unofficial', 'reviewed'])).describe('Translation status of each language present'),
  audience: z.enum(AUDIENCES),
  respondentKind: z.enum(RESPONDENT_KINDS),
  opensAt: z.string().meta({ example: '2027-01-15T09:00:00.000Z' }),
  closesAt: z.string().meta({ example: '2027-03-15T17:00:00.000Z' }),
  answersMayBePublished: z.boolean(),
  actionLines: z.array(z.string()).meta({ example: ['C1', 'C7.e-health'] }),
  sdgs: z.array(z.number().int()).meta({ example: [4, 9] }),
  currentVersion: z.number().int(),
});
const questionOut = z
  .object({
    id: z.string().meta({ example: 'q3' }),
    type: z.enum(['short-text', 'long-text', 'single-choice', 'multiple-choice', 'scale', 'yes-no', 'ranking', 'reference', 'file']),
    label: localized,
    help: localized.optional(),
    required: z.boolean(),
    condition: z
      .object({ questionId: z.string(), anyOf: z.array(z.string()) })
      .optional()
      .describe('Shown only when that earlier question’s answer is one of these values'),
    options: z.array(z.object({ id: z.string(), label: localized })).optional(),
    allowOther: z.boolean().optional(),
    maxChoices: z.number().int().optional(),
    maxWords: z.number().int().optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    minLabel: localized.optional(),
    maxLabel: localized.optional(),
    list: z.enum(['action-lines', 'sdgs', 'sdg-targets', 'countries']).optional(),
    multiple: z.boolean().optional(),
    maxBytes: z.number().int().optional(),
    kinds: z.array(z.enum(['pdf', 'docx', 'odt', 'xlsx'])).optional(),
  })
  .describe('A question; the fields after `condition` are those of its type');
const questionnaireOut = z.object({
  version: z.number().int().meta({ example: 1 }),
  sections: z.array(z.object({ id: z.string().meta({ example: 's1' }), title: localized, description: localized.optional(), questions: z.array(questionOut) })),
});
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ example: 12 }) });

const consultationJson = (c: Consultation) => ({
  id: c.id,
  status: c.status,
  when: whenOf(c),
  title: c.title,
  purpose: c.purpose,
  originalLanguage: c.originalLanguage,
  translations: c.translations as Record<string, 'original' | 'unofficial' | 'reviewed'>,
  audience: c.audience,
  respondentKind: c.respondentKind,
  opensAt: c.opensAt.toISOString(),
  closesAt: c.closesAt.toISOString(),
  answersMayBePublished: c.answersMayBePublished,
  actionLines: c.actionLines,
  sdgs: c.sdgs,
  currentVersion: c.currentVersion,
});

/** GET /api/v1/consultations, GET /api/v1/consultations/{id}. */
export const managementApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Consultations (calls for contributions), filtered by status, time, audience and topic; 20 a page',
        querystring: consultationFilters,
        response: { 200: z.object({ items: z.array(consultationOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const page = await findConsultations(db, { actor: req.actor, filters: req.query });
      return { ...page, items: page.items.map(consultationJson) };
    },
  );
  app.get(
    '/consultations/:id',
    {
      schema: {
        tags: ['consultations'],
        summary: 'One consultation with its current questionnaire',
        params: idParam,
        response: { 200: consultationOut.extend({ questionnaire: questionnaireOut }) },
      },
    },
    async (req) => {
      const c = await getConsultation(db, req.params.id);
      if (!isVisibleTo(c, req.actor)) throw notFound();
      const questionnaire = await currentQuestionnaire(db, c);
      return { ...consultationJson(c), questionnaire: { version: c.currentVersion, ...questionnaire } as z.infer<typeof questionnaireOut> };
    },
  );
};
