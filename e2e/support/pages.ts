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
];

/** '/fr' + '/sdgs' → '/fr/sdgs'; the home page of a language is '/fr'. */
export const localePath = (locale: string, path: string) => `/${locale}${path === '/' ? '' : path}`;
