import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { stocktakingBench, stocktakingBenchSeed } from './bench/cases.js';
import { demoStocktaking } from './demo.js';
import { registerImportCli } from './import/cli.js';
import './permissions.js';
import { stocktakingNotificationEvents } from './notifications.js';
import { FIGURES_SECTION_ID, figuresSectionOptions } from './reports/options.js';
import { warmSearch } from './queries.js';

export const stocktakingModule = defineModule({
  id: 'stocktaking',
  // Loaded when the web application is built (lazyRoutes), not by every `wsis` command.
  routes: lazyRoutes(async () => {
    const [submission, moderation, organizations, pages, exports] = await Promise.all([
      import('./submission/routes.js'),
      import('./moderation/routes.js'),
      import('./organizations/routes.js'),
      import('./routes.js'),
      import('./exports/routes.js'),
    ]);
    return combineRoutes(submission.submissionRoutes, moderation.historyRoutes, organizations.organizationRoutes, pages.stocktakingRoutes, exports.exportRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const [moderation, imports] = await Promise.all([import('./moderation/routes.js'), import('./import/admin-routes.js')]);
    return combineRoutes(moderation.moderationAdminRoutes, imports.importAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const [api, exports] = await Promise.all([import('./api-routes.js'), import('./exports/api-routes.js')]);
    return combineRoutes(api.stocktakingApiRoutes, exports.exportApiRoutes);
  }),
  nav: [
    { labelKey: 'stocktaking.nav.title', href: '/stocktaking' },
    { labelKey: 'stocktaking.nav.mine', href: '/stocktaking/mine', ability: 'stocktaking.entry.list_own' },
  ],
  adminNav: [
    { labelKey: 'stocktaking.nav.moderation', href: '/admin/stocktaking', ability: 'stocktaking.entry.moderate' },
    { labelKey: 'stocktaking.import.nav', href: '/admin/stocktaking/import', ability: 'stocktaking.entry.import' },
  ],
  contributes: {
    notificationEvents: stocktakingNotificationEvents,
    reportSections: [
      {
        id: FIGURES_SECTION_ID,
        title: { key: 'stocktaking.reports.title' },
        options: figuresSectionOptions,
        // Loaded when a report is built, not with every `wsis` command.
        build: async (db, args) => (await import('./reports/section.js')).buildFiguresSection(db, args),
      },
    ],
  },
  seed: async (db) => {
    // Loaded when seeding, not with every command (its word segmenter is slow to load).
    const { reindexSearch } = await import('./commands/reindex-search.js');
    await reindexSearch(db);
  },
  demo: demoStocktaking,
  cli: registerImportCli,
  warm: warmSearch,
  benchSeed: stocktakingBenchSeed,
  bench: stocktakingBench,
});
