/** Public page of an organization's activities in the Stocktaking database. */
import { pathId } from '../../../core/http/params.js';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { getOrganization } from '../../accounts/queries.js';
import { findActionLines, findRegions, findSdgs } from '../../reference/queries.js';
import { findEntryBadges } from '../queries.js';
import { findOrganizationEntries } from './queries.js';
import { OrganizationEntriesPage } from './views/OrganizationEntriesPage.js';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export const organizationRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;
  app.get<{ Params: { id: string } }>('/stocktaking/organizations/:id', async (req, reply) => {
    const organization = await getOrganization(db, pathId(req.params.id));
    const { page } = pageQuery.parse(req.query ?? {});
    const [found, lines, sdgs, regions] = await Promise.all([
      findOrganizationEntries(db, { organizationId: organization.id, page }),
      findActionLines(db),
      findSdgs(db),
      findRegions(db),
    ]);
    // Badges come from other modules' contributions (the WSIS Prizes results), not from the entries' own badges column.
    const badges = await findEntryBadges(
      app.platform.modules,
      db,
      found.items.map((i) => i.id),
    );
    const result = { ...found, items: found.items.map((i) => ({ ...i, badges: badges.get(i.id) ?? [] })) };
    const names = {
      actionLines: new Map(lines.map((l) => [l.code, l.short])),
      sdgs: new Map(sdgs.map((s) => [s.number, s.short])),
      regions: new Map(regions.map((r) => [r.code, r.name])),
    };
    return reply.page(OrganizationEntriesPage({ view: req.view(reply), organization, result, names, page }));
  });
};
