import { defineModule, lazyRoutes } from '../../core/module.js';
import './permissions.js';

export const adminModule = defineModule({
  id: 'admin',
  adminRoutes: lazyRoutes(async () => (await import('./admin-routes.js')).adminRoutes),
  adminNav: [
    { labelKey: 'admin.nav.dashboard', href: '/admin', ability: 'admin.dashboard.view' },
    { labelKey: 'admin.nav.audit', href: '/admin/audit', ability: 'admin.audit.view' },
    { labelKey: 'admin.nav.mailbox', href: '/admin/mailbox', ability: 'admin.mailbox.view' },
    { labelKey: 'admin.nav.jobs', href: '/admin/jobs', ability: 'admin.jobs.view' },
  ],
});
