import { defineModule } from '../../core/module.js';
import { stocktakingApiRoutes } from './api-routes.js';
import './permissions.js';
import { stocktakingRoutes } from './routes.js';

export const stocktakingModule = defineModule({
  id: 'stocktaking',
  routes: stocktakingRoutes,
  apiRoutes: stocktakingApiRoutes,
});
