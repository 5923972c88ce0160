/**
 * Routes of the exports folder. Public: the published answers (and their files without metadata),
 * the circular letter, unsubscribing from announcements. Admin: the downloads page and sending the
 * letter. API: the published answers and the analysts' exports (CSV, XLSX, JSONL, attachments ZIP).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Readable } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import { idText, pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { authorize, can } from '../../../core/permissions/index.js';
import { getConsultation } from '../queries.js';
import { letterSendings } from '../tables.js';
import { exportLabels, exportQuestions } from './columns.js';
import { sendLetter } from './commands/send-letter.js';
import { unsubscribe } from './commands/unsubscribe.js';
import { attachmentsZip, csvStream, jsonlStream, xlsxStream } from './formats.js';
import { emailOfToken, letterContent, type Signer } from './letter.js';
import { PUBLISHED_PAGE_SIZE, publishedAnswers } from './published.js';
import { findPublishedAttachment, findQuestionnaires, publishesAnswers, streamAnswers, streamAttachments } from './queries.js';
import { stripMetadata } from './strip-metadata.js';
import { ExportsPage } from './views/ExportsPage.js';
import { LetterPage } from './views/LetterPage.js';
import { PublishedAnswersPage } from './views/PublishedAnswersPage.js';
import { UnsubscribePage } from './views/UnsubscribePage.js';

/** The server's cookie signer (its secret) signs the unsubscribe tokens. */
const signerOf = (app: FastifyInstance): Signer => ({ sign: (v) => app.signCookie(v), unsign: (t) => app.unsignCookie(t) });

const pageNumber = (raw: unknown) => {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(n, 1);
};

/** A download name with no character a header cannot carry. */
const asciiName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'file';

