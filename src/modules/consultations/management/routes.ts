import type { FastifyPluginAsync } from 'fastify';

/** Public pages of consultations: the list (open, upcoming, past; filters) and one consultation's page. */
export const managementRoutes: FastifyPluginAsync = async () => {};
/** The secretariat's pages: create and edit a consultation, the questionnaire builder, the lifecycle. */
export const managementAdminRoutes: FastifyPluginAsync = async () => {};
/** GET /api/v1/consultations, GET /api/v1/consultations/{id}. */
export const managementApiRoutes: FastifyPluginAsync = async () => {};
