/**
 * The answer form (one step per page, no JavaScript needed; every step saves the draft), the
 * receipt, file attachments, and the API of the caller's answer. A form posted after the session
 * expired is kept (commands/keep-pending-form.ts) and comes back after sign-in.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUploadedFile } from '../../../core/http/body-parsers.js';
import { formValues } from '../../../core/http/forms.js';
import { idText, pathId } from '../../../core/http/params.js';
import { type FieldProblem, notFound, sendProblem } from '../../../core/http/problems.js';
import { isLocale, LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize, isSignedIn } from '../../../core/permissions/index.js';
import type { FormState, Option } from '../../../core/views/components.js';
import { findOrganizationsOfUser } from '../../accounts/queries.js';
import { countryName, findActionLines, findCountries, findSdgTargets, findSdgs } from '../../reference/queries.js';
import { type Consultation, currentQuestionnaire, getConsultation } from '../queries.js';
import { DEFAULT_MAX_FILE_BYTES, questionsOf, type Questionnaire, type ReferenceList } from '../questionnaire.js';
import { GENDERS, type Gender } from '../tables.js';
import { attachFile } from './commands/attach-file.js';
import { dropPendingForm, keepPendingForm, PENDING_TTL_MS } from './commands/keep-pending-form.js';
import { type SaveAnswerInput, type SaveAnswerResult, saveAnswer } from './commands/save-answer.js';
import { answerCopy } from './copy.js';
import { type Answer, findAttachmentsOfAnswer, findOwnAnswer, findPendingForm } from './queries.js';
import { audienceRefusal, type RespondentChoice } from './rules.js';
import { type AnswerProblem, fieldName, formFromValues, valuesFromForm, visibleQuestionIds } from './validate.js';
import { AnswerPage, AnswerRefusedPage } from './views/AnswerPage.js';
import { AttachPage, ReceiptPage } from './views/ReceiptPage.js';

const PENDING_COOKIE = 'wsis_pending_answer';
const uploads = { files: 1, fileSize: DEFAULT_MAX_FILE_BYTES, ability: 'consultations.answer.write' };

type T = FastifyRequest['t'];
/** The sentence of a broken rule. */
export const problemText = (t: T, p: AnswerProblem) => t(`consultations.answering.errors.${p.error}`, p.params ?? {});
const problemField = (p: AnswerProblem) => (p.questionId === '_country' ? 'country' : fieldName(p.questionId));

/** The respondent choice of a form value ('individual', 'org:7'), or null. */
const respondentOf = (raw: unknown): RespondentChoice | null => {
  if (raw === 'individual') return { kind: 'individual' };
  const m = typeof raw === 'string' ? /^org:([1-9]\d{0,15})$/.exec(raw) : null;
  return m ? { kind: 'organization', organizationId: Number(m[1]) } : null;
};
const respondentValue = (answer: Answer) => (answer.organizationId ? `org:${answer.organizationId}` : 'individual');

