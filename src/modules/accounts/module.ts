import { defineModule, lazyRoutes } from '../../core/module.js';
import { registerAccountsCli } from './cli.js';
import { demoAccounts } from './demo.js';
import './permissions.js';

export const accountsModule = defineModule({
  id: 'accounts',
  routes: lazyRoutes(async () => (await import('./routes.js')).accountsRoutes),
  adminRoutes: lazyRoutes(async () => (await import('./admin-routes.js')).accountsAdminRoutes),
  apiRoutes: lazyRoutes(async () => (await import('./api-routes.js')).accountsApiRoutes),
  nav: [{ labelKey: 'accounts.nav.organizations', href: '/organizations' }],
  adminNav: [
    { labelKey: 'accounts.nav.users', href: '/admin/users', ability: 'accounts.user.manage' },
    { labelKey: 'accounts.nav.organizations', href: '/organizations', ability: 'accounts.user.manage' },
  ],
  demo: demoAccounts,
  cli: registerAccountsCli,
});
