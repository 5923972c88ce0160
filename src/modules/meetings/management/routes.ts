import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const managementRoutes: FastifyPluginAsync = async () => {};
export const managementAdminRoutes: FastifyPluginAsync = async () => {};
export const managementApiRoutes: FastifyPluginAsync = async () => {};
