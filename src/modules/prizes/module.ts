import { combineRoutes, defineModule } from '../../core/module.js';
import { prizesApiRoutes } from './api-routes.js';
import { demoPrizes } from './demo.js';
import { nominationRoutes } from './nomination/routes.js';
import './permissions.js';
import { prizesRoutes } from './routes.js';
import { selectionRoutes } from './selection/routes.js';
import { storiesRoutes } from './stories/routes.js';

export const prizesModule = defineModule({
  id: 'prizes',
  routes: combineRoutes(prizesRoutes, nominationRoutes, selectionRoutes, storiesRoutes),
  apiRoutes: prizesApiRoutes,
  nav: [{ labelKey: 'prizes.nav.title', href: '/prizes' }],
  demo: demoPrizes,
});
