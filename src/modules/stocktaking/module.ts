import { combineRoutes, defineModule } from '../../core/module.js';
import { stocktakingApiRoutes } from './api-routes.js';
import { demoStocktaking } from './demo.js';
import { exportApiRoutes } from './exports/api-routes.js';
import { exportRoutes } from './exports/routes.js';
import './permissions.js';
import { stocktakingRoutes } from './routes.js';

export const stocktakingModule = defineModule({
  id: 'stocktaking',
  routes: combineRoutes(stocktakingRoutes, exportRoutes),
  apiRoutes: combineRoutes(stocktakingApiRoutes, exportApiRoutes),
  nav: [{ labelKey: 'stocktaking.nav.title', href: '/stocktaking' }],
  demo: demoStocktaking,
});
