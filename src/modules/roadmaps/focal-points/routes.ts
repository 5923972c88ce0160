import type { FastifyPluginAsync } from 'fastify';

// Stand-in until the feature is built (issue 16).
export const focalPointsRoutes: FastifyPluginAsync = async () => {};
export const focalPointsAdminRoutes: FastifyPluginAsync = async () => {};
export const focalPointsApiRoutes: FastifyPluginAsync = async () => {};
