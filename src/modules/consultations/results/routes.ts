import type { FastifyPluginAsync } from 'fastify';

/** Results per question with charts and breakdowns; the synthesis for the Council (HTML, DOCX). */
export const resultsRoutes: FastifyPluginAsync = async () => {};
/** The analysts' side: the synthesis draft and its freezing. */
export const resultsAdminRoutes: FastifyPluginAsync = async () => {};
/** GET /api/v1/consultations/{id}/results. */
export const resultsApiRoutes: FastifyPluginAsync = async () => {};
