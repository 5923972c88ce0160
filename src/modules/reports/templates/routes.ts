import type { FastifyPluginAsync } from 'fastify';

/** Stand-in: the template editor (admin) comes with templates/. */
export const templatesAdminRoutes: FastifyPluginAsync = async () => {};
