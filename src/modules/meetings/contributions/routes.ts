import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const contributionsRoutes: FastifyPluginAsync = async () => {};
export const contributionsAdminRoutes: FastifyPluginAsync = async () => {};
export const contributionsApiRoutes: FastifyPluginAsync = async () => {};
