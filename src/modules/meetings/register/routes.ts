/**
 * The register's pages and API. A symbol contains '/' (and '&'): document URLs take it
 * URL-encoded (`/fr/documents/CWG-WSIS%26SDG-41%2F3`) and are routed by a wildcard, decoded once
 * by the router; the same path unencoded (`/fr/documents/CWG-WSIS&SDG-41/3`) reaches the same
 * page. A wildcard ending in `/<language>` is the download of that language version (a symbol
 * ends with a digit or ')', never with a language code). Anything not shaped like a symbol (a
 * double-encoded one, an odd escape) is a localized 404; an escape that is not UTF-8 is the core's 400.
 */
import { documentOut } from './api-schema.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUploadedFile, type UploadedFile } from '../../../core/http/body-parsers.js';
import { formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { sendStoredFile } from '../../../core/http/send-file.js';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { type Actor, authorize, can } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findCountries } from '../../reference/queries.js';
import { addLanguageVersion } from './commands/add-language-version.js';
import { createAmendment } from './commands/create-amendment.js';
import { createDocument } from './commands/create-document.js';
import type { LanguageFileInput } from './commands/language-files.js';
import { publishDocument } from './commands/publish-document.js';
import { registerDocument } from './commands/register-document.js';
import { withdrawDocument } from './commands/withdraw-document.js';
import { documentSearchInput, isAmendmentKind, isDocumentKind, isLocale, isSourceKind, titlesFromForm } from './inputs.js';
import {
  apiDocument,
  findAgendaItems,
  findDocumentById,
  findDocumentBySymbol,
  findMeetingDocuments,
  findMeetingsForRegister,
  findVisibleMeeting,
  type RegisterMeeting,
  searchDocuments,
} from './queries.js';
import { downloadFileName, MAX_FILE_BYTES } from './rules.js';
import { parseSymbol } from './symbols.js';
import { AdminDocumentsPage } from './views/AdminDocumentsPage.js';
import { DocumentPage } from './views/DocumentPage.js';
import { DocumentSearchPage } from './views/DocumentSearchPage.js';
import { zipStream } from './zip.js';

const DOWNLOAD = new RegExp(`^(.+)/(${LOCALES.join('|')})$`);

/** The meeting of a path (`/meetings/CWG-WSIS%26SDG/41/…`) the actor may see, or a 404. */
const meetingOf = async (req: FastifyRequest<{ Params: { group: string; number: string } }>): Promise<RegisterMeeting> => {
  const number = pathId(req.params.number);
  const meeting = await findVisibleMeeting(req.server.platform.database.db, { groupCode: req.params.group, number, actor: req.actor });
  if (!meeting) throw notFound();
  return meeting;
};

export const meetingPath = (m: { groupCode: string; number: number }) => `/meetings/${encodeURIComponent(m.groupCode)}/${m.number}`;
export const documentPath = (symbol: string) => `/documents/${encodeURIComponent(symbol)}`;

/** Public pages: a document by symbol, its downloads, the ZIP of a meeting's documents in one language, the search. */
export const registerRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const store = app.platform.files;

  app.get('/documents', async (req, reply) => {
    const parsed = documentSearchInput.safeParse(
      Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && v !== '')),
    );
    const search = parsed.success ? parsed.data : {};
    const [results, meetingsList] = await Promise.all([searchDocuments(db, { actor: req.actor, search }), findMeetingsForRegister(db, req.actor)]);
    return reply.page(DocumentSearchPage({ view: req.view(reply), search, results, meetings: meetingsList }));
  });

  app.get<{ Params: { '*': string } }>('/documents/*', async (req, reply) => {
    const rest = req.params['*'] ?? '';
    const download = DOWNLOAD.exec(rest);
    const symbol = parseSymbol(download ? (download[1] ?? '') : rest);
    if (!symbol) throw notFound();
    const doc = await findDocumentBySymbol(db, { symbol, actor: req.actor });
    if (!doc) throw notFound();
    if (download) {
      const file = doc.files.find((f) => f.locale === download[2]);
      // A withdrawn document's files stay downloadable: the record of what was withdrawn.
      if (!file) throw notFound();
      return sendStoredFile(req, reply, {
        store,
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        fileName: downloadFileName({ symbol, documentId: doc.id, locale: file.locale, mediaType: file.mediaType }),
      });
    }
    return reply.page(DocumentPage({ view: req.view(reply), doc, canManage: can(req.actor, 'meetings.document.register') }));
  });

  app.get<{ Params: { group: string; number: string }; Querystring: { lang?: string } }>('/meetings/:group/:number/documents.zip', async (req, reply) => {
    const lang = req.query.lang;
    if (!isLocale(lang)) throw notFound();
    const meeting = await meetingOf(req);
    const rows = await findMeetingDocuments(db, { meetingId: meeting.id, actor: req.actor, meetingChecked: true });
    const entries = rows
      .filter((d) => d.symbol && d.status === 'published')
      .flatMap((d) =>
        d.files
          .filter((f) => f.locale === lang)
          .map((f) => ({ name: downloadFileName({ symbol: d.symbol, documentId: d.id, locale: lang, mediaType: f.mediaType }), sha256: f.sha256, modified: f.uploadedAt })),
      );
    const name = `${meeting.groupCode}-${meeting.number}-${lang}.zip`;
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store');
    return reply.send(zipStream(store, entries));
  });
};