const referenceOptions = async (db: Parameters<typeof findSdgs>[0], questionnaire: Questionnaire, locale: Locale, localize: (v: Record<string, string>) => string) => {
  const lists = new Set(questionsOf(questionnaire).flatMap((q) => (q.type === 'reference' ? [q.list] : [])));
  const options: Partial<Record<ReferenceList, Option[]>> = {};
  if (lists.has('action-lines'))
    options['action-lines'] = (await findActionLines(db)).map((a) => ({ value: a.code, label: `${a.code} — ${localize(a.title as Record<string, string>)}` }));
  if (lists.has('sdgs')) options.sdgs = (await findSdgs(db)).map((s) => ({ value: String(s.number), label: `${s.number}. ${localize(s.title as Record<string, string>)}` }));
  if (lists.has('sdg-targets')) options['sdg-targets'] = (await findSdgTargets(db)).map((s) => ({ value: s.code, label: s.code }));
  if (lists.has('countries'))
    options.countries = (await findCountries(db)).map((c) => ({ value: c.code, label: countryName(c.code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
  return options;
};

export const answeringRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;
  const baseUrl = app.platform.config.baseUrl;

  const answerableConsultation = async (raw: string) => {
    const consultation = await getConsultation(db, pathId(raw));
    if (consultation.status === 'draft') throw notFound();
    return consultation;
  };

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    {
      consultation,
      step,
      form,
      status = 200,
      message,
    }: { consultation: Consultation; step: number; form?: FormState; status?: number; message?: { kind: 'error' | 'notice'; text: string; closesAt?: Date } },
  ) => {
    const actor = req.actor as Actor;
    const questionnaire = await currentQuestionnaire(db, consultation);
    const answer = await findOwnAnswer(db, { consultationId: consultation.id, userId: actor.id });
    const organizations = await findOrganizationsOfUser(db, actor.id);
    const attachments = answer ? await findAttachmentsOfAnswer(db, answer.id) : [];
    const stored: FormState['values'] = answer
      ? {
          ...formFromValues(questionsOf(questionnaire), answer.values),
          respondent: respondentValue(answer),
          language: answer.language,
          country: answer.country ?? undefined,
          gender: answer.gender ?? undefined,
          publish: answer.publish ? 'yes' : undefined,
        }
      : { language: req.locale, respondent: consultation.respondentKind === 'organization' ? undefined : 'individual' };
    const values = form ? { ...stored, ...form.values } : stored;
    const localize = req.view(reply).localize;
    const copy =
      step > questionnaire.sections.length && answer
        ? answerCopy(questionnaire, answer.values, { t: req.t, localize, locale: req.locale, fileNames: new Map(attachments.map((a) => [a.id, a.fileName])) })
        : [];
    return reply.page(
      AnswerPage({
        view: req.view(reply),
        consultation,
        questionnaire,
        step,
        form: { values, errors: form?.errors ?? {} },
        organizations,
        visible: visibleQuestionIds(questionnaire, answer?.values ?? {}),
        attachments,
        referenceOptions: await referenceOptions(db, questionnaire, req.locale, (v) => localize(v)),
        countries: (await findCountries(db)).map((c) => ({ value: c.code, label: countryName(c.code, req.locale) })).sort((a, b) => a.label.localeCompare(b.label, req.locale)),
        status: answer?.status ?? 'none',
        submittedAt: answer?.submittedAt ?? null,
        copy,
        message,
      }),
      status,
    );
  };

  /** The audience refusal as a page (403), or null when the actor may answer. */
  const refusePage = async (req: FastifyRequest, reply: FastifyReply, consultation: Consultation) => {
    const actor = req.actor as Actor;
    const reason = audienceRefusal(consultation, actor, await findOrganizationsOfUser(db, actor.id));
    if (reason) return reply.page(AnswerRefusedPage({ view: req.view(reply), consultation, text: req.t(`consultations.answering.errors.${reason}`) }), 403);
    if (consultation.status !== 'open')
      return reply.page(AnswerRefusedPage({ view: req.view(reply), consultation, text: req.t('consultations.answering.errors.closed'), closesAt: consultation.closesAt }), 409);
    return null;
  };

  const stepOf = (raw: unknown, questionnaire: Questionnaire) => {
    const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
    return Math.min(n, questionnaire.sections.length + 1);
  };

  const pendingToken = (req: FastifyRequest) => {
    const raw = req.cookies[PENDING_COOKIE];
    if (!raw) return null;
    const unsigned = req.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : null;
  };

  app.get<{ Params: { id: string }; Querystring: { step?: string } }>('/consultations/:id/answer', async (req, reply) => {
    const consultation = await answerableConsultation(req.params.id);
    authorize(req.actor, 'consultations.answer.write');
    const refused = await refusePage(req, reply, consultation);
    if (refused) return refused;
    const questionnaire = await currentQuestionnaire(db, consultation);
    const token = pendingToken(req);
    const pending = token ? await findPendingForm(db, { consultationId: consultation.id, token }) : null;
    if (pending) {
      const step = stepOf(pending.form.step, questionnaire);
      return render(req, reply, {
        consultation,
        step,
        form: { values: pending.form, errors: {} },
        message: { kind: 'notice', text: req.t('consultations.answering.form.restored') },
      });
    }
    return render(req, reply, { consultation, step: stepOf(req.query?.step, questionnaire) });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/answer', async (req, reply) => {
    const consultation = await answerableConsultation(req.params.id);
    const values = formValues(req.body);
    const questionnaire = await currentQuestionnaire(db, consultation);
    const step = stepOf(values.step, questionnaire);
    if (!isSignedIn(req.actor)) {
      // The session ended while the person was typing: keep what they typed, then sign in.
      const language = isLocale(values.language) ? values.language : req.locale;
      const token = await keepPendingForm(db, { consultationId: consultation.id, version: consultation.currentVersion, form: values, language });
      reply.setCookie(PENDING_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        secure: app.platform.config.secureCookies,
        maxAge: PENDING_TTL_MS / 1000,
      });
      reply.flash('warning', req.t('consultations.answering.form.signed_out'));
      return reply.seeOther(`/${req.locale}/sign-in?next=${encodeURIComponent(`/${req.locale}/consultations/${consultation.id}/answer`)}`);
    }
    authorize(req.actor, 'consultations.answer.write');
    const actor = req.actor as Actor;
    const refused = await refusePage(req, reply, consultation);
    if (refused) return refused;
    const own = await findOwnAnswer(db, { consultationId: consultation.id, userId: actor.id });
    const action = values.action === 'back' ? 'back' : values.action === 'submit' ? 'submit' : 'save';
    const section = step >= 1 && step <= questionnaire.sections.length ? questionnaire.sections[step - 1] : undefined;

    let input: SaveAnswerInput;
    const errors: Record<string, string> = {};
    if (step === 0) {
      const respondent = respondentOf(values.respondent);
      if (!respondent) errors.respondent = req.t('core.errors.required');
      if (!isLocale(values.language)) errors.language = req.t('core.errors.required');
      const gender = typeof values.gender === 'string' && (GENDERS as readonly string[]).includes(values.gender) ? (values.gender as Gender) : null;
      if (values.gender && !gender) errors.gender = req.t('core.errors.invalid_choice');
      const country = typeof values.country === 'string' && values.country !== '' ? values.country : null;
      if (Object.keys(errors).length > 0) return render(req, reply, { consultation, step, form: { values, errors }, status: 422 });
      input = { respondent: respondent as RespondentChoice, language: values.language as Locale, values: {}, gender, country, publish: values.publish === 'yes' };
    } else {
      if (!own) return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer?step=0`);
      input = {
        respondent: own.organizationId ? { kind: 'organization', organizationId: own.organizationId } : { kind: 'individual' },
        language: own.language,
        values: section ? valuesFromForm(section.questions, values) : {},
      };
    }
    const result = await saveAnswer(db, {
      actor,
      consultationId: consultation.id,
      input,
      replaceAll: false,
      stepQuestionIds: section ? section.questions.filter((q) => q.type !== 'file').map((q) => q.id) : [],
      hidden: 'drop',
      submit: action === 'submit' && step > questionnaire.sections.length,
      baseUrl,
      ip: req.ip,
      onPlacingError: (error) => req.log.error({ err: error }, 'placing consultation texts in campaigns failed'),
    });
    if (!result.ok) return refusal(req, reply, { consultation, step, values, result });
    const token = pendingToken(req);
    if (token) {
      await dropPendingForm(db, { consultationId: consultation.id, token });
      reply.clearCookie(PENDING_COOKIE, { path: '/' });
    }
    if (result.submitted) {
      reply.flash('notice', req.t('consultations.answering.receipt.submitted'));
      return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer/receipt`);
    }
    reply.flash('notice', req.t('consultations.answering.form.saved'));
    const next = action === 'back' ? Math.max(0, step - 1) : Math.min(step + 1, questionnaire.sections.length + 1);
    return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer?step=${next}`);
  });

  const refusal = (
    req: FastifyRequest,
    reply: FastifyReply,
    { consultation, step, values, result }: { consultation: Consultation; step: number; values: FormState['values']; result: Exclude<SaveAnswerResult, { ok: true }> },
  ) => {
    switch (result.error) {
      case 'not_found':
        throw notFound();
      case 'forbidden':
        return render(req, reply, { consultation, step, form: { values, errors: { respondent: req.t(`consultations.answering.errors.${result.reason}`) } }, status: 403 });
      case 'invalid': {
        const errors: Record<string, string> = {};
        for (const p of result.problems) errors[problemField(p)] ??= problemText(req.t, p);
        return render(req, reply, { consultation, step, form: { values, errors }, status: 422 });
      }
      case 'closed':
      case 'not_yet_open': {
        const key = result.error === 'closed' ? 'consultations.answering.errors.closed' : 'consultations.answering.errors.not_yet_open';
        const text = `${req.t(key)}${result.kept ? ` ${req.t('consultations.answering.errors.draft_kept')}` : ''}`;
        return render(req, reply, {
          consultation,
          step,
          form: { values, errors: {} },
          status: 409,
          message: { kind: 'error', text, closesAt: result.error === 'closed' ? consultation.closesAt : consultation.opensAt },
        });
      }
    }
  };

  app.get<{ Params: { id: string } }>('/consultations/:id/answer/receipt', async (req, reply) => {
    const consultation = await answerableConsultation(req.params.id);
    authorize(req.actor, 'consultations.answer.read_own');
    const answer = await findOwnAnswer(db, { consultationId: consultation.id, userId: (req.actor as Actor).id });
    if (answer?.status !== 'submitted' || !answer.submittedAt) return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer`);
    const questionnaire = await currentQuestionnaire(db, consultation);
    const files = await findAttachmentsOfAnswer(db, answer.id);
    const view = req.view(reply);
    const copy = answerCopy(questionnaire, answer.values, { t: req.t, localize: view.localize, locale: req.locale, fileNames: new Map(files.map((f) => [f.id, f.fileName])) });
    return reply.page(ReceiptPage({ view, consultation, submittedAt: answer.submittedAt, copy }));
  });

  const fileQuestion = async (req: FastifyRequest<{ Params: { id: string; questionId: string } }>) => {
    const consultation = await answerableConsultation(req.params.id);
    const question = questionsOf(await currentQuestionnaire(db, consultation)).find((q) => q.id === req.params.questionId);
    if (question?.type !== 'file') throw notFound();
    return { consultation, question };
  };
  const fileHint = (req: FastifyRequest, question: { maxBytes?: number }) =>
    req.t('consultations.answering.files.hint', { max: Math.round(Math.min(question.maxBytes ?? DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES) / 1024 / 1024) || 1 });

  app.get<{ Params: { id: string; questionId: string } }>('/consultations/:id/answer/files/:questionId', async (req, reply) => {
    authorize(req.actor, 'consultations.answer.write');
    const { consultation, question } = await fileQuestion(req);
    const view = req.view(reply);
    return reply.page(
      AttachPage({ view, consultation, questionId: question.id, question: view.localize(question.label), form: { values: {}, errors: {} }, hint: fileHint(req, question) }),
    );
  });

  app.post<{ Params: { id: string; questionId: string } }>('/consultations/:id/answer/files/:questionId', { config: { multipart: uploads } }, async (req, reply) => {
    authorize(req.actor, 'consultations.answer.write');
    const { consultation, question } = await fileQuestion(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const upload = isUploadedFile(body.file) ? body.file : null;
    const file = upload ? { bytes: await upload.read(), fileName: upload.filename, declaredType: upload.declaredType, truncated: upload.truncated } : null;
    const result = await attachFile(db, { actor: req.actor as Actor, consultationId: consultation.id, questionId: question.id, file, ip: req.ip });
    if (result.ok) {
      reply.flash('notice', req.t('consultations.answering.files.attached'));
      const section = (await currentQuestionnaire(db, consultation)).sections.findIndex((s) => s.questions.some((q) => q.id === question.id));
      return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer?step=${section + 1}`);
    }
    if (result.error === 'not_found') throw notFound();
    if (result.error === 'no_answer') return reply.seeOther(`/${req.locale}/consultations/${consultation.id}/answer?step=0`);
    const view = req.view(reply);
    const text = req.t(`consultations.answering.errors.${result.error}`, { max: Math.round((result.maxBytes ?? DEFAULT_MAX_FILE_BYTES) / 1024 / 1024) || 1 });
    return reply.page(
      AttachPage({
        view,
        consultation,
        questionId: question.id,
        question: view.localize(question.label),
        form: { values: {}, errors: { file: text } },
        hint: fileHint(req, question),
      }),
      result.error === 'closed' ? 409 : 422,
    );
  });
};

// --- API -----------------------------------------------------------------------------------

const respondentIn = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('individual') }),
    z.object({ kind: z.literal('organization'), organizationId: z.int().positive().max(Number.MAX_SAFE_INTEGER) }),
  ])
  .meta({ example: { kind: 'organization', organizationId: 12 } });

const answerIn = z
  .object({
    respondent: respondentIn,
    language: z.enum(LOCALES).describe('The language the answer is written in'),
    values: z
      .record(z.string().max(100), z.unknown())
      .describe(
        'Values by question id: { text } for texts, { choice, other? } single choice, { choices, other? } multiple choice, { number } scale, { yes } yes/no, { order } ranking, { codes } reference, { attachmentId } file',
      )
      .meta({ example: { q1: { text: 'Affordable broadband in rural areas.' }, q2: { choice: 'b' }, q3: { number: 4 } } }),
    gender: z.enum(GENDERS).nullable().optional().describe('An individual respondent’s gender, only as given'),
    country: z.string().max(3).toUpperCase().nullable().optional().describe('An individual respondent’s country (ISO 3166 code; lower case is read as upper case)'),
    publish: z.boolean().optional().describe('The respondent allows publication (when the consultation allows it)'),
  })
  .strict();

const answerOut = z
  .object({
    id: z.number().int(),
    consultationId: z.number().int(),
    version: z.number().int().describe('The questionnaire version answered'),
    respondent: z.string().meta({ example: 'org:12' }),
    status: z.enum(['draft', 'submitted']),
    language: z.enum(LOCALES),
    values: z.record(z.string(), z.unknown()),
    publish: z.boolean(),
    gender: z.enum(GENDERS).nullable(),
    country: z.string().nullable(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
  })
  .meta({
    example: {
      id: 7,
      consultationId: 3,
      version: 1,
      respondent: 'org:12',
      status: 'submitted',
      language: 'fr',
      values: { q1: { text: 'Le haut débit rural.' } },
      publish: false,
      gender: null,
      country: 'SN',
      updatedAt: '2026-03-02T10:00:00.000Z',
      submittedAt: '2026-03-02T10:00:00.000Z',
    },
  });

const answerJson = (a: Answer) => ({
  id: a.id,
  consultationId: a.consultationId,
  version: a.version,
  respondent: a.respondent,
  status: a.status,
  language: a.language,
  values: a.values as Record<string, unknown>,
  publish: a.publish,
  gender: a.gender,
  country: a.country,
  updatedAt: a.updatedAt.toISOString(),
  submittedAt: a.submittedAt?.toISOString() ?? null,
});

const params = z.object({ id: idText });

/** The refusal of a save or a submission as an RFC 9457 problem, each value's problem at its pointer. */
const sendRefusal = (req: FastifyRequest, reply: FastifyReply, result: Exclude<SaveAnswerResult, { ok: true }>) => {
  const send = (status: number, title: string, detail: string, errors?: FieldProblem[]) =>
    sendProblem(req, reply, status, { title: req.t(title), detail, ...(errors ? { errors } : {}) });
  switch (result.error) {
    case 'not_found':
      throw notFound();
    case 'forbidden':
      return send(403, 'core.errors.forbidden_title', req.t(`consultations.answering.errors.${result.reason}`));
    case 'invalid':
      return send(
        422,
        'core.errors.validation_title',
        req.t('core.errors.validation_detail'),
        result.problems.map((p) => ({
          pointer: p.questionId === '_country' ? '/country' : `/values/${p.questionId.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          detail: problemText(req.t, p),
        })),
      );
    case 'closed':
    case 'not_yet_open': {
      const at = result.error === 'closed' ? result.consultation.closesAt : result.consultation.opensAt;
      const detail = `${req.t(`consultations.answering.errors.${result.error}_at`, { at: at.toISOString() })}${result.kept ? ` ${req.t('consultations.answering.errors.draft_kept')}` : ''}`;
      return send(409, 'core.errors.conflict_title', detail);
    }
  }
};

