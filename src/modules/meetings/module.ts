import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { contributionNotificationEvents } from './contributions/notifications.js';
import { meetingCalendarDates } from './management/calendar.js';
import { demoMeetings } from './management/demo.js';
import { seedMeetingGroups } from './management/seed.js';
import { registerNotificationEvents } from './register/notifications.js';
import './permissions.js';

/**
 * Meetings of the Council Working Group on WSIS & SDGs and their numbered document register
 * (Resolution 1332: periodic meetings, contributions of Member States and Sector Members, reports
 * in good time). Feature folders: management/ (groups, meetings, agenda, summary and decisions,
 * the meeting pages), register/ (documents, symbols, language versions and their files, search,
 * the document pages), contributions/ (members submit before the deadline; the secretariat checks,
 * registers and publishes).
 */
const features = async () => {
  const [management, register, contributions] = await Promise.all([import('./management/routes.js'), import('./register/routes.js'), import('./contributions/routes.js')]);
  return { management, register, contributions };
};

export const meetingsModule = defineModule({
  id: 'meetings',
  routes: lazyRoutes(async () => {
    const { management, register, contributions } = await features();
    return combineRoutes(management.managementRoutes, register.registerRoutes, contributions.contributionsRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const { management, register, contributions } = await features();
    return combineRoutes(management.managementAdminRoutes, register.registerAdminRoutes, contributions.contributionsAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const { management, register, contributions } = await features();
    return combineRoutes(management.managementApiRoutes, register.registerApiRoutes, contributions.contributionsApiRoutes);
  }),
  seed: seedMeetingGroups,
  demo: async (db, context) => {
    await demoMeetings(db, context);
  },
  nav: [{ labelKey: 'meetings.nav.title', href: '/meetings' }],
  adminNav: [{ labelKey: 'meetings.nav.manage', href: '/admin/meetings', ability: 'meetings.meeting.manage' }],
  contributes: {
    calendar: [meetingCalendarDates],
    notificationEvents: [...registerNotificationEvents, ...contributionNotificationEvents],
  },
});
