import type { FastifyPluginAsync } from 'fastify';
import { versionedCache } from '../../core/http/versioned-cache.js';
import { HomePage } from './views/HomePage.js';

/** Public: the landing page of each language, rendered once per language for anonymous readers. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  const pages = versionedCache();
  app.get('/', async (_req, reply) => reply.sharedPage(pages, (view) => HomePage({ view })));
};
