import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerEntryReadApi } from './api-read.js';

/** JSON API of the Stocktaking database: reads (api-read.ts) and writes (below). */
export const stocktakingApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerEntryReadApi(app);
};
