import { defineModule } from '../../core/module.js';
import { homeRoutes } from './routes.js';

export const homeModule = defineModule({
  id: 'home',
  routes: homeRoutes,
  nav: [{ labelKey: 'home.nav.title', href: '/' }],
  bench: { pages: [{ name: 'GET /en (home page)', path: '/en' }] },
});
