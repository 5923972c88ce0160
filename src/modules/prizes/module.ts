import { defineModule } from '../../core/module.js';
import { prizesApiRoutes } from './api-routes.js';
import { demoPrizes } from './demo.js';
import './permissions.js';
import { prizesRoutes } from './routes.js';

export const prizesModule = defineModule({
  id: 'prizes',
  routes: prizesRoutes,
  apiRoutes: prizesApiRoutes,
  nav: [{ labelKey: 'prizes.nav.title', href: '/prizes' }],
  demo: demoPrizes,
});
