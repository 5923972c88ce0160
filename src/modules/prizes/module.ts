import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { entryBadges, entryWordLimits, nominateEntry, phaseDates } from './contributions.js';
import { prizesNotificationEvents } from './notifications.js';
import { demoPrizes } from './demo.js';
import { prizesBench, prizesBenchSeed } from './integrity/bench-cases.js';
import './permissions.js';

export const prizesModule = defineModule({
  id: 'prizes',
  // Loaded when the web application is built (lazyRoutes), not by every `wsis` command.
  routes: lazyRoutes(async () => {
    const [pages, nomination, selection, stories, integrity] = await Promise.all([
      import('./routes.js'),
      import('./nomination/routes.js'),
      import('./selection/routes.js'),
      import('./stories/routes.js'),
      import('./integrity/routes.js'),
    ]);
    return combineRoutes(pages.prizesRoutes, nomination.nominationRoutes, selection.selectionRoutes, stories.storiesRoutes, integrity.integrityRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const [management, integrity] = await Promise.all([import('./management/routes.js'), import('./integrity/routes.js')]);
    return combineRoutes(management.managementAdminRoutes, integrity.integrityAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const [api, integrity] = await Promise.all([import('./api-routes.js'), import('./integrity/routes.js')]);
    return combineRoutes(api.prizesApiRoutes, integrity.integrityApiRoutes);
  }),
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
    // Loaded when a report is built, not with every `wsis` command.
    reportSections: [
      {
        id: 'prizes.results',
        title: { key: 'prizes.reports.results_title' },
        build: async (db, args) => (await import('./reports/sections.js')).buildResultsSection(db, args),
      },
      {
        id: 'prizes.stories',
        title: { key: 'prizes.reports.stories_title' },
        build: async (db, args) => (await import('./reports/sections.js')).buildStoriesSection(db, args),
      },
    ],
  },
  benchSeed: prizesBenchSeed,
  bench: prizesBench,
});
