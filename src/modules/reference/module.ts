import { defineModule, lazyRoutes } from '../../core/module.js';
import './permissions.js';
import { seedReferenceData } from './seed.js';

export const referenceModule = defineModule({
  id: 'reference',
  routes: lazyRoutes(async () => (await import('./routes.js')).referenceRoutes),
  adminRoutes: lazyRoutes(async () => (await import('./admin-routes.js')).referenceAdminRoutes),
  apiRoutes: lazyRoutes(async () => (await import('./api-routes.js')).referenceApiRoutes),
  nav: [
    { labelKey: 'core.nav.action_lines', href: '/action-lines' },
    { labelKey: 'core.nav.sdgs', href: '/sdgs' },
    { labelKey: 'core.nav.matrix', href: '/matrix' },
  ],
  adminNav: [{ labelKey: 'reference.admin.nav', href: '/admin/reference/matrix', ability: 'reference.matrix.edit' }],
  seed: seedReferenceData,
  bench: {
    pages: [
      { name: 'GET /fr/matrix (18×17 table)', path: '/fr/matrix' },
      { name: 'GET /api/v1/action-lines', path: '/api/v1/action-lines' },
    ],
    driver: [{ name: 'all 124 matrix links', sql: 'select action_line, sdg, targets from reference_matrix_links' }],
  },
});
