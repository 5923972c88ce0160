/**
 * The public vote in a real browser: dates shown in the reader's own time zone, one click to vote
 * in a category, and the category then closed to a second vote.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { users } from '../src/core/auth/tables.js';
import { buildUser, TEST_PASSWORD } from '../src/test/factories.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const signIn = async (page: Page, locale: string, { email, password }: { email: string; password: string }) => {
  await page.goto(`/${locale}/sign-in`);
  await page.locator('main form [name="email"]').fill(email);
  await page.locator('main form [name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
};

const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

describe.skipIf(skipBrowserTests)('WSIS Prizes vote (ru, Tokyo time)', () => {
  const h = useBrowserHarness();

  it('shows the phases in the reader’s time zone and takes one vote per category', async () => {
    const year = new Date().getUTCFullYear();
    const user = await buildUser(h.platform.database.db, { locale: 'ru' });
    // The demonstration vote counts accounts created before it opened.
    await h.platform.database.db
      .update(users)
      .set({ createdAt: new Date(Date.now() - 90 * 86_400_000) })
      .where(eq(users.id, user.id));
    const page = await h.newPage({ locale: 'ru-RU', timezoneId: 'Asia/Tokyo' });
    await page.goto(`/ru/prizes/${year}`);
    const shown = await page.locator('main time[data-local-time]').first().innerText();
    expect(shown).not.toContain('UTC');
    expect(shown).toMatch(/GMT\+9/);

    await signIn(page, 'ru', { email: user.email, password: TEST_PASSWORD });
    await page.goto(`/ru/prizes/${year}/vote`);
    const firstCategory = page.locator('section.prize-category:has(form)').first();
    const categoryId = await firstCategory.getAttribute('id');
    // The vote button leads to the confirmation (a GET form), which names the nominee and its category.
    await Promise.all([page.waitForNavigation(), firstCategory.locator('form button').first().click()]);
    expect(new URL(page.url()).pathname).toBe(`/ru/prizes/${year}/vote/confirm`);
    expect(await page.locator('main h1').innerText()).toBe('Подтверждение голоса');
    const confirmViolations = await checkAccessibility(page);
    expect(confirmViolations, formatViolations(page.url(), confirmViolations)).toEqual([]);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
    expect(new URL(page.url()).hash).toBe(`#${categoryId}`);
    expect(await page.locator('.flash-notice').count()).toBeGreaterThan(0);
    expect(await page.locator(`#${categoryId} form`).count()).toBe(0);
    expect(await page.locator(`#${categoryId} .nominee.chosen`).count()).toBe(1);
    const violations = await checkAccessibility(page);
    expect(violations, formatViolations(page.url(), violations)).toEqual([]);
  });
});

describe.skipIf(skipBrowserTests)('WSIS Prizes vote confirmation in six languages', () => {
  const h = useBrowserHarness();

  it('names the nominee and category, and passes axe, in every language; an account too new is told before voting', async () => {
    const year = new Date().getUTCFullYear();
    const db = h.platform.database.db;
    const user = await buildUser(db);
    await db
      .update(users)
      .set({ createdAt: new Date(Date.now() - 90 * 86_400_000) })
      .where(eq(users.id, user.id));
    const late = await buildUser(db);
    for (const locale of LOCALES) {
      const page = await h.newPage({ locale });
      await signIn(page, locale, { email: user.email, password: TEST_PASSWORD });
      await page.goto(`/${locale}/prizes/${year}/vote`);
      const button = page.locator('section.prize-category form[action$="/vote/confirm"] button').first();
      await Promise.all([page.waitForNavigation(), button.click()]);
      expect(new URL(page.url()).pathname).toBe(`/${locale}/prizes/${year}/vote/confirm`);
      expect(await page.locator('main dl.confirm-vote dd').count()).toBe(2);
      expect(await page.locator('main form[method="post"] input[name="confirm"]').count()).toBe(1);
      const violations = await checkAccessibility(page);
      expect(violations, formatViolations(page.url(), violations)).toEqual([]);
      await page.close();

      const newcomer = await h.newPage({ locale });
      await signIn(newcomer, locale, { email: late.email, password: TEST_PASSWORD });
      await newcomer.goto(`/${locale}/prizes/${year}/vote`);
      expect(await newcomer.locator('#vote-ineligible').count()).toBe(1);
      expect(await newcomer.locator('form[action$="/vote/confirm"]').count()).toBe(0);
      const lateViolations = await checkAccessibility(newcomer);
      expect(lateViolations, formatViolations(newcomer.url(), lateViolations)).toEqual([]);
      await newcomer.close();
    }
  });
});
