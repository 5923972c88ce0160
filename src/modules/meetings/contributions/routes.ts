/**
 * Contributions: the form of a meeting (`/{locale}/meetings/{group}/{number}/contribute`, multipart,
 * no script needed), the receipt and "my contributions", the secretariat's queue
 * (`/{locale}/admin/meetings/{group}/{number}/contributions`: files, register, reject, publish) and
 * `POST /api/v1/meetings/{group}/{number}/contributions` (multipart, bearer token).
 */
import type { Db } from '../../../core/db/client.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUploadedFile } from '../../../core/http/body-parsers.js';
import { formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { type FieldProblem, notFound, sendProblem } from '../../../core/http/problems.js';
import { sendStoredFile } from '../../../core/http/send-file.js';
import { isLocale, LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import type { FormState } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { findOrganizationsOfUser } from '../../accounts/queries.js';
import { publishDocument } from '../register/commands/publish-document.js';
import { registerContribution } from './commands/register-contribution.js';
import { rejectContribution } from './commands/reject-contribution.js';
import { type ContributionProblem, type IncomingFile, type SubmitContributionInput, submitContribution } from './commands/submit-contribution.js';
import { type ContributionMeeting, findAgendaItems, findContribution, findContributionQueue, findCurrentFiles, findMeetingByNumber, findOwnContributions } from './queries.js';
import { isLate, isReceiving, MAX_CONTRIBUTION_BYTES, sourcesOf } from './rules.js';
import { ContributePage, ContributeRefusedPage } from './views/ContributePage.js';
import { sourceText } from './views/labels.js';
import { MyContributionsPage, ReceiptPage } from './views/OwnPages.js';
import { QueuePage } from './views/QueuePage.js';

type T = FastifyRequest['t'];
type MeetingParams = { group: string; number: string };

/** Six language versions of at most 30 MB each, and the form's few text fields. */
const uploads = { files: LOCALES.length, fileSize: MAX_CONTRIBUTION_BYTES, ability: 'meetings.contribution.submit', fields: 40, fieldBytes: 256 * 1024 };
const MAX_MB = Math.round(MAX_CONTRIBUTION_BYTES / 1024 / 1024);

/** The sentence of a field's problem, in the reader's language. */
const problemText = (t: T, p: ContributionProblem) =>
  p.error === 'required' || p.error === 'invalid_choice' ? t(`core.errors.${p.error}`) : t(`meetings.contributions.errors.${p.error}`, { max: MAX_MB });

/** What a multipart body holds, as the command reads it (files read from their temporary folder). */
const inputFrom = async (body: unknown): Promise<{ values: FormState['values']; input: SubmitContributionInput }> => {
  const values = formValues(body);
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const files: Partial<Record<Locale, IncomingFile>> = {};
  for (const l of LOCALES) {
    const f = raw[`file_${l}`];
    if (isUploadedFile(f)) files[l] = { bytes: await f.read(), fileName: f.filename, declaredType: f.declaredType, truncated: f.truncated };
  }
  return {
    values,
    input: {
      source: text('source'),
      titles: Object.fromEntries(LOCALES.map((l) => [l, text(`title_${l}`)])),
      agendaItem: text('agenda_item'),
      originalLanguage: text('original_language'),
      note: text('note'),
      files,
    },
  };
};

const meetingNumber = (raw: string) => (/^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null);

/** The meeting of a path's group and number (404 for one that does not exist or cannot). */
const meetingOfParams = async (db: Db, params: MeetingParams) => {
  const number = meetingNumber(params.number);
  const meeting = number && params.group.length <= 60 ? await findMeetingByNumber(db, { groupCode: params.group.normalize('NFC'), number }) : null;
  if (!meeting) throw notFound();
  return meeting;
};

export const contributionsRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;
  const store = app.platform.files;

  const meetingOf = (params: MeetingParams) => meetingOfParams(db, params);

  const sourceOptions = (view: ViewContext, sources: ReturnType<typeof sourcesOf>) =>
    sources.map((s) => ({ value: s.value, label: s.value === 'self' ? view.t('meetings.contributions.source.self', { name: s.sourceName ?? '' }) : sourceText(view, s) }));

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, { meeting, form, status = 200 }: { meeting: ContributionMeeting; form: FormState; status?: number }) => {
    const actor = req.actor as Actor;
    const view = req.view(reply);
    const sources = sourcesOf(actor, await findOrganizationsOfUser(db, actor.id));
    if (sources.length === 0) return reply.page(ContributeRefusedPage({ view, meeting, text: req.t('meetings.contributions.errors.forbidden') }), 403);
    if (!isReceiving(meeting.status))
      return reply.page(ContributeRefusedPage({ view, meeting, text: req.t(`meetings.contributions.errors.not_receiving_${meeting.status}`) }), 409);
    const agenda = (await findAgendaItems(db, meeting.id)).map((a) => ({ value: String(a.id), label: `${a.number}. ${view.localize(a.title)}` }));
    return reply.page(ContributePage({ view, meeting, form, sources: sourceOptions(view, sources), agenda, late: isLate(meeting.deadline, new Date()) }), status);
  };

  app.get<{ Params: MeetingParams }>('/meetings/:group/:number/contribute', async (req, reply) => {
    authorize(req.actor, 'meetings.contribution.submit');
    const meeting = await meetingOf(req.params);
    return renderForm(req, reply, { meeting, form: { values: { original_language: req.locale }, errors: {} } });
  });

  app.post<{ Params: MeetingParams }>('/meetings/:group/:number/contribute', { config: { multipart: uploads } }, async (req, reply) => {
    authorize(req.actor, 'meetings.contribution.submit');
    const meeting = await meetingOf(req.params);
    const actor = req.actor as Actor;
    const { values, input } = await inputFrom(req.body);
    const organizations = await findOrganizationsOfUser(db, actor.id);
    const result = await submitContribution(db, { actor, organizations, meetingId: meeting.id, input, store, ip: req.ip });
    if (result.ok) {
      reply.flash('notice', req.t(result.late ? 'meetings.contributions.receipt.received_late' : 'meetings.contributions.receipt.received'));
      return reply.seeOther(`/${req.locale}/meetings/my-contributions/${result.documentId}`);
    }
    if (result.error === 'not_found') throw notFound();
    const errors: Record<string, string> = {};
    if (result.error === 'invalid') for (const p of result.problems) errors[p.field] ??= problemText(req.t, p);
    return renderForm(req, reply, { meeting, form: { values, errors }, status: 422 });
  });

  app.get('/meetings/my-contributions', async (req, reply) => {
    authorize(req.actor, 'meetings.contribution.submit');
    return reply.page(MyContributionsPage({ view: req.view(reply), rows: await findOwnContributions(db, (req.actor as Actor).id) }));
  });

  app.get<{ Params: { id: string } }>('/meetings/my-contributions/:id', async (req, reply) => {
    authorize(req.actor, 'meetings.contribution.submit');
    const id = pathId(req.params.id);
    const contribution = (await findOwnContributions(db, (req.actor as Actor).id)).find((c) => c.id === id);
    if (!contribution) throw notFound();
    const files = await findCurrentFiles(db, [id]);
    return reply.page(ReceiptPage({ view: req.view(reply), contribution, files, late: isLate(contribution.deadline, contribution.submittedAt) }));
  });
};

