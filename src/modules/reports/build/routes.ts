import type { FastifyPluginAsync } from 'fastify';

/** Stand-ins: the public list of published reports and the build pages come with build/. */
export const buildRoutes: FastifyPluginAsync = async () => {};
export const buildAdminRoutes: FastifyPluginAsync = async () => {};
