/**
 * The notifications page in a real browser, in the six languages: a moderator finds the entries
 * waiting for them (titles in Arabic and in French, isolated in every page direction), the unread
 * ones marked in words as well as in colour, the count in the menu, one marked read with its
 * button. Every page is checked with axe-core (WCAG 2.2 AA) and for reflow at 320 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/i18n/locales.js';
import { createEntry } from '../src/modules/stocktaking/commands/create-entry.js';
import { submitEntry } from '../src/modules/stocktaking/commands/submit-entry.js';
import { entryInput } from '../src/modules/stocktaking/inputs.js';
import { actorOf } from '../src/modules/prizes/test-helpers.js';
import { buildUser } from '../src/test/factories.js';
import { expectAccessible, signIn, submitForm } from './support/actions.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('notifications page (six languages)', () => {
  const h = useBrowserHarness();

  let moderatorEmail = '';
  beforeAll(async () => {
    const { db } = h.platform.database;
    const moderator = await buildUser(db, { roles: ['moderator'], locale: 'ar' });
    moderatorEmail = moderator.email;
    const submitterUser = await buildUser(db);
    const submitter = actorOf(submitterUser);
    const titles = [
      { language: 'ar', title: 'النطاق العريض الريفي للمدارس' },
      { language: 'fr', title: 'Écoles connectées au Sahel, avec une formation des enseignants et un suivi sur trois ans' },
    ];
    for (const { language, title } of titles) {
      const input = entryInput.parse({
        language,
        title,
        summary: language === 'ar' ? 'ربط المدارس الريفية بالإنترنت.' : 'Connexion des écoles rurales.',
        actionLines: ['C2'],
        leadCountry: 'SN',
        stakeholderType: 'civil-society',
        scope: 'national',
        status: 'ongoing',
      });
      const created = await createEntry(db, { actor: submitter, input });
      if (!created.ok) throw new Error(`entry refused: ${JSON.stringify(created)}`);
      const submitted = await submitEntry(db, { actor: submitter, id: created.id });
      if (!submitted.ok) throw new Error(`submission refused: ${JSON.stringify(submitted)}`);
    }
  });

  it.each(LOCALES)('in %s: lists what waits for a moderator, newest first, accessibly and within 320 px', async (locale) => {
    const page = await h.newPage();
    await signIn(page, locale, moderatorEmail);
    await page.goto(`/${locale}/notifications`);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    const items = page.locator('.notification-list > li');
    expect(await items.count(), `notifications listed in ${locale}`).toBe(2);
    // Newest first; unread ones say so in words (not only by their colour).
    expect(await items.nth(0).textContent()).toContain('Écoles connectées au Sahel');
    expect(await items.nth(1).textContent()).toContain('النطاق العريض الريفي للمدارس');
    expect(await page.locator('.notification-list > li.unread .notification-state').count()).toBe(2);
    expect(await page.locator('.account-nav .notification-count [aria-hidden="true"]').textContent()).toMatch(/^(2|٢)$/);
    await expectAccessible(page);

    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow of /${locale}/notifications at 320px`).toBeLessThanOrEqual(0);
  });

  it('marks one read with its button, opens the work from its link, and keeps the e-mail choice', async () => {
    const page = await h.newPage();
    await signIn(page, 'en', moderatorEmail);
    await page.goto('/en/notifications');
    await submitForm(page, '.notification-list > li:first-child form');
    expect(await page.locator('.flash').textContent()).toContain('The notification has been marked as read.');
    expect(await page.locator('.notification-list > li.unread').count()).toBe(1);
    expect(await page.locator('.account-nav .notification-count [aria-hidden="true"]').textContent()).toBe('1');
    await expectAccessible(page);

    // The link opens the work (the moderation page of the entry) and counts it read.
    await Promise.all([page.waitForNavigation(), page.locator('.notification-list > li.unread a').click()]);
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/admin\/stocktaking\/\d+$/);
    expect(await page.locator('.account-nav .notification-count').count()).toBe(0);

    // The e-mail choice on the account page, in Arabic.
    await page.goto('/ar/account');
    await page.locator('#notification-email-daily').check();
    await submitForm(page, 'form[action="/ar/account/notifications"]');
    expect(await page.locator('#notification-email-daily').isChecked()).toBe(true);
    await expectAccessible(page);
  });
});