const registrar = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'meetings.document.register');
  return req.actor as Actor;
};

const uploads = { files: LOCALES.length, fileSize: MAX_FILE_BYTES, ability: 'meetings.document.register' };

/** The files of a multipart form's `file_<locale>` inputs; one too large is reported by the command's check as too large. */
const languageFilesOf = async (body: Record<string, unknown>, names: { field: string; locale: Locale }[]): Promise<LanguageFileInput[]> => {
  const files: LanguageFileInput[] = [];
  for (const { field, locale } of names) {
    const upload = body[field];
    if (!isUploadedFile(upload)) continue;
    files.push(await fileInput(upload, locale));
  }
  return files;
};

const fileInput = async (upload: UploadedFile, locale: Locale): Promise<LanguageFileInput> => ({
  locale,
  // A truncated file is larger than the limit: a buffer one byte over it says so to checkFile without reading more.
  bytes: upload.truncated ? Buffer.alloc(MAX_FILE_BYTES + 1) : await upload.read(),
  fileName: upload.filename,
  declaredType: upload.declaredType,
});

const errorMessages = (req: FastifyRequest, errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, code]) => [k, req.t(`meetings.register.errors.${code}`)]));

/** The secretariat's pages: a meeting's documents with their actions, and the actions themselves. */
export const registerAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const store = app.platform.files;

  const renderList = async (req: FastifyRequest, reply: FastifyReply, meeting: RegisterMeeting, form: FormState = emptyForm(), status = 200) => {
    const [rows, items, countries] = await Promise.all([findMeetingDocuments(db, { meetingId: meeting.id, actor: req.actor }), findAgendaItems(db, meeting.id), findCountries(db)]);
    return reply.page(AdminDocumentsPage({ view: req.view(reply), meeting, rows, agendaItems: items, countries: countries.map((c) => c.code), form }), status);
  };

  app.get<{ Params: { group: string; number: string } }>('/meetings/:group/:number/documents', async (req, reply) => {
    registrar(req);
    return renderList(req, reply, await meetingOf(req));
  });

  app.post<{ Params: { group: string; number: string } }>('/meetings/:group/:number/documents', { config: { multipart: uploads } }, async (req, reply) => {
    const actor = registrar(req);
    const meeting = await meetingOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const kind = v('kind');
    const sourceKind = v('sourceKind');
    const originalLanguage = v('originalLanguage');
    const pre: Record<string, string> = {};
    if (!isDocumentKind(kind)) pre.kind = 'invalid';
    if (!isSourceKind(sourceKind)) pre.sourceKind = 'invalid';
    if (!isLocale(originalLanguage)) pre.originalLanguage = 'invalid';
    const item = v('agendaItemId');
    if (item && !/^\d{1,15}$/.test(item)) pre.agendaItemId = 'unknown_agenda_item';
    const files = await languageFilesOf(
      body,
      LOCALES.map((l) => ({ field: `file_${l}`, locale: l })),
    );
    if (Object.keys(pre).length === 0 && isDocumentKind(kind) && isSourceKind(sourceKind) && isLocale(originalLanguage)) {
      const result = await createDocument(db, {
        actor,
        store,
        input: {
          meetingId: meeting.id,
          kind,
          title: titlesFromForm(values),
          sourceKind,
          sourceCountry: v('sourceCountry') || null,
          sourceName: v('sourceName') || null,
          agendaItemId: item ? Number(item) : null,
          originalLanguage,
          documentDate: v('documentDate'),
          files,
        },
        register: v('register') === 'yes',
        late: v('late') === 'yes',
        ip: req.ip,
      });
      if (result.ok) {
        reply.flash('notice', result.symbol ? req.t('meetings.register.admin.registered', { symbol: result.symbol }) : req.t('meetings.register.admin.created'));
        return reply.seeOther(`/${req.locale}/admin${meetingPath(meeting)}/documents`);
      }
      return renderList(req, reply, meeting, { values, errors: errorMessages(req, result.errors) }, 422);
    }
    return renderList(req, reply, meeting, { values, errors: errorMessages(req, pre) }, 422);
  });

  /** A row action on one document, then back to its meeting's list with a message. */
  const back = async (req: FastifyRequest, reply: FastifyReply, documentId: number, outcome: { ok: boolean; message: string }) => {
    const doc = await findDocumentById(db, { id: documentId, actor: req.actor });
    reply.flash(outcome.ok ? 'notice' : 'error', outcome.message);
    return reply.seeOther(doc ? `/${req.locale}/admin${meetingPath(doc.meeting)}/documents` : `/${req.locale}/documents`);
  };
  const loadDocument = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const doc = await findDocumentById(db, { id: pathId(req.params.id), actor: req.actor });
    if (!doc) throw notFound();
    return doc;
  };

  app.post<{ Params: { id: string } }>('/meetings/documents/:id/register', async (req, reply) => {
    const actor = registrar(req);
    const doc = await loadDocument(req);
    const body = formValues(req.body);
    const result = await registerDocument(db, { actor, documentId: doc.id, late: body.late === 'yes', ip: req.ip });
    return back(req, reply, doc.id, {
      ok: result.ok,
      message: result.ok ? req.t('meetings.register.admin.registered', { symbol: result.symbol }) : req.t(`meetings.register.errors.${result.error}`),
    });
  });

  app.post<{ Params: { id: string } }>('/meetings/documents/:id/publish', async (req, reply) => {
    const actor = registrar(req);
    const doc = await loadDocument(req);
    const result = await publishDocument(db, { actor, documentId: doc.id, ip: req.ip });
    return back(req, reply, doc.id, {
      ok: result.ok,
      message: result.ok ? req.t('meetings.register.admin.published', { symbol: result.symbol }) : req.t(`meetings.register.errors.${result.error}`),
    });
  });

  app.post<{ Params: { id: string } }>('/meetings/documents/:id/withdraw', async (req, reply) => {
    const actor = registrar(req);
    const doc = await loadDocument(req);
    const body = formValues(req.body);
    const result = await withdrawDocument(db, { actor, documentId: doc.id, note: typeof body.note === 'string' ? body.note : '', ip: req.ip });
    return back(req, reply, doc.id, {
      ok: result.ok,
      message: result.ok ? req.t('meetings.register.admin.withdrawn', { symbol: result.symbol }) : req.t(`meetings.register.errors.${result.error}`),
    });
  });

  app.post<{ Params: { id: string } }>('/meetings/documents/:id/files', { config: { multipart: { ...uploads, files: 1 } } }, async (req, reply) => {
    const actor = registrar(req);
    const doc = await loadDocument(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const locale = body.locale;
    const upload = body.file;
    if (!isLocale(locale) || !isUploadedFile(upload)) return back(req, reply, doc.id, { ok: false, message: req.t('meetings.register.errors.no_file') });
    const result = await addLanguageVersion(db, { actor, store, documentId: doc.id, file: await fileInput(upload, locale), ip: req.ip });
    const message = result.ok
      ? req.t('meetings.register.admin.file_added')
      : 'errors' in result
        ? Object.values(errorMessages(req, result.errors)).join(' ')
        : req.t(`meetings.register.errors.${result.error}`);
    return back(req, reply, doc.id, { ok: result.ok, message });
  });

  app.post<{ Params: { id: string } }>('/meetings/documents/:id/amend', { config: { multipart: { ...uploads, files: 1 } } }, async (req, reply) => {
    const actor = registrar(req);
    const doc = await loadDocument(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const kind = typeof values.amendmentKind === 'string' ? values.amendmentKind : '';
    const locale = values.locale;
    const upload = body.file;
    if (!isAmendmentKind(kind) || !isLocale(locale) || !isUploadedFile(upload)) return back(req, reply, doc.id, { ok: false, message: req.t('meetings.register.errors.no_file') });
    const result = await createAmendment(db, {
      actor,
      store,
      baseId: doc.id,
      amendmentKind: kind,
      documentDate: typeof values.documentDate === 'string' ? values.documentDate : '',
      files: [await fileInput(upload, locale)],
      register: values.register === 'yes',
      ip: req.ip,
    });
    const message = result.ok
      ? result.symbol
        ? req.t('meetings.register.admin.registered', { symbol: result.symbol })
        : req.t('meetings.register.admin.created')
      : Object.values(errorMessages(req, result.errors)).join(' ');
    return back(req, reply, doc.id, { ok: result.ok, message });
  });
};

/** The register's API: the document search (paged) and one document by symbol (URL-encoded: '/' as %2F, '&' as %26). */
export const registerApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/documents',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Registered documents of meetings (published and withdrawn), by words of their titles or symbol, meeting, kind and source; 20 a page',
        querystring: documentSearchInput,
        response: {
          200: z.object({
            items: z.array(documentOut),
            total: z.number().int().describe('Matching documents, counted up to 500'),
            totalIsCapped: z.boolean().describe('There are more than 500: narrow the search'),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const page = await searchDocuments(db, { actor: req.actor, search: req.query });
      return { ...page, items: page.items.map(apiDocument) };
    },
  );
  app.get(
    '/documents/:symbol',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One document by its symbol (URL-encoded: CWG-WSIS%26SDG-41%2F3), with its language versions',
        params: z.object({ symbol: z.string().max(80).describe('The symbol, URL-encoded') }),
        response: { 200: documentOut },
      },
    },
    async (req) => {
      const symbol = parseSymbol(req.params.symbol);
      if (!symbol) throw notFound();
      const doc = await findDocumentBySymbol(db, { symbol, actor: req.actor });
      if (!doc) throw notFound();
      return apiDocument({ ...doc, meetingGroupCode: doc.meeting.groupCode, meetingNumber: doc.meeting.number });
    },
  );
};
