import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const feedsRoutes: FastifyPluginAsync = async () => {};
export const feedsAdminRoutes: FastifyPluginAsync = async () => {};
export const feedsApiRoutes: FastifyPluginAsync = async () => {};
