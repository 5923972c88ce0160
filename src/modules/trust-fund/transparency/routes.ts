import type { FastifyPluginAsync } from 'fastify';

// Stand-in until the feature is built (issue 16).
export const transparencyRoutes: FastifyPluginAsync = async () => {};
export const transparencyAdminRoutes: FastifyPluginAsync = async () => {};
export const transparencyApiRoutes: FastifyPluginAsync = async () => {};
