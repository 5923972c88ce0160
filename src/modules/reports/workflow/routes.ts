import type { FastifyPluginAsync } from 'fastify';

/** Stand-ins: reports, narratives, review and versions come with workflow/. */
export const workflowRoutes: FastifyPluginAsync = async () => {};
export const workflowAdminRoutes: FastifyPluginAsync = async () => {};
