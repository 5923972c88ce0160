/**
 * Open data in a real browser, in French and Arabic: a moderator uploads a file with a mistake,
 * reads the report (row, column, problem), then uploads the corrected file; the public finds the
 * entry and downloads it from the data page, the link keeping the search. Every page is checked
 * with axe-core (WCAG 2.2 AA), the report included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../src/test/factories.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const accessible = async (page: Page) => {
  const violations = await checkAccessibility(page);
  expect(violations, formatViolations(page.url(), violations)).toEqual([]);
};

const signIn = async (page: Page, locale: string, { email, password }: { email: string; password: string }) => {
  await page.goto(`/${locale}/sign-in`);
  await page.locator('main form [name="email"]').fill(email);
  await page.locator('main form [name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
};

const header = 'original_language,title_en,summary_en,stakeholder_type,lead_country,countries,scope,action_lines,sdgs,status';

describe.skipIf(skipBrowserTests)('open data (fr, ar)', () => {
  const h = useBrowserHarness();

  it.each(['fr', 'ar'])('a moderator imports a file in %s, the public downloads the entry', async (locale) => {
    const word = `zq${randomBytes(3).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'wsis-e2e-import-'));
    const bad = join(dir, 'bad.csv');
    const good = join(dir, 'good.csv');
    writeFileSync(bad, `${header}\r\nen,Libraries ${word},Courses in libraries.,government,FR,FR,national,C4,4,done\r\n`);
    writeFileSync(good, `${header}\r\nen,Libraries ${word},Courses in libraries.,government,FR,FR,national,C4,4,ongoing\r\n`);
    const user = await buildUser(h.platform.database.db, { roles: ['moderator'], locale });
    const page = await h.newPage();
    await signIn(page, locale, { email: user.email, password: TEST_PASSWORD });

    await page.goto(`/${locale}/admin/stocktaking/import`);
    await accessible(page);
    await page.locator('#import-file').setInputFiles(bad);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    expect(await page.locator('.import-report table td code').allTextContents()).toEqual(['status']);
    await accessible(page);

    await page.locator('#import-file').setInputFiles(good);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    expect(await page.locator('.import-report table').count()).toBe(0);

    const visitor = await h.newPage();
    await visitor.goto(`/${locale}/stocktaking?q=${word}`);
    await Promise.all([visitor.waitForNavigation(), visitor.locator('.download-results a').click()]);
    expect(new URL(visitor.url()).pathname).toBe(`/${locale}/stocktaking/data`);
    await accessible(visitor);
    const csvHref = await visitor.locator('.download-list a').first().getAttribute('href');
    expect(csvHref).toBe(`/api/v1/entries.csv?q=${word}&lang=${locale}`);
    const csv = await visitor.request.get(csvHref ?? '');
    expect(await csv.text()).toContain(`Libraries ${word}`);
    rmSync(dir, { recursive: true, force: true });
  });
});
