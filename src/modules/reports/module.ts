import './permissions.js';
import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { seedReportTemplates } from './templates/seed.js';
import { reportCalendarDates } from './workflow/calendar.js';
import { demoReports } from './workflow/demo.js';
import { reportsNotificationEvents } from './workflow/notifications.js';

/**
 * The reports ITU owes under Resolution 1332 (to the CSTD/ECOSOC, the HLPF, the Council and the
 * Plenipotentiary Conference; the Stocktaking report and the Prizes' success stories), compiled
 * from the sections other modules contribute (`contributes.reportSections`, collected by the
 * core) and from the secretariat's narratives. It imports no module's internals.
 * Feature folders: templates/ (the six templates, data the secretariat edits), workflow/ (reports,
 * narratives in six languages, versions and their diff, draft → review → final, comments on
 * paragraphs, deadlines in the calendar, reminders), build/ (composing a report from the
 * contributions, the frozen snapshot, the build job with its progress, `wsis report build`, the
 * public list of published reports), output/ (HTML with a print stylesheet, DOCX, PDF, charts).
 */
const features = async () => {
  const [templates, workflow, build] = await Promise.all([import('./templates/routes.js'), import('./workflow/routes.js'), import('./build/routes.js')]);
  return { templates, workflow, build };
};

export const reportsModule = defineModule({
  id: 'reports',
  routes: lazyRoutes(async () => {
    const { workflow, build } = await features();
    return combineRoutes(workflow.workflowRoutes, build.buildRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const { templates, workflow, build } = await features();
    return combineRoutes(templates.templatesAdminRoutes, workflow.workflowAdminRoutes, build.buildAdminRoutes);
  }),
  // templates/: the six templates (reference data; an edited template is kept).
  seed: seedReportTemplates,
  // workflow/: this year's CSTD report in review (two versions of its introduction, in six languages).
  demo: demoReports,
  nav: [{ labelKey: 'reports.nav.title', href: '/reports' }],
  adminNav: [{ labelKey: 'reports.nav.manage', href: '/admin/reports', ability: 'reports.manage' }],
  contributes: {
    // workflow/: each report's deadline in the calendar; a reminder to its owner 14 and 3 days before.
    calendar: [reportCalendarDates],
    notificationEvents: [...reportsNotificationEvents],
  },
});
