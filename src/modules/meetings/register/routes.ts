import type { FastifyPluginAsync } from 'fastify';

// Placeholder of the skeleton: the feature's pages and API come here.
export const registerRoutes: FastifyPluginAsync = async () => {};
export const registerAdminRoutes: FastifyPluginAsync = async () => {};
export const registerApiRoutes: FastifyPluginAsync = async () => {};
