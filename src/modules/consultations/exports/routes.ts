import type { FastifyPluginAsync } from 'fastify';

/** Published answers; the circular letter; unsubscribing from announcements. */
export const exportsRoutes: FastifyPluginAsync = async () => {};
/** Exports of all answers (CSV, XLSX, JSONL, attachments ZIP); sending the circular letter. */
export const exportsAdminRoutes: FastifyPluginAsync = async () => {};
/** GET /api/v1/consultations/{id}/answers (published ones) and the exports. */
export const exportsApiRoutes: FastifyPluginAsync = async () => {};
