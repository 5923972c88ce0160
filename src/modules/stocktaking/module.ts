import { combineRoutes, defineModule } from '../../core/module.js';
import { stocktakingApiRoutes } from './api-routes.js';
import { stocktakingBench, stocktakingBenchSeed } from './bench/cases.js';
import { reindexSearch } from './commands/reindex-search.js';
import { demoStocktaking } from './demo.js';
import { exportApiRoutes } from './exports/api-routes.js';
import { exportRoutes } from './exports/routes.js';
import { importAdminRoutes } from './import/admin-routes.js';
import { registerImportCli } from './import/cli.js';
import './permissions.js';
import { historyRoutes, moderationAdminRoutes } from './moderation/routes.js';
import { stocktakingNotificationEvents } from './notifications.js';
import { organizationRoutes } from './organizations/routes.js';
import { stocktakingRoutes } from './routes.js';
import { warmSearch } from './queries.js';
import { submissionRoutes } from './submission/routes.js';

export const stocktakingModule = defineModule({
  id: 'stocktaking',
  routes: combineRoutes(submissionRoutes, historyRoutes, organizationRoutes, stocktakingRoutes, exportRoutes),
  adminRoutes: combineRoutes(moderationAdminRoutes, importAdminRoutes),
  apiRoutes: combineRoutes(stocktakingApiRoutes, exportApiRoutes),
  nav: [
    { labelKey: 'stocktaking.nav.title', href: '/stocktaking' },
    { labelKey: 'stocktaking.nav.mine', href: '/stocktaking/mine', ability: 'stocktaking.entry.list_own' },
  ],
  adminNav: [
    { labelKey: 'stocktaking.nav.moderation', href: '/admin/stocktaking', ability: 'stocktaking.entry.moderate' },
    { labelKey: 'stocktaking.import.nav', href: '/admin/stocktaking/import', ability: 'stocktaking.entry.import' },
  ],
  contributes: { notificationEvents: stocktakingNotificationEvents },
  seed: async (db) => {
    await reindexSearch(db);
  },
  demo: demoStocktaking,
  cli: registerImportCli,
  warm: warmSearch,
  benchSeed: stocktakingBenchSeed,
  bench: stocktakingBench,
});
