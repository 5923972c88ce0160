import './permissions.js';
import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { calendarBench } from './feeds/bench.js';
import { calendarOwnDates } from './events/contribution.js';
import { demoCalendar } from './events/demo.js';

/**
 * The WSIS calendar: the dates every module contributes through its manifest
 * (`contributes.calendar`: meetings, deadlines, consultations, prize phases), with the calendar's
 * own (WSIS Forum editions, 17 May, the deadlines of the reports to the UN), which it contributes
 * through its own manifest like any module. It knows no module by name. Feature folders: events/
 * (its own dates and their administration), pages/ (month grid and agenda), feeds/ (iCalendar
 * feeds, one .ics per event, the events API).
 */
const features = async () => {
  const [pages, feeds, events] = await Promise.all([import('./pages/routes.js'), import('./feeds/routes.js'), import('./events/routes.js')]);
  return { pages, feeds, events };
};

export const calendarModule = defineModule({
  id: 'calendar',
  routes: lazyRoutes(async () => {
    const { pages, feeds, events } = await features();
    return combineRoutes(pages.pagesRoutes, feeds.feedsRoutes, events.eventsRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const { pages, feeds, events } = await features();
    return combineRoutes(pages.pagesAdminRoutes, feeds.feedsAdminRoutes, events.eventsAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const { pages, feeds, events } = await features();
    return combineRoutes(pages.pagesApiRoutes, feeds.feedsApiRoutes, events.eventsApiRoutes);
  }),
  // `/calendar.ics`: the address people give their calendar program.
  rootRoutes: lazyRoutes(async () => (await import('./feeds/routes.js')).feedsRootRoutes),
  demo: demoCalendar,
  bench: calendarBench,
  nav: [{ labelKey: 'calendar.nav.title', href: '/calendar' }],
  adminNav: [{ labelKey: 'calendar.nav.manage', href: '/admin/calendar', ability: 'calendar.event.manage' }],
  contributes: {
    calendar: [calendarOwnDates],
  },
});
