import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const eventsRoutes: FastifyPluginAsync = async () => {};
export const eventsAdminRoutes: FastifyPluginAsync = async () => {};
export const eventsApiRoutes: FastifyPluginAsync = async () => {};
