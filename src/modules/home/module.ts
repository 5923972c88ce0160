import { defineModule, lazyRoutes } from '../../core/module.js';

export const homeModule = defineModule({
  id: 'home',
  routes: lazyRoutes(async () => (await import('./routes.js')).homeRoutes),
  nav: [{ labelKey: 'home.nav.title', href: '/' }],
  bench: { pages: [{ name: 'GET /en (home page)', path: '/en' }] },
});
