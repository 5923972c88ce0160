import type { FastifyPluginAsync } from 'fastify';
import { findActionLines } from '../../reference/queries.js';
import { parseSearchParams } from '../api-read.js';
import { searchQuery } from '../views/SearchPage.js';
import { DataPage } from './views/DataPage.js';

/** The query string of a search without paging (what the downloads and the way back keep). */
export const exportSearch = (raw: unknown) => {
  const { q, filters, sort } = parseSearchParams(raw);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(searchQuery({ q, sort, filters }))) if (v !== undefined) params.set(k, v);
  return params.toString();
};

/** Public: the open data page (licence, downloads of the current search, the columns described). */
export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.get('/stocktaking/data', async (req, reply) => {
    const actionLines = await findActionLines(req.server.platform.database.db);
    return reply.page(DataPage({ view: req.view(reply), search: exportSearch(req.query), actionLines }));
  });
};
