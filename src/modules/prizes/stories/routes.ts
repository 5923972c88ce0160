/** The success stories of an edition: a page, a DOCX and a PDF publication in the reader's language. */
import { pathYear } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { notFound } from '../../../core/http/problems.js';
import { can } from '../../../core/permissions/index.js';
import { getEditionByYear } from '../queries.js';
import '../selection/permissions.js';
import { resultsArePublic } from '../selection/queries.js';
import { storiesDocx } from './docx.js';
import { canPrintPdf, printPdf, printQueueIsFull } from './pdf.js';
import { loadStories } from './stories.js';
import { StoriesDocument } from './views/StoriesDocument.js';
import { StoriesPage } from './views/StoriesPage.js';

/** The public sees the stories from the announcement; prize managers preview them before. */
const mayRead = (req: FastifyRequest, edition: Parameters<typeof resultsArePublic>[0]) => resultsArePublic(edition) || can(req.actor, 'prizes.result.confirm');

const fileName = (year: number, locale: string, ext: string) => `wsis-prizes-${year}-success-stories-${locale}.${ext}`;

export const storiesRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  app.get<{ Params: { year: string } }>('/prizes/:year/stories', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    const announced = mayRead(req, edition);
    const categories = announced ? await loadStories(db, edition) : [];
    return reply.page(StoriesPage({ view: req.view(reply), edition, categories, announced }));
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/stories.docx', async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!mayRead(req, edition)) throw notFound();
    const view = req.view(reply);
    const body = await storiesDocx({ view, edition, categories: await loadStories(db, edition) });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${fileName(edition.year, req.locale, 'docx')}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get<{ Params: { year: string } }>('/prizes/:year/stories.pdf', { config: { rateLimit: { max: 10 * config.rateLimitScale, timeWindow: 60_000 } } }, async (req, reply) => {
    const edition = await getEditionByYear(db, pathYear(req.params.year));
    if (!mayRead(req, edition)) throw notFound();
    const view = req.view(reply);
    // Without Chromium, or when prints are already waiting: a clear 503, the DOCX stays available.
    if (!canPrintPdf() || printQueueIsFull()) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('retry-after', canPrintPdf() ? '30' : '3600')
        .send(view.t('prizes.stories.pdf_unavailable'));
    }
    const html = `<!doctype html>${render(StoriesDocument({ view, edition, categories: await loadStories(db, edition) }))}`;
    const body = await printPdf(html);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName(edition.year, req.locale, 'pdf')}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
