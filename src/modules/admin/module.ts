import { defineModule } from '../../core/module.js';
import { adminRoutes } from './admin-routes.js';
import './permissions.js';

export const adminModule = defineModule({
  id: 'admin',
  adminRoutes,
  adminNav: [
    { labelKey: 'admin.nav.dashboard', href: '/admin', ability: 'admin.dashboard.view' },
    { labelKey: 'admin.nav.audit', href: '/admin/audit', ability: 'admin.audit.view' },
    { labelKey: 'admin.nav.mailbox', href: '/admin/mailbox', ability: 'admin.mailbox.view' },
  ],
});
