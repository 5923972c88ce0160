import type { FastifyPluginAsync } from 'fastify';

/** Public pages of the Stocktaking database (being built). */
export const stocktakingRoutes: FastifyPluginAsync = async () => {};
