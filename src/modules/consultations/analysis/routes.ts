import type { FastifyPluginAsync } from 'fastify';

/** The analysts' pages: search of free-text answers, campaigns, the codebook and coding. */
export const analysisAdminRoutes: FastifyPluginAsync = async () => {};
