import { prizesNotificationEvents } from './notifications.js';
import { combineRoutes, defineModule } from '../../core/module.js';
import { prizesApiRoutes } from './api-routes.js';
import { entryBadges, entryWordLimits, nominateEntry, phaseDates } from './contributions.js';
import { demoPrizes } from './demo.js';
import { prizesBench, prizesBenchSeed } from './integrity/bench-cases.js';
import { integrityAdminRoutes, integrityApiRoutes, integrityRoutes } from './integrity/routes.js';
import { managementAdminRoutes } from './management/routes.js';
import { nominationRoutes } from './nomination/routes.js';
import './permissions.js';
import { prizesRoutes } from './routes.js';
import { selectionRoutes } from './selection/routes.js';
import { storiesRoutes } from './stories/routes.js';

export const prizesModule = defineModule({
  id: 'prizes',
  routes: combineRoutes(prizesRoutes, nominationRoutes, selectionRoutes, storiesRoutes, integrityRoutes),
  adminRoutes: combineRoutes(managementAdminRoutes, integrityAdminRoutes),
  apiRoutes: combineRoutes(prizesApiRoutes, integrityApiRoutes),
  nav: [
    { labelKey: 'prizes.nav.title', href: '/prizes' },
    { labelKey: 'prizes.selection.review_nav', href: '/prizes/review', ability: 'prizes.selection.score' },
  ],
  adminNav: [
    { labelKey: 'prizes.management.title', href: '/admin/prizes', ability: 'prizes.edition.manage' },
    { labelKey: 'prizes.integrity.nav', href: '/admin/prizes/integrity', ability: 'prizes.vote.review' },
    { labelKey: 'prizes.selection.nav', href: '/prizes/selection', ability: 'prizes.result.confirm' },
  ],
  demo: demoPrizes,
  contributes: {
    badges: [entryBadges],
    calendar: [phaseDates],
    notificationEvents: prizesNotificationEvents,
    itemActions: [nominateEntry],
    formHints: [entryWordLimits],
  },
  benchSeed: prizesBenchSeed,
  bench: prizesBench,
});
