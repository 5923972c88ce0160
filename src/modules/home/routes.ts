import type { FastifyPluginAsync } from 'fastify';
import { HomePage } from './views/HomePage.js';

/** Public: the landing page of each language. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (req, reply) => reply.page(HomePage({ view: req.view(reply) })));
};
