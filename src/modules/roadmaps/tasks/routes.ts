import type { FastifyPluginAsync } from 'fastify';

// Stand-in until the feature is built (issue 16).
export const tasksRoutes: FastifyPluginAsync = async () => {};
export const tasksAdminRoutes: FastifyPluginAsync = async () => {};
export const tasksApiRoutes: FastifyPluginAsync = async () => {};
