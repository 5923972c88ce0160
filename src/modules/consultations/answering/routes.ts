import type { FastifyPluginAsync } from 'fastify';

/** The answer form (drafts, submission, changes until the close, attachments). */
export const answeringRoutes: FastifyPluginAsync = async () => {};
/** PUT /api/v1/consultations/{id}/answer, POST /api/v1/consultations/{id}/answer/submit. */
export const answeringApiRoutes: FastifyPluginAsync = async () => {};
