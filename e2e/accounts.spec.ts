/**
 * The account journey in a real browser, in French: register → verify the e-mail address with the
 * link of the verification message → sign in → see the account → sign out.
 */
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../src/core/mail/tables.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

/** Goes to a page and checks it answered 200 in French. */
const visit = async (page: Page, url: string) => {
  const response = await page.goto(url);
  expect(response?.status(), `${url} answered ${response?.status()}`).toBe(200);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
};

/** Submits the form of <main> that has a field `name`, and waits for the page that answers. */
const submitFormWith = async (page: Page, name: string) => {
  const form = page.locator(`main form:has([name="${name}"])`);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"], input[type="submit"]').first().click()]);
};

/** The locale field may be a <select>, radio buttons or a hidden input; all are set to `value`. */
const chooseLocale = async (page: Page, value: string) => {
  const field = page.locator('main form [name="locale"]');
  const kind = await field.first().evaluate((el) => (el instanceof HTMLSelectElement ? 'select' : (el as HTMLInputElement).type));
  if (kind === 'select') await field.selectOption(value);
  else if (kind === 'radio') await page.locator(`main form [name="locale"][value="${value}"]`).check();
  else if (kind === 'hidden') expect(await field.inputValue()).toBe(value);
  else await field.fill(value);
};

const noErrors = async (page: Page) => {
  const summary = page.locator('.error-summary, .flash-error');
  expect(await summary.count(), `errors on ${page.url()}: ${(await summary.allInnerTexts()).join(' | ')}`).toBe(0);
};

describe.skipIf(skipBrowserTests)('accounts journey (fr)', () => {
  const h = useBrowserHarness();

  it('registers, verifies the e-mail address, signs in and signs out', async () => {
    const page = await h.newPage({ locale: 'fr-FR' });
    const email = `camille.${randomBytes(4).toString('hex')}@example.org`;
    const name = 'Camille Dupré';
    const password = `Rivière-${randomBytes(6).toString('hex')}-Lumière`;

    // Register.
    await visit(page, '/fr/register');
    await page.locator('main form [name="name"]').fill(name);
    await page.locator('main form [name="email"]').fill(email);
    await page.locator('main form [name="password"]').fill(password);
    await chooseLocale(page, 'fr');
    await submitFormWith(page, 'password');
    await noErrors(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/fr(\/|$)/);

    // The verification message is in the outbox, in French, with a link to /fr/verify-email.
    const [mail] = await h.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.id)).limit(1);
    expect(mail, `a message to ${email} in core_mail_outbox`).toBeDefined();
    expect(mail?.locale).toBe('fr');
    const link = /https?:\/\/[^\s"<>]+\/verify-email\?token=[^\s"<>]+/.exec(mail?.text ?? '')?.[0];
    expect(link, `verification link in:\n${mail?.text}`).toBeDefined();
    const target = new URL(link ?? '');
    expect(target.pathname).toBe('/fr/verify-email');

    // Verify the address (the link is opened in the same browser, as a reader would).
    await visit(page, `${target.pathname}${target.search}`);
    await noErrors(page);

    // Sign in.
    await visit(page, '/fr/sign-in');
    await page.locator('main form [name="email"]').fill(email);
    await page.locator('main form [name="password"]').fill(password);
    await submitFormWith(page, 'password');
    await noErrors(page);
    expect(new URL(page.url()).pathname).not.toBe('/fr/sign-in');

    // The account page shows the user's name.
    await visit(page, '/fr/account');
    await expect.poll(() => page.locator('main').textContent()).toContain(name);

    // Sign out from the header; the header offers sign-in again and the account page is closed.
    const signOut = page.locator('.account-nav form[action="/fr/sign-out"] button[type="submit"]');
    await Promise.all([page.waitForNavigation(), signOut.click()]);
    await noErrors(page);
    expect(await page.locator('.account-nav a[href="/fr/sign-in"]').count()).toBe(1);
    await page.goto('/fr/account');
    expect(await page.locator('main').textContent()).not.toContain(name);
  });
});
