import { defineModule } from '../../core/module.js';
import { stocktakingApiRoutes } from './api-routes.js';
import { demoStocktaking } from './demo.js';
import './permissions.js';
import { stocktakingRoutes } from './routes.js';

export const stocktakingModule = defineModule({
  id: 'stocktaking',
  routes: stocktakingRoutes,
  apiRoutes: stocktakingApiRoutes,
  nav: [{ labelKey: 'stocktaking.nav.title', href: '/stocktaking' }],
  demo: demoStocktaking,
});
