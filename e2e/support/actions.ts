/**
 * What a user does in most browser tests: sign in through the form, submit a form and wait for
 * the next page, and check a page with axe-core (WCAG 2.2 AA).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../src/test/factories.js';
import { checkAccessibility, formatViolations } from './axe.js';

/** Fails the test with a readable list when axe-core finds a violation on the page. */
export const expectAccessible = async (page: Page) => {
  const violations = await checkAccessibility(page);
  expect(violations, formatViolations(page.url(), violations)).toEqual([]);
};

/** Signs in through the page of `locale` (the factories' password unless given). */
export const signIn = async (page: Page, locale: string, email: string, password = TEST_PASSWORD) => {
  await page.goto(`/${locale}/sign-in`);
  await page.locator('main form [name="email"]').fill(email);
  await page.locator('main form [name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
};

/** Clicks the submit button of the first form matching `form` and waits for the next page. */
export const submitForm = async (page: Page, form: string) => Promise.all([page.waitForNavigation(), page.locator(`${form} button[type="submit"]`).first().click()]);