/** Published answers; the circular letter; unsubscribing from announcements. */
export const exportsRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const signer = signerOf(app);

  app.get<{ Params: { id: string }; Querystring: { page?: string } }>('/consultations/:id/answers', async (req, reply) => {
    const result = await publishedAnswers(db, { consultationId: pathId(req.params.id), locale: req.locale, page: pageNumber(req.query.page) });
    return reply.page(PublishedAnswersPage({ view: req.view(reply), ...result }));
  });

  app.get<{ Params: { id: string; file: string } }>('/consultations/:id/answers/files/:file', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (!publishesAnswers(consultation)) throw notFound();
    const file = await findPublishedAttachment(db, { consultationId: consultation.id, attachmentId: pathId(req.params.file) });
    const stripped = file ? stripMetadata(file.mediaType, file.data) : null;
    if (!file || !stripped) throw notFound();
    return reply
      .type(file.mediaType)
      .header('content-disposition', `attachment; filename="${asciiName(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'no-store')
      .send(stripped);
  });

  app.get<{ Params: { id: string } }>('/consultations/:id/letter', async (req, reply) => {
    const consultation = await getConsultation(db, pathId(req.params.id));
    if (consultation.status === 'draft' && !can(req.actor, 'consultations.consultation.manage')) throw notFound();
    const letter = letterContent({ consultation, locale: req.locale, baseUrl: app.platform.config.baseUrl });
    return reply.page(LetterPage({ view: req.view(reply), consultationId: consultation.id, letter }));
  });

  app.get<{ Querystring: { token?: string } }>('/consultations/unsubscribe', async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const valid = emailOfToken(signer, token) !== null;
    return reply.page(UnsubscribePage({ view: req.view(reply), state: valid ? 'confirm' : 'invalid', token }), valid ? 200 : 400);
  });

  app.post<{ Body: { token?: unknown } }>('/consultations/unsubscribe', async (req, reply) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    const email = emailOfToken(signer, token);
    if (!email) return reply.page(UnsubscribePage({ view: req.view(reply), state: 'invalid', token: '' }), 400);
    await unsubscribe(db, email);
    return reply.page(UnsubscribePage({ view: req.view(reply), state: 'done', token: '' }));
  });
};

/** Exports of all answers (CSV, XLSX, JSONL, attachments ZIP); sending the circular letter. */
export const exportsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const signer = signerOf(app);

  app.get<{ Params: { id: string } }>('/consultations/:id/exports', async (req, reply) => {
    authorize(req.actor, 'consultations.consultation.analyse');
    const consultation = await getConsultation(db, pathId(req.params.id));
    const sendings = await db
      .select({ id: letterSendings.id, recipients: letterSendings.recipients, sentAt: letterSendings.sentAt })
      .from(letterSendings)
      .where(eq(letterSendings.consultationId, consultation.id))
      .orderBy(desc(letterSendings.sentAt));
    return reply.page(
      ExportsPage({ view: req.view(reply), consultation, sendings, canSend: can(req.actor, 'consultations.consultation.manage') && consultation.status !== 'draft' }),
    );
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/letter/send', async (req, reply) => {
    authorize(req.actor, 'consultations.consultation.manage');
    const id = pathId(req.params.id);
    const result = await sendLetter(db, { actor: req.actor as NonNullable<typeof req.actor>, consultationId: id, baseUrl: app.platform.config.baseUrl, signer });
    if (!result.ok) reply.flash('error', req.t('consultations.exports.admin.draft_not_sent'));
    else reply.flash('notice', req.t('consultations.exports.admin.sent', { number: result.number, count: result.recipients }));
    return reply.seeOther(`/${req.locale}/admin/consultations/${id}/exports`);
  });
};

const idParams = z.object({ id: idText });
const localizedLang = z.object({ lang: z.enum(['ar', 'en', 'es', 'fr', 'ru', 'zh']).optional().describe('The language of the labels (defaults to the negotiated one)') });
const publishedQuery = localizedLang.extend({
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional()
    .describe('Page number, from 1'),
});

const publishedAnswerOut = z
  .object({
    id: z.number().int(),
    respondent: z.string().describe('The organization’s name, or “individual respondent”; never a person’s name or contact details'),
    respondentKind: z.enum(['organization', 'individual']),
    stakeholderType: z.string().nullable(),
    country: z.string().nullable(),
    language: z.string().describe('The language the answer is written in'),
    version: z.number().int().describe('The questionnaire version the answer used'),
    submittedAt: z.string().nullable(),
    values: z.array(
      z.object({
        questionId: z.string(),
        label: z.string(),
        value: z.union([z.string(), z.number()]).nullable(),
        file: z.object({ id: z.number().int(), name: z.string() }).optional().describe('An attachment, published without its metadata'),
      }),
    ),
  })
  .meta({
    example: {
      id: 42,
      respondent: 'Ministry of ICT of Kenya',
      respondentKind: 'organization',
      stakeholderType: 'Government',
      country: 'Kenya',
      language: 'en',
      version: 1,
      submittedAt: '2027-03-01T10:00:00.000Z',
      values: [
        { questionId: 'q1', label: 'Your views', value: 'Rural broadband first.' },
        { questionId: 'q2', label: 'Supporting document', value: 'position.pdf', file: { id: 7, name: 'position.pdf' } },
      ],
    },
  });

const publishedOut = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), answers: z.array(publishedAnswerOut) }).meta({
  example: { total: 1, page: 1, pageSize: PUBLISHED_PAGE_SIZE, answers: [] },
});

const fileResponse = (mediaType: string, description: string, example: string) => ({
  200: { description, content: { [mediaType]: { schema: z.string(), example } } },
});

const sendFile = (reply: FastifyReply, { type, name, stream }: { type: string; name: string; stream: Readable }) =>
  reply.type(type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(stream);

/** GET /api/v1/consultations/{id}/answers (published ones) and the exports. */
export const exportsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;

  app.get(
    '/consultations/:id/answers',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The published answers of a consultation',
        description:
          'Only when the consultation allows publication and each respondent consented; 404 otherwise. An organization is named; an individual is “individual respondent”. Never contact details.',
        params: idParams,
        querystring: publishedQuery,
        response: { 200: publishedOut },
      },
    },
    async (req) => {
      const { answers, total, page, pageSize } = await publishedAnswers(db, { consultationId: req.params.id, locale: req.locale, page: pageNumber(req.query.page) });
      return { total, page, pageSize, answers };
    },
  );

  const files = [
    {
      path: 'answers.csv',
      type: 'text/csv; charset=utf-8',
      media: 'text/csv',
      write: csvStream,
      summary: 'All submitted answers as CSV (UTF-8 with BOM)',
      example: 'Answer,Stakeholder type,…,q1 — Your views\r\n42,Government,…,Rural broadband first.\r\n',
    },
    {
      path: 'answers.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      write: xlsxStream,
      summary: 'All submitted answers as an Excel workbook (same columns as the CSV)',
      example: '(an Excel workbook)',
    },
    {
      path: 'answers.jsonl',
      type: 'application/x-ndjson; charset=utf-8',
      media: 'application/x-ndjson',
      write: jsonlStream,
      summary: 'All submitted answers as JSON Lines',
      example: '{"answer":42,"version":1,"stakeholderType":"Government","values":{"q1":{"label":"Your views","value":"Rural broadband first."}}}\n',
    },
  ] as const;

  for (const file of files) {
    app.get(
      `/consultations/:id/${file.path}`,
      {
        schema: {
          tags: ['consultations'],
          summary: file.summary,
          description:
            'For analysts (consultation managers). One row per submitted answer, one column per question of every version (id and label in `lang`), values as labels in `lang`; the respondent’s stakeholder type, country, region, gender, language, version and submission time, never contact details. Streamed.',
          security: [{ bearer: [] }],
          params: idParams,
          querystring: localizedLang,
          response: fileResponse(file.media, file.summary, file.example),
        },
      },
      async (req, reply) => {
        authorize(req.actor, 'consultations.consultation.analyse');
        const consultation = await getConsultation(db, req.params.id);
        const labels = exportLabels(req.locale, exportQuestions(await findQuestionnaires(db, consultation.id)));
        const name = `consultation-${consultation.id}-answers-${new Date().toISOString().slice(0, 10)}.${file.path.split('.')[1]}`;
        return sendFile(reply, { type: file.type, name, stream: file.write(streamAnswers(db, { consultationId: consultation.id }), labels) });
      },
    );
  }

  app.get(
    '/consultations/:id/attachments.zip',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Every attachment of the submitted answers as one ZIP',
        description: 'For analysts (consultation managers). Files named `<answer id>/<question id>-<file name>`, as the respondents sent them. Streamed.',
        security: [{ bearer: [] }],
        params: idParams,
        response: fileResponse('application/zip', 'A ZIP archive', '(a ZIP archive)'),
      },
    },
    async (req, reply) => {
      authorize(req.actor, 'consultations.consultation.analyse');
      const consultation = await getConsultation(db, req.params.id);
      return sendFile(reply, {
        type: 'application/zip',
        name: `consultation-${consultation.id}-attachments.zip`,
        stream: attachmentsZip(streamAttachments(db, { consultationId: consultation.id })),
      });
    },
  );
};
