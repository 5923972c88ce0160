import { pathId } from '../../core/http/params.js';
import type { FastifyPluginAsync } from 'fastify';
import type { DbOrTx } from '../../core/db/client.js';
import { findOrganizationLabels } from '../accounts/queries.js';
import { findActionLines, findRegions, findSdgs } from '../reference/queries.js';
import { collectItemActions } from '../../core/contributions.js';
import { can, isSignedIn } from '../../core/permissions/index.js';
import { parseSearchParams } from './api-read.js';
import { findEntryImages } from './images/queries.js';
import { getEntryForOwner } from './submission/queries.js';
import type { ReferenceNames } from './components/labels.js';
import { countEntriesByFacet, FACETS, type FacetName, findEntries, findEntryBadges, getEntry } from './queries.js';
import { EntryPage } from './views/EntryPage.js';
import { SearchPage } from './views/SearchPage.js';
import { StatisticsPage } from './views/StatisticsPage.js';

const readReferenceNames = async (db: DbOrTx): Promise<ReferenceNames> => {
  const [lines, sdgs, regions] = await Promise.all([findActionLines(db), findSdgs(db), findRegions(db)]);
  return {
    actionLines: new Map(lines.map((l) => [l.code, l.short])),
    sdgs: new Map(sdgs.map((s) => [s.number, s.short])),
    regions: new Map(regions.map((r) => [r.code, r.name])),
  };
};

const namesByDb = new WeakMap<object, Promise<ReferenceNames>>();

/**
 * The names of the action lines, SDGs and regions, read once per database: reference data is
 * written only by the seed, before the server starts (three queries less for every search page).
 */
const referenceNames = (db: DbOrTx): Promise<ReferenceNames> => {
  let names = namesByDb.get(db);
  if (!names) {
    names = readReferenceNames(db);
    namesByDb.set(db, names);
    names.catch(() => namesByDb.delete(db));
  }
  return names;
};

/** The facets a reader asked to see in full (`?more=country`, repeated or comma-separated); anything else is ignored. */
const expandedFacets = (query: unknown): FacetName[] => {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>).more : undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','));
  return FACETS.filter((facet) => values.includes(facet));
};

/** Public pages (no ability needed; what each visitor sees is limited by visibleEntriesFor in the queries). */
export const stocktakingRoutes: FastifyPluginAsync = async (app) => {
  app.get('/stocktaking', async (req, reply) => {
    const { db } = req.server.platform.database;
    const params = parseSearchParams(req.query);
    const found = await findEntries(db, { actor: req.actor, locale: req.locale, ...params });
    // Badges come from other modules' contributions (the WSIS Prizes results), not from the entries' own badges column.
    const badges = await findEntryBadges(
      req.server.platform.modules,
      db,
      found.items.map((i) => i.id),
    );
    const result = { ...found, items: found.items.map((i) => ({ ...i, badges: badges.get(i.id) ?? [] })) };
    const [names, organizations] = await Promise.all([
      referenceNames(db),
      findOrganizationLabels(
        db,
        result.items.map((i) => i.organizationId),
      ),
    ]);
    return reply.page(SearchPage({ view: req.view(reply), ...params, result, names, organizations, expanded: expandedFacets(req.query) }));
  });

  app.get('/stocktaking/statistics', async (req, reply) => {
    const { db } = req.server.platform.database;
    const [facets, names] = await Promise.all([countEntriesByFacet(db), referenceNames(db)]);
    const total = facets.status.reduce((sum, c) => sum + c.count, 0);
    return reply.page(StatisticsPage({ view: req.view(reply), facets, names, total }));
  });

  app.get<{ Params: { id: string } }>('/stocktaking/:id', async (req, reply) => {
    const { db } = req.server.platform.database;
    const found = await getEntry(db, { actor: req.actor, id: pathId(req.params.id) });
    const [names, organizations, images, badges] = await Promise.all([
      referenceNames(db),
      findOrganizationLabels(db, [found.organizationId]),
      findEntryImages(db, found.id),
      findEntryBadges(req.server.platform.modules, db, [found.id]),
    ]);
    const entry = { ...found, badges: badges.get(found.id) ?? [] };
    // Its owners (and the moderators) see where the entry stands and what they can do.
    const owned = isSignedIn(req.actor) ? await getEntryForOwner(db, { actor: req.actor, id: entry.id }) : null;
    const isOwner = owned !== null && isSignedIn(req.actor) && can(req.actor, 'stocktaking.entry.edit', owned.subject);
    // What other modules offer the entry's owners (nominate it for the WSIS Prizes), through the core.
    const actions =
      isOwner && isSignedIn(req.actor)
        ? await collectItemActions(req.server.platform.modules, db, { on: 'stocktaking.entry', item: { id: entry.id, state: entry.state }, actor: req.actor })
        : [];
    const owner =
      owned && isSignedIn(req.actor) && (isOwner || can(req.actor, 'stocktaking.entry.moderate'))
        ? { canEdit: isOwner && entry.state !== 'submitted', pendingRevision: owned.pendingRevision !== null, actions }
        : null;
    return reply.page(
      EntryPage({
        view: req.view(reply),
        entry,
        names,
        images,
        owner,
        organization: entry.organizationId ? (organizations.get(entry.organizationId) ?? null) : null,
      }),
    );
  });
};
