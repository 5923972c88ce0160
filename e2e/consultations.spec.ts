/**
 * Answering a consultation in a real browser, without any script needed: the steps in French and
 * in Arabic (right to left), a draft saved at each step, the submission and its receipt; axe at
 * zero violations on the answer pages in the six languages.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../src/test/factories.js';
import { insertConsultation } from '../src/modules/consultations/answering/test-helpers.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

const signIn = async (page: Page, locale: string, email: string) => {
  await page.goto(`/${locale}/sign-in`);
  await page.locator('main form [name="email"]').fill(email);
  await page.locator('main form [name="password"]').fill(TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
};
const press = async (page: Page, action: 'save' | 'back' | 'submit') =>
  Promise.all([page.waitForNavigation(), page.locator(`main form button[name="action"][value="${action}"]`).click()]);
const expectAccessible = async (page: Page) => {
  const violations = await checkAccessibility(page);
  expect(violations, formatViolations(page.url(), violations)).toEqual([]);
};

describe.skipIf(skipBrowserTests)('answering a consultation', () => {
  const h = useBrowserHarness();

  it.each([
    ['fr', 'Le haut débit pour chaque village.', 'Votre réponse a été reçue'],
    ['ar', 'النطاق العريض لكل قرية.', 'وردت إجابتك'],
  ] as const)('walks the steps in %s, saves a draft, submits and shows the receipt', async (locale, text, received) => {
    const db = h.platform.database.db;
    const consultation = await insertConsultation(db);
    const user = await buildUser(db, { locale });
    const page = await h.newPage({ locale });
    await signIn(page, locale, user.email);
    await page.goto(`/${locale}/consultations/${consultation.id}/answer`);
    expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await expectAccessible(page);
    await page.locator('main select[name="language"]').selectOption(locale);
    await press(page, 'save');

    // Too many words: the error beside the field, the text kept.
    await page.locator('main textarea[name="q-views"]').fill(`${text} ${'mot '.repeat(12)}`);
    await press(page, 'save');
    expect(await page.locator('main .error-summary').count()).toBe(1);
    expect(await page.locator('main textarea[name="q-views"]').inputValue()).toContain(text);
    await expectAccessible(page);
    await page.locator('main textarea[name="q-views"]').fill(text);
    await page.locator('main input[name="q-priority"][value="skills"]').check();
    await press(page, 'save');
    await page.locator('main input[name="q-score"][value="4"]').check();
    await press(page, 'save');
    expect(await page.locator('main dl.answer-copy').innerText()).toContain(text);
    await expectAccessible(page);
    await press(page, 'submit');
    expect(new URL(page.url()).pathname).toBe(`/${locale}/consultations/${consultation.id}/answer/receipt`);
    expect(await page.locator('main h1').innerText()).toBe(received);
    await expectAccessible(page);
  });

  it.each(LOCALES)('passes axe on the answer pages in %s', async (locale) => {
    const db = h.platform.database.db;
    const consultation = await insertConsultation(db, { answersMayBePublished: true });
    const user = await buildUser(db);
    const page = await h.newPage({ locale });
    await signIn(page, locale, user.email);
    for (const path of ['answer', 'answer?step=2', 'answer/files/paper']) {
      await page.goto(`/${locale}/consultations/${consultation.id}/${path}`);
      await expectAccessible(page);
    }
  });
});
