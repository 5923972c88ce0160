/**
 * Odd input across every module's pages and API: malformed ids, NUL bytes, invalid UTF-8, huge or
 * hostile query strings, unknown codes. Whatever a user or a script types, the answer is a 4xx
 * (or a normal page), never a 500.
 */
import { expect, it } from 'vitest';
import { createTestKit } from './app.js';
import { buildUser } from './factories.js';

it('answers odd input everywhere without a server error', async () => {
  const kit = await createTestKit();
  const admin = await buildUser(kit.database.db, { roles: ['admin', 'moderator'] });
  const c = await kit.as(admin);
  const urls = [
    '/en/stocktaking?page=abc',
    '/en/stocktaking?page=-1',
    '/en/stocktaking?page=99999999999999999999',
    '/en/stocktaking?sdg=abc',
    '/en/stocktaking?sdg=99',
    '/en/stocktaking?year=abc',
    '/en/stocktaking?q=' + encodeURIComponent('!!! & | :* (('),
    '/en/stocktaking?q=' + 'a'.repeat(5000),
    '/en/stocktaking?sort=evil',
    '/en/stocktaking?actionLine=%00',
    '/en/stocktaking?actionLine=C2&actionLine=C3&actionLine[]=x',
    '/zh/stocktaking?q=' + encodeURIComponent('（）'),
    '/ar/stocktaking?q=' + encodeURIComponent("'"),
    '/en/stocktaking/abc',
    '/en/stocktaking/0',
    '/en/stocktaking/-5',
    '/en/stocktaking/1e5',
    '/en/stocktaking/99999999999999999999',
    '/api/v1/entries?page=abc',
    '/api/v1/entries?pageSize=1000',
    '/api/v1/entries?q=' + encodeURIComponent('" OR 1=1 --'),
    '/api/v1/entries/abc',
    '/api/v1/entries/99999999999999999999',
    '/api/v1/countries?lang=xx',
    '/api/v1/countries?region=%FF',
    '/en/sdgs/abc',
    '/en/sdgs/99',
    '/en/action-lines/%00',
    '/en/matrix/C2/abc',
    '/en/matrix/XX/1',
    '/en/admin/audit?from=2024-13-45',
    '/en/admin/audit?page=abc&to=zzz',
    '/en/admin/users?page=0',
    '/en/admin/users?role=king',
    '/en/admin/users/abc',
    '/en/admin/mailbox/abc',
    '/en/admin/mailbox/99999999999999999999',
    '/en/organizations?page=abc',
    '/en/organizations/0',
    '/en/verify-email?token=' + 'x'.repeat(500),
    '/en/reset-password?token=%FF',
    '/en/confirm-email?token=abc',
    '/en/admin/reference/matrix?actionLine=%00',
    '/language/xx',
    '/language/fr?next=http://evil',
    '/en/sign-in?next=//evil',
    '/en/stocktaking/abc/edit',
    '/en/stocktaking/99999999999999999999/edit',
    '/en/stocktaking/1/edit?language=xx',
    '/en/stocktaking/abc/history',
    '/en/stocktaking/images/abc',
    '/en/stocktaking/images/99999999999999999999',
    '/en/stocktaking/organizations/abc',
    '/en/stocktaking/organizations/99999999999999999999?page=abc',
    '/en/admin/stocktaking?kind=x&language=%FF&page=abc',
    '/en/admin/stocktaking/abc',
    '/en/admin/stocktaking/99999999999999999999',
    '/en/admin/trust-fund?page=abc&kind=evil&from=2026-13-01',
    '/en/admin/trust-fund?page=99999999999999999999&donor=-1',
    '/en/admin/trust-fund/reversals/new?entry=%00',
    '/api/v1/trust-fund/ledger?page=-1&task=abc',
    '/api/v1/trust-fund/ledger?kind=receipt&to=2026-02-30',
    '/en/roadmaps/C2/diff?from=abc&to=%00',
    '/en/roadmaps/C2/versions/99999999999999999999',
    '/en/roadmaps/tasks?page=abc&bureau=%FF&late=maybe&target=%00',
    '/en/roadmaps/tasks/99999999999999999999',
    '/en/roadmaps/%00/tasks',
    '/en/reports?year=abc&lang=xx',
    '/en/reports?year=99999999999999999999&lang=%00',
    '/en/reports/%00/2026',
    '/en/reports/cstd/20x6',
    '/en/reports/cstd/2026/..%2F..%2Fetc%2Fpasswd',
    '/en/reports/cstd/2026/cstd-2026-xx.exe',
    '/en/admin/reports/abc/builds',
    '/en/admin/reports/99999999999999999999/builds',
    '/en/admin/reports/1/files/abc/%00.html',
    '/api/v1/tasks?late=maybe&page=-1&status=%FF',
    '/api/v1/roadmaps/%ZZ',
    '/en/admin/reports/abc',
    '/en/admin/reports/99999999999999999999?lang=xx',
    '/en/admin/reports/1?lang=%00',
    '/en/admin/reports/1/versions/abc/diff/%00',
    '/en/admin/reports/1/versions/1/diff/99999999999999999999',
    '/en/admin/reports/templates/nope',
    '/en/admin/reports/templates/cstd?lang=xx',
    '/en/reports/review/abc?lang=%FF',
    '/en/reports/review/99999999999999999999',
  ];
  const bad: string[] = [];
  for (const url of urls) {
    for (const client of [kit.client(), c]) {
      const res = await client.get(url);
      if (res.statusCode >= 500) bad.push(`${res.statusCode} ${url}`);
    }
  }
  const posts: [string, Record<string, string | string[]>][] = [
    ['/en/admin/users/abc/roles', { role: 'x' }],
    ['/en/admin/users/99999999999999999999/roles', { role: 'moderator' }],
    ['/en/account/tokens/abc/revoke', {}],
    ['/en/organizations/abc/members', { email: 'x' }],
    ['/en/admin/reference/matrix', { actionLine: 'ZZ', sdg: 'abc' }],
    ['/en/admin/reference/matrix/C2/abc', { targets: '9.1' }],
    ['/en/admin/reference/matrix/C2/9', { targets: '%%%,,,', rationale: 'x'.repeat(100000) }],
    ['/en/account/profile', { name: '', locale: 'xx' }],
    ['/en/organizations', { name: 'x', country: 'ZZ', stakeholderType: 'government', website: 'javascript:x' }],
    ['/en/stocktaking/new', { title: 'x'.repeat(100000), sdgs: ['abc', '1e99'], organizationId: '99999999999999999999', startDate: '2024-02-30', intent: 'save' }],
    ['/en/stocktaking/new', { actionLines: ['%%%'], intent: 'suggest' }],
    ['/en/stocktaking/abc/submit', {}],
    ['/en/stocktaking/99999999999999999999/edit', { title: 'x' }],
    ['/en/admin/stocktaking/decisions', { ids: ['abc', '99999999999999999999', '-1'], decision: 'publish' }],
    ['/en/admin/stocktaking/decisions', { ids: ['1'], decision: 'explode' }],
    ['/en/admin/stocktaking/abc/decision', { decision: 'publish' }],
    ['/en/admin/stocktaking/99999999999999/decision', { decision: 'publish' }],
    ['/en/admin/stocktaking/calls', { opensOn: '2026-02-30', closesOn: 'tomorrow' }],
    ['/en/admin/trust-fund/receipts/new', { donorId: '999999999999999', currency: 'XXX', amount: '9'.repeat(40), valueDate: '2026-02-30', pscPercent: '1e9' }],
    [
      '/en/admin/trust-fund/receipts/new',
      { donorId: '1', pledgeId: '999999999999999', currency: 'CHF', amount: '92233720368547758.07', valueDate: '2026-01-01', pscPercent: '100' },
    ],
    ['/en/admin/trust-fund/allocations/new', { taskId: '999999999999999', amount: '1', valueDate: '2026-01-01', overrideReason: 'x'.repeat(100000) }],
    ['/en/admin/trust-fund/expenditures/new', { allocationId: 'abc', amount: '%00' }],
    ['/en/admin/roadmaps', { actionLine: '%00' }],
    [
      '/en/admin/roadmaps/C2/draft',
      { sdgTargets: ['99.99', '%%'], connectTargets: 'x', partnerOrganizationIds: ['abc', '99999999999999999999'], objectives_en: 'x'.repeat(100000) },
    ],
    ['/en/admin/roadmaps/C2/versions/abc/present', { symbol: '', presentedOn: '2026-02-30' }],
    ['/en/admin/roadmaps/C2/versions/99999999999999999999/current', {}],
    ['/en/admin/roadmaps/focal-points', { email: 'x', bureau: 'ZZ', actionLine: '%00', appointedOn: '2026-02-30' }],
    ['/en/admin/roadmaps/focal-points/abc/end', { endedOn: 'x' }],
    ['/en/roadmaps/C2/tasks', { startsOn: '2026-02-30', deadline: 'x', ownerBureau: 'ZZ', sdgTargets: ['%'], entryIds: 'abc', ownerUserId: '99999999999999999999' }],
    ['/en/roadmaps/tasks/abc', {}],
    ['/en/roadmaps/tasks/99999999999999999999/updates', { status: 'x', reportedOn: '2026-13-01' }],
    ['/en/admin/trust-fund/reversals/new', { entryId: '999999999999999', reason: 'x', valueDate: '2026-01-01' }],
    ['/en/admin/trust-fund/donors', { kind: 'organization', organizationId: '999999999999999', 'name.en': 'x' }],
    ['/en/admin/trust-fund/donors', { kind: 'member-state', countryCode: '%00' }],
    ['/en/admin/trust-fund/pledges', { donorId: '1', currency: 'JPY', amount: '1.5', pledgedOn: 'x', actionLine: 'x'.repeat(100000) }],
    ['/en/admin/trust-fund/rates', { currency: 'usd', month: '2026-00', rate: '0' }],
    ['/en/admin/reports/abc/builds', { locales: 'xx' }],
    ['/en/admin/reports/99999999999999999999/builds', { locales: ['%00', 'fr'], formats: ['odt'], version: 'final' }],
    ['/en/admin/reports', { templateKey: 'nope', year: 'abc', cutoff: '2026-02-30', deadline: 'x', ownerId: '99999999999999999999', distribution: 'x', originalLanguage: 'xx' }],
    ['/en/admin/reports', { templateKey: 'council', year: '1999', cutoff: '2999-01-01', distribution: 'general', originalLanguage: 'en' }],
    ['/en/admin/reports', { templateKey: 'council', year: '2026', cutoff: '2026-01-01', distribution: 'general', originalLanguage: 'en', symbol: 'x'.repeat(100000) }],
    ['/en/admin/reports/abc/narratives', { 'text.introduction': '<script>alert(1)</script>' }],
    ['/en/admin/reports/99999999999999999999/state', { to: 'final', confirm: 'yes' }],
    ['/en/admin/reports/1/settings', { cutoff: 'x', ownerId: 'abc' }],
    ['/en/reports/review/1/comments', { sectionId: '%00', paragraph: '-1', locale: 'xx', body: 'x'.repeat(100000), parentId: 'abc' }],
    [
      '/en/admin/reports/templates/cstd',
      { section: ['Bad Id', 'introduction'], 's.introduction.position': 'x', 's.introduction.source': 'nope.nope', hlpfGoals: '1999: 99', 'new.id': '%00' },
    ],
    ['/en/admin/reports/templates/nope', { 'title.en': 'x' }],
  ];
  for (const [url, form] of posts) {
    await c.get('/en/account');
    const res = await c.post(url, form);
    if (res.statusCode >= 500) bad.push(`${res.statusCode} POST ${url}`);
  }
  const apiCalls: [string, string, unknown][] = [
    ['POST', '/api/v1/entries', { title: 5 }],
    ['POST', '/api/v1/entries', []],
    ['POST', '/api/v1/entries', 'x'],
    ['PATCH', '/api/v1/entries/abc', {}],
    ['POST', '/api/v1/entries/1/decision', { decision: 'nope' }],
    ['POST', '/api/v1/entries/99999999999999999999/submit', {}],
    ['PATCH', '/api/v1/me', { name: null }],
    [
      'POST',
      '/api/v1/entries',
      {
        language: 'en',
        title: 'x',
        summary: 'y',
        actionLines: ['C2'],
        sdgs: [1],
        countries: ['KE'],
        leadCountry: 'KE',
        stakeholderType: 'government',
        scope: 'national',
        targetGroups: [],
        status: 'ongoing',
        startDate: '2024-02-30',
        organizationId: 99999999999999,
      },
    ],
  ];
  for (const [method, url, payload] of apiCalls) {
    const res = await c.api(method as 'POST', url, payload);
    if (res.statusCode >= 500) bad.push(`${res.statusCode} ${method} ${url} ${res.body.slice(0, 200)}`);
  }
  // NUL cannot be stored in PostgreSQL text: refused up front with the UTF-8 message, in the reader's language.
  const nul = await kit.client().get('/fr/action-lines/%00');
  const nulBody = await c.api('PATCH', '/api/v1/me', { name: 'a\u0000b' });
  await kit.close();
  expect(bad).toEqual([]);
  expect(nul.statusCode).toBe(400);
  expect(nul.body).toMatch(/<html lang="fr"/);
  expect(nul.body).toContain('UTF-8');
  expect(nulBody.statusCode).toBe(400);
}, 300_000);