export const answeringApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform.database;
  const baseUrl = app.platform.config.baseUrl;

  app.get(
    '/consultations/:id/answer',
    { schema: { tags: ['consultations'], summary: 'The caller’s own answer (draft or submitted)', security: [{ bearer: [] }], params, response: { 200: answerOut } } },
    async (req) => {
      authorize(req.actor, 'consultations.answer.read_own');
      const consultation = await getConsultation(db, req.params.id);
      const answer = await findOwnAnswer(db, { consultationId: consultation.id, userId: (req.actor as Actor).id });
      if (!answer) throw notFound();
      return answerJson(answer);
    },
  );

  app.put(
    '/consultations/:id/answer',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Save the caller’s draft: the whole answer (values, language, respondent)',
        description: 'Answers to questions hidden by a condition, unknown questions, wrong values: 422 with one error per value. A submitted answer changes only until the close.',
        security: [{ bearer: [] }],
        params,
        body: answerIn,
        response: { 200: answerOut },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'consultations.answer.write');
      const result = await saveAnswer(db, {
        actor: req.actor as Actor,
        consultationId: req.params.id,
        input: req.body,
        replaceAll: true,
        hidden: 'refuse',
        submit: false,
        baseUrl,
        ip: req.ip,
        onPlacingError: (error) => req.log.error({ err: error }, 'placing consultation texts in campaigns failed'),
      });
      if (!result.ok) return sendRefusal(req, reply, result);
      return answerJson(result.answer);
    },
  );

  app.post(
    '/consultations/:id/answer/submit',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Submit the caller’s answer (with the answer itself, or the draft saved before)',
        description: 'Between the open and the close only (409 otherwise, with the closing time; the draft is kept). Sends a receipt e-mail with a copy of the answer.',
        security: [{ bearer: [] }],
        params,
        body: answerIn.nullish(),
        response: { 200: answerOut },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'consultations.answer.write');
      const actor = req.actor as Actor;
      const result = await saveAnswer(db, {
        actor,
        consultationId: req.params.id,
        // Without a body, the saved answer is read (locked) in the submission's transaction.
        input: req.body ?? 'saved',
        replaceAll: true,
        hidden: 'refuse',
        submit: true,
        baseUrl,
        ip: req.ip,
        onPlacingError: (error) => req.log.error({ err: error }, 'placing consultation texts in campaigns failed'),
      });
      if (!result.ok) return sendRefusal(req, reply, result);
      return answerJson(result.answer);
    },
  );
};
