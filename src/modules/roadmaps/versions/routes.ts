import type { FastifyPluginAsync } from 'fastify';

// Stand-in until the feature is built (issue 16).
export const versionsRoutes: FastifyPluginAsync = async () => {};
export const versionsAdminRoutes: FastifyPluginAsync = async () => {};
export const versionsApiRoutes: FastifyPluginAsync = async () => {};
