/**
 * The public pages of the platform (paths without the locale prefix). Every page listed here is
 * checked with axe-core in all six languages by e2e/accessibility.spec.ts: a module that adds a
 * public page adds its path here (one representative URL per kind of page).
 */
export const PUBLIC_PAGES: readonly string[] = [
  '/',
  '/sign-in',
  '/register',
  '/forgot-password',
  '/action-lines',
  '/action-lines/C2',
  '/sdgs',
  '/sdgs/4',
  '/matrix',
  '/matrix/C2/9',
  '/stocktaking',
  '/stocktaking/statistics',
  '/stocktaking/data',
  '/stocktaking/1',
  // The demonstration edition of the WSIS Prizes is this year's, with the vote open.
  '/prizes',
  `/prizes/${new Date().getUTCFullYear()}/vote`,
  `/prizes/${new Date().getUTCFullYear()}/results`,
  `/prizes/${new Date().getUTCFullYear()}/stories`,
  // The demonstration consultation (open) is the first one.
  '/consultations',
  '/consultations/1',
  // The calendar: the month grid and the agenda list (the demo's dates are next year).
  `/calendar?month=${new Date().getUTCFullYear() + 1}-06`,
  `/calendar?month=${new Date().getUTCFullYear() + 1}-07&view=list`,
  // The register (meetings/register): the document search, a document of the demonstration meeting 41 (symbol URL-encoded), a withdrawn one.
  '/documents',
  '/documents/CWG-WSIS%26SDG-41%2F1',
  '/documents/CWG-WSIS%26SDG-41%2F3',
  // The demonstration meetings of the CWG: 41 held (decisions), 42 convened (agenda).
  '/meetings',
  '/meetings/CWG-WSIS%26SDG/41',
  '/meetings/CWG-WSIS%26SDG/42',
  // The WSIS Trust Fund's public page and the statement of a period (trust-fund/transparency).
  '/trust-fund',
  '/trust-fund/statement?from=2025-01-01&to=2025-12-31',
  // Roadmaps (demo: C2, C4, C5, C6 current in version 1, a draft 2 of C2): the list, a roadmap, a version, the focal points.
  '/roadmaps',
  '/roadmaps/C2',
  '/roadmaps/C5/versions/1',
  '/roadmaps/focal-points',
  // Roadmap tasks (roadmaps/tasks/): the late-and-stale list, the C2 timeline, the first demonstration task.
  '/roadmaps/tasks?late=true&stale=true',
  '/roadmaps/C2/tasks',
  '/roadmaps/tasks/1',
  // Published reports (reports/build): the list filtered by year and language, last year's demonstration Stocktaking report (final).
  `/reports?year=${new Date().getUTCFullYear() - 1}&lang=fr`,
  `/reports/stocktaking/${new Date().getUTCFullYear() - 1}`,
];

/**
 * Pages behind the sign-in, visited as the administrator (who holds every role) in the six
 * languages by the same suite: axe-core, the Nu HTML Checker and the 320 px reflow check.
 * `{review}` is an entry waiting in the moderation queue (made by e2e/support/fixtures.ts). A
 * module that adds a page for signed-in people adds one representative URL here.
 */
export const SIGNED_IN_PAGES: readonly string[] = [
  '/account',
  '/organizations/new',
  '/stocktaking/new',
  '/stocktaking/mine',
  '/admin',
  '/admin/users',
  '/admin/mailbox',
  '/admin/jobs',
  '/admin/reference/matrix',
  '/admin/stocktaking',
  '/admin/stocktaking/{review}',
  '/admin/stocktaking/calls',
  '/admin/stocktaking/import',
  '/admin/prizes',
  `/admin/prizes/${new Date().getUTCFullYear()}`,
  `/admin/prizes/${new Date().getUTCFullYear()}/nominations`,
  `/prizes/${new Date().getUTCFullYear()}/selection`,
  '/admin/consultations',
  '/admin/consultations/new',
  '/admin/consultations/1',
  '/admin/consultations/1/questionnaire',
  '/admin/calendar',
  '/admin/calendar/events/new',
  '/admin/calendar/events/1',
  // The register's secretariat page of the demonstration meeting 41.
  '/admin/meetings/CWG-WSIS%26SDG/41/documents',
  '/admin/meetings',
  '/admin/meetings/new',
  // Roadmap tasks: my tasks (the administrator owns the demonstration tasks) and the task form of C2.
  '/roadmaps/my-tasks',
  '/roadmaps/C2/tasks/new',
  '/admin/meetings/1',
  '/admin/meetings/1/agenda',
  '/admin/meetings/1/summary',
  // Contributions (meetings): "my contributions"; the form of the demo meeting 42 (convened: 41 is held
  // and refuses contributions) and the secretariat's queue of 41.
  '/meetings/my-contributions',
  '/meetings/CWG-WSIS%26SDG/42/contribute',
  '/admin/meetings/CWG-WSIS%26SDG/41/contributions',
  // Roadmaps: the list, C2's versions, its draft 2 form, the diff of 1 and 2 (the draft is seen by editors), the focal points.
  '/admin/roadmaps',
  '/admin/roadmaps/C2',
  '/admin/roadmaps/C2/draft',
  '/roadmaps/C2/diff?from=1&to=2',
  '/admin/roadmaps/focal-points',
  // The Trust Fund's treasurer pages: the ledger with the demo's entries, the rates (two forms, one a file upload), a posting form.
  '/admin/trust-fund',
  '/admin/trust-fund/rates',
  '/admin/trust-fund/allocations/new',
  // The builds of the demonstration reports (reports/build): 2 is last year's final Stocktaking report, with a build.
  '/admin/reports/2/builds',
  // The demonstration CSTD report (in review) as it would be built now, every contributed section with its figures.
  '/admin/reports/1/preview',
  // Reports (workflow/, templates/): the list and its create form, the demonstration CSTD report (in review) with its
  // narratives, the diff of its versions 1 and 2, its review page with the comment forms; a template's editor.
  '/admin/reports',
  '/admin/reports/1',
  '/admin/reports/1/versions/1/diff/2',
  '/reports/review/1',
  '/admin/reports/templates/cstd',
];

/** '/fr' + '/sdgs' → '/fr/sdgs'; the home page of a language is '/fr'. */
export const localePath = (locale: string, path: string) => `/${locale}${path === '/' ? '' : path}`;
