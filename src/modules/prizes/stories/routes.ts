/** The success stories of an edition: a page, a DOCX and a PDF publication in the reader's language. */
import { pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { notFound } from '../../../core/http/problems.js';
import { can } from '../../../core/permissions/index.js';
import type { Edition } from '../phases.js';
import { getEditionByYear } from '../queries.js';
import '../selection/permissions.js';
import { resultsArePublic } from '../selection/queries.js';
import { keptDocx, keptPdf, versionOf } from './cache.js';
import { canPrintPdf, closePrinter, PRINT_OPTIONS, printPdf, printQueueIsFull } from '../../../core/exports/pdf.js';
import { loadStories } from './stories.js';
import { StoriesDocument } from './views/StoriesDocument.js';
import { createVersionMemo, storiesDataVersion } from './version.js';
import { StoriesPage } from './views/StoriesPage.js';

/** The public sees the stories from the announcement; prize managers preview them before. */
const mayRead = (req: FastifyRequest, edition: Parameters<typeof resultsArePublic>[0]) => resultsArePublic(edition) || can(req.actor, 'prizes.result.confirm');

const fileName = (year: number, locale: string, ext: string) => `wsis-prizes-${year}-success-stories-${locale}.${ext}`;

/** The tag of a kept download; a reader who has it gets a 304. */
const etagOf = (version: string, ext: string) => `"${ext}-${version}"`;
const sameTag = (req: FastifyRequest, etag: string) => (req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag);

export const storiesRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;
  app.addHook('onClose', closePrinter);

  /** The printable document of an edition in the reader's language, and its version (a hash of all it holds). */
  const printable = async (req: FastifyRequest, reply: FastifyReply, edition: Edition) => {
    const view = req.view(reply);
    const categories = await loadStories(db, edition);
    const html = `<!doctype html>${render(StoriesDocument({ view, edition, categories }))}`;
    return { view, categories, html, version: versionOf(html, JSON.stringify(PRINT_OPTIONS)) };
  };

  /**
   * The version of an edition's document in the reader's language, reading the stories only when
   * the data version moved since this process last hashed it (the data version is read first, so a
   * change during the read gives a newer data version next time, never a stale file).
   */
  const memo = createVersionMemo();
  const currentVersion = async (req: FastifyRequest, reply: FastifyReply, edition: Edition) => {
    const data = await storiesDataVersion(db);
    const key = `${edition.year}/${req.locale}`;
    const version = memo.get(key, data);
    if (version) return { version, document: undefined };
    const document = await printable(req, reply, edition);
    memo.set(key, data, document.version);
    return { version: document.version, document };
  };

  app.get<{ Params: { year: string } }>('/prizes/:year/stories', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const announced = mayRead(req, edition);
    const categories = announced ? await loadStories(db, edition) : [];
    return reply.page(StoriesPage({ view: req.view(reply), edition, categories, announced }));
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/stories.docx', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!mayRead(req, edition)) throw notFound();
    const { version, document } = await currentVersion(req, reply, edition);
    const etag = etagOf(version, 'docx');
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (sameTag(req, etag)) return reply.code(304).send();
    const body = await keptDocx(`${edition.year}-${req.locale}-${version}`, async () => {
      const { view, categories } = document ?? (await printable(req, reply, edition));
      // Loaded at the first DOCX built, not with the routes: serving pages needs no DOCX writer.
      const { storiesDocx } = await import('./docx.js');
      return storiesDocx({ view, edition, categories });
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${fileName(edition.year, req.locale, 'docx')}"`)
      .send(body);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/stories.pdf', { config: { rateLimit: { max: 10 * config.rateLimitScale, timeWindow: 60_000 } } }, async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!mayRead(req, edition)) throw notFound();
    const { version, document } = await currentVersion(req, reply, edition);
    const etag = etagOf(version, 'pdf');
    if (sameTag(req, etag)) return reply.code(304).header('etag', etag).header('cache-control', 'private, no-cache').send();
    // Without Chromium, or when prints are already waiting: a clear 503 (unless the file is kept), the DOCX stays available.
    const unavailable = () => {
      throw Object.assign(new Error('print unavailable'), { unavailable: true });
    };
    try {
      const { body } = await keptPdf({ cacheDir: config.cacheDir, year: edition.year, locale: req.locale, version }, () =>
        !canPrintPdf() || printQueueIsFull() ? unavailable() : (async () => printPdf((document ?? (await printable(req, reply, edition))).html))(),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(edition.year, req.locale, 'pdf')}"`)
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .send(body);
    } catch (error) {
      if (!(error as { unavailable?: boolean }).unavailable) throw error;
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('retry-after', canPrintPdf() ? '30' : '3600')
        .send(req.view(reply).t('prizes.stories.pdf_unavailable'));
    }
  });
};
