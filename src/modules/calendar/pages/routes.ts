import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const pagesRoutes: FastifyPluginAsync = async () => {};
export const pagesAdminRoutes: FastifyPluginAsync = async () => {};
export const pagesApiRoutes: FastifyPluginAsync = async () => {};
