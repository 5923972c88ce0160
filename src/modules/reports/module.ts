import './permissions.js';
import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { registerReportsCli } from './build/cli.js';
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
  nav: [{ labelKey: 'reports.nav.title', href: '/reports' }],
  adminNav: [{ labelKey: 'reports.nav.manage', href: '/admin/reports', ability: 'reports.manage' }],
  cli: registerReportsCli,
  // `wsis bench --only reports`: one and six languages, and a frozen report rebuilt (build/bench.ts).
  bench: {
    about: [
      'Reports: a report of this year with every contributed section and a narrative before each, in a database of the case’s own',
      'where every module made its data of that year (`yearCorpus` in its bench: 100,000 Stocktaking entries published in the year,',
      '2,000 roadmap tasks with 50,000 updates, the year’s announced WSIS Prizes edition, a consultation of 5,000 answers closed in',
      'the year), as HTML + DOCX in one language and in six, and rebuilt from its snapshot once final; memory is the peak of',
      '`wsis report build` run as its own process.',
    ],
    options: [{ flags: '--report-entries <n>', description: 'published Stocktaking entries of the year in the reports case’s own database', defaultValue: 100_000 }],
    cases: ['reports'],
    measure: async (context) => (await import('./build/bench.js')).reportsBench.measure?.(context) ?? { lines: () => [] },
  },
  // workflow/: this year's CSTD report in review (report 1: two versions of its introduction, in six languages); then
  // build/: last year's Stocktaking report, final and published in six languages, and this year's report to the Council, a draft.
  demo: async (db, context) => {
    await demoReports(db);
    await (await import('./build/demo.js')).demoReports(db, context);
  },
  contributes: {
    // `reports.build`: a build asked for from the build page (build/job.ts), loaded when it runs.
    jobs: [{ name: 'build', maxAttempts: 1, run: async (db, context) => (await import('./build/job.js')).buildJob.run(db, context) }],
    // workflow/: each report's deadline in the calendar; a reminder to its owner 14 and 3 days before.
    calendar: [reportCalendarDates],
    notificationEvents: [...reportsNotificationEvents],
  },
});