export const contributionsAdminRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;
  const store = app.platform.files;

  const meetingOf = (params: MeetingParams) => meetingOfParams(db, params);
  const queuePath = (req: FastifyRequest, m: ContributionMeeting) => `/${req.locale}/admin/meetings/${encodeURIComponent(m.groupCode)}/${m.number}/contributions`;

  const renderQueue = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { meeting, errors = {}, status = 200 }: { meeting: ContributionMeeting; errors?: Record<number, string>; status?: number },
  ) => {
    const queue = await findContributionQueue(db, meeting.id);
    const files = await findCurrentFiles(
      db,
      queue.map((c) => c.id),
    );
    const agenda = new Map((await findAgendaItems(db, meeting.id)).map((a) => [a.id, a.number]));
    const items = queue.map((c) => ({ ...c, files: files.filter((f) => f.documentId === c.id), agendaNumber: c.agendaItemId ? (agenda.get(c.agendaItemId) ?? null) : null }));
    return reply.page(QueuePage({ view: req.view(reply), meeting, items, errors }), status);
  };

  app.get<{ Params: MeetingParams }>('/meetings/:group/:number/contributions', async (req, reply) => {
    authorize(req.actor, 'meetings.document.register');
    return renderQueue(req, reply, { meeting: await meetingOf(req.params) });
  });

  app.get<{ Params: MeetingParams & { id: string; lang: string } }>('/meetings/:group/:number/contributions/:id/files/:lang', async (req, reply) => {
    authorize(req.actor, 'meetings.document.register');
    const meeting = await meetingOf(req.params);
    const contribution = await findContribution(db, { meetingId: meeting.id, documentId: pathId(req.params.id) });
    const file = contribution && isLocale(req.params.lang) ? (await findCurrentFiles(db, [contribution.id])).find((f) => f.locale === req.params.lang) : undefined;
    if (!file) throw notFound();
    return sendStoredFile(req, reply, { store, sha256: file.sha256, size: file.size, mediaType: file.mediaType, fileName: file.fileName });
  });

  const action = (name: 'register' | 'reject' | 'publish') =>
    app.post<{ Params: MeetingParams & { id: string } }>(`/meetings/:group/:number/contributions/:id/${name}`, async (req, reply) => {
      authorize(req.actor, 'meetings.document.register');
      const actor = req.actor as Actor;
      const meeting = await meetingOf(req.params);
      const contribution = await findContribution(db, { meetingId: meeting.id, documentId: pathId(req.params.id) });
      if (!contribution) throw notFound();
      const values = formValues(req.body);
      const result =
        name === 'register'
          ? await registerContribution(db, { actor, documentId: contribution.id, late: values.late === 'yes', ip: req.ip })
          : name === 'reject'
            ? await rejectContribution(db, { actor, documentId: contribution.id, reason: typeof values.reason === 'string' ? values.reason : '', ip: req.ip })
            : await publishDocument(db, { actor, documentId: contribution.id, ip: req.ip });
      if (!result.ok) {
        if (result.error === 'not_found') throw notFound();
        return renderQueue(req, reply, { meeting, errors: { [contribution.id]: req.t(`meetings.contributions.errors.${result.error}`) }, status: 422 });
      }
      const symbol = 'symbol' in result ? String(result.symbol) : '';
      reply.flash('notice', req.t(`meetings.contributions.queue.${name}ed`, { symbol }));
      return reply.seeOther(queuePath(req, meeting));
    });
  action('register');
  action('reject');
  action('publish');
};

