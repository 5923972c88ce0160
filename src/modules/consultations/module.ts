import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { consultationsBench, consultationsBenchSeed } from './bench/cases.js';
import { answeringNotificationEvents } from './answering/notifications.js';
import { exportsNotificationEvents } from './exports/notifications.js';
import { consultationCalendarDates } from './management/calendar.js';
import { demoConsultations } from './management/demo.js';
import './permissions.js';

/**
 * Consultations of the Council Working Group on WSIS & SDGs (Resolution 1332: calls for
 * contributions through an online form, circular letters, questionnaires). Feature folders:
 * management/ (consultations, questionnaire builder, lifecycle, list and page), answering/ (the
 * answer form, drafts, submission), results/ (results, charts, the synthesis), exports/ (exports,
 * published answers, circular letters, reminders), analysis/ (free-text search, campaigns, coding).
 */
export const consultationsModule = defineModule({
  id: 'consultations',
  routes: lazyRoutes(async () => {
    const [management, answering, results, exports] = await Promise.all([
      import('./management/routes.js'),
      import('./answering/routes.js'),
      import('./results/routes.js'),
      import('./exports/routes.js'),
    ]);
    return combineRoutes(management.managementRoutes, answering.answeringRoutes, results.resultsRoutes, exports.exportsRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const [management, results, exports, analysis] = await Promise.all([
      import('./management/routes.js'),
      import('./results/routes.js'),
      import('./exports/routes.js'),
      import('./analysis/routes.js'),
    ]);
    return combineRoutes(management.managementAdminRoutes, results.resultsAdminRoutes, exports.exportsAdminRoutes, analysis.analysisAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const [management, answering, results, exports] = await Promise.all([
      import('./management/routes.js'),
      import('./answering/routes.js'),
      import('./results/routes.js'),
      import('./exports/routes.js'),
    ]);
    return combineRoutes(management.managementApiRoutes, answering.answeringApiRoutes, results.resultsApiRoutes, exports.exportsApiRoutes);
  }),
  // One generated consultation (analysis/bench/corpus.ts): `wsis bench --only campaigns|results|export|submit`.
  benchSeed: consultationsBenchSeed,
  bench: consultationsBench,
  demo: demoConsultations,
  nav: [{ labelKey: 'consultations.nav.title', href: '/consultations' }],
  adminNav: [{ labelKey: 'consultations.nav.manage', href: '/admin/consultations', ability: 'consultations.consultation.manage' }],
  contributes: {
    calendar: [consultationCalendarDates],
    notificationEvents: [...answeringNotificationEvents, ...exportsNotificationEvents],
    // The safety net of campaign placing (it runs after each submission too): what a stopped process left.
    jobs: [
      {
        name: 'place-texts',
        everyMs: 60_000,
        run: async (db) => (await import('./analysis/place-texts.js')).placeWaitingTexts(db),
      },
    ],
    reportSections: [
      {
        id: 'consultations.syntheses',
        title: { key: 'consultations.results.report_title' },
        // results/: the syntheses of the consultations closed in the period; loaded when a report is built, not with every `wsis` command.
        build: async (db, args) => (await import('./results/report-section.js')).buildReportSection(db, args),
      },
    ],
  },
});
