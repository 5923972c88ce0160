import { defineModule } from '../../core/module.js';
import { accountsAdminRoutes } from './admin-routes.js';
import { accountsApiRoutes } from './api-routes.js';
import { registerAccountsCli } from './cli.js';
import { demoAccounts } from './demo.js';
import './permissions.js';
import { accountsRoutes } from './routes.js';

export const accountsModule = defineModule({
  id: 'accounts',
  routes: accountsRoutes,
  adminRoutes: accountsAdminRoutes,
  apiRoutes: accountsApiRoutes,
  nav: [{ labelKey: 'accounts.nav.organizations', href: '/organizations' }],
  adminNav: [
    { labelKey: 'accounts.nav.users', href: '/admin/users', ability: 'accounts.user.manage' },
    { labelKey: 'accounts.nav.organizations', href: '/organizations', ability: 'accounts.user.manage' },
  ],
  demo: demoAccounts,
  cli: registerAccountsCli,
});
