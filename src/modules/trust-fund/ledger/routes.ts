import type { FastifyPluginAsync } from 'fastify';

// Stand-in until the feature is built (issue 16).
export const ledgerRoutes: FastifyPluginAsync = async () => {};
export const ledgerAdminRoutes: FastifyPluginAsync = async () => {};
export const ledgerApiRoutes: FastifyPluginAsync = async () => {};
