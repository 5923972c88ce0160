import './permissions.js';
import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { demoRoadmaps } from './versions/demo.js';
import { tasksBench } from './tasks/bench/cases.js';
import { demoTasks } from './tasks/demo.js';
import { tasksNotificationEvents } from './tasks/notifications.js';

/**
 * Action-line roadmaps (Resolution 1332: ITU keeps the roadmaps of the lines it moderates, C2, C4,
 * C5, C6, and contributes to C1, C3, C7, C8, C9 and C11; names focal points; sets tasks and
 * deadlines in the operational plans; presents the roadmaps to the Council through the CWG).
 * Feature folders: versions/ (roadmaps, their versions draft → presented → current, the diff of
 * two versions, the roadmap pages and the DOCX for the Council), focal-points/ (appointments, the
 * public list per line, who may edit what), tasks/ (tasks, progress updates, the computed traffic
 * light, timeline and lists, exports, reminders).
 */
const features = async () => {
  const [versions, focalPoints, tasks] = await Promise.all([import('./versions/routes.js'), import('./focal-points/routes.js'), import('./tasks/routes.js')]);
  return { versions, focalPoints, tasks };
};

export const roadmapsModule = defineModule({
  id: 'roadmaps',
  routes: lazyRoutes(async () => {
    const { versions, focalPoints, tasks } = await features();
    return combineRoutes(versions.versionsRoutes, focalPoints.focalPointsRoutes, tasks.tasksRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const { versions, focalPoints, tasks } = await features();
    return combineRoutes(versions.versionsAdminRoutes, focalPoints.focalPointsAdminRoutes, tasks.tasksAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const { versions, focalPoints, tasks } = await features();
    return combineRoutes(versions.versionsApiRoutes, focalPoints.focalPointsApiRoutes, tasks.tasksApiRoutes);
  }),
  // versions/: C2, C4, C5, C6 current (a draft 2 of C2), two focal points; then tasks/: a dozen tasks on them.
  demo: async (db, context) => {
    await demoRoadmaps(db, context);
    await demoTasks(db);
  },
  // tasks/: 2,000 tasks and 50,000 updates; `wsis bench --only tasks` (PostgreSQL).
  bench: tasksBench,
  nav: [{ labelKey: 'roadmaps.nav.title', href: '/roadmaps' }],
  adminNav: [{ labelKey: 'roadmaps.nav.manage', href: '/admin/roadmaps', ability: 'roadmaps.roadmap.manage' }],
  contributes: {
    // tasks/: reminders 30 and 7 days before a deadline and when stale (the owner), escalation when late (the line's focal points).
    notificationEvents: [...tasksNotificationEvents],
    // progress/: each line's current version and its tasks' lights as of the report's cut-off (loaded when a report is built).
    reportSections: [
      {
        id: 'roadmaps.progress',
        title: { key: 'roadmaps.progress.title' },
        options: [{ name: 'actionLines', label: { key: 'roadmaps.progress.option_lines' }, reference: 'action-lines' }],
        build: async (db, args) => (await import('./progress/report-section.js')).buildProgressSection(db, args),
      },
    ],
  },
});