// --- API -----------------------------------------------------------------------------------

const binary = (description: string) => z.unknown().optional().meta({ type: 'string', format: 'binary', description });
const bodyFields: Record<string, z.ZodType> = {
  source: z.string().optional().describe('For whom: "org:<organization id>", "secretariat" or "self"; may be left out when the account has one choice'),
  original_language: z.string().describe('The original language (ar, en, es, fr, ru, zh): its title and file are required'),
  agenda_item: z.string().optional().describe('The id of the meeting’s agenda item (required when the meeting has an agenda)'),
  note: z.string().optional().describe('A note for the secretariat'),
};
for (const l of LOCALES) {
  bodyFields[`title_${l}`] = z.string().optional().describe(`The title in ${l}`);
  bodyFields[`file_${l}`] = binary(`The ${l} version (PDF, DOCX, ODT, XLSX or PPTX; at most ${MAX_MB} MB; no macros)`);
}
const contributionIn = z.object(bodyFields);
const contributionOut = z
  .object({
    id: z.number().int(),
    status: z.literal('submitted'),
    late: z.boolean().describe('Received after the deadline: the secretariat decides whether to register it as late'),
  })
  .meta({ example: { id: 12, status: 'submitted', late: false } });
const meetingParams = z.object({
  group: z.string().max(60).meta({ example: 'CWG-WSIS&SDG' }),
  number: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .meta({ example: '41' }),
});

export const contributionsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform.database;
  const store = app.platform.files;

  app.post(
    '/meetings/:group/:number/contributions',
    {
      config: { multipart: uploads },
      schema: {
        tags: ['meetings'],
        summary: 'Submit a contribution to a meeting (multipart/form-data)',
        description:
          'A verified CWG member, a verified member of a Member State’s delegation, or the secretariat. Files are checked from their bytes: a wrong type, an empty or oversized file, a zip bomb or a document with macros (refused, not stripped) is a 400 naming the field. After the deadline the contribution is still received (late: true). A held or cancelled meeting: 409.',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        params: meetingParams,
        body: contributionIn,
        response: { 201: contributionOut },
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'meetings.contribution.submit');
      const actor = req.actor as Actor;
      const meeting = await findMeetingByNumber(db, { groupCode: req.params.group.normalize('NFC'), number: Number(req.params.number) });
      if (!meeting) throw notFound();
      const { input } = await inputFrom(req.body);
      const result = await submitContribution(db, { actor, organizations: await findOrganizationsOfUser(db, actor.id), meetingId: meeting.id, input, store, ip: req.ip });
      if (result.ok) return reply.code(201).send({ id: result.documentId, status: 'submitted' as const, late: result.late });
      // Problem details (documented for every 4xx by core/http/openapi.ts), outside the 201 schema.
      const problem = reply as unknown as FastifyReply;
      const send = (status: number, title: string, detail: string, errors?: FieldProblem[]) =>
        sendProblem(req, problem, status, { title: req.t(title), detail, ...(errors ? { errors } : {}) });
      switch (result.error) {
        case 'not_found':
          throw notFound();
        case 'forbidden':
          return send(403, 'core.errors.forbidden_title', req.t('meetings.contributions.errors.forbidden'));
        case 'not_receiving':
          return send(409, 'core.errors.conflict_title', req.t(`meetings.contributions.errors.not_receiving_${result.status}`));
        case 'invalid':
          return send(
            400,
            'core.errors.validation_title',
            req.t('core.errors.validation_detail'),
            result.problems.map((p) => ({ pointer: `/${p.field}`, detail: problemText(req.t, p) })),
          );
      }
    },
  );
};
