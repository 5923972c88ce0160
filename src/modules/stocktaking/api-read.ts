import type { FastifyInstance } from 'fastify';

/** Read endpoints of the entries API (GET /entries, GET /entries/:id). */
export const registerEntryReadApi = async (_app: FastifyInstance) => {};
