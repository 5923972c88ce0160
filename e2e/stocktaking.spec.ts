/**
 * The Stocktaking journey in a real browser, in Spanish and Arabic: a contributor submits an
 * activity with an image through the form (asking for the matrix's SDG suggestions on the way),
 * a moderator publishes it from the queue, and the public finds it with the search. Every page
 * of the journey is checked with axe-core (WCAG 2.2 AA), including the form with its errors.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../src/test/factories.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';
import { insertPublishedEntry } from '../src/modules/stocktaking/test-helpers.js';

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

const clickAndWait = async (page: Page, selector: string) => {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
};

describe.skipIf(skipBrowserTests)('stocktaking journey (es, ar)', () => {
  const h = useBrowserHarness();

  it('submits an activity with an image, a moderator publishes it, the public finds it', async () => {
    const word = `xq${randomBytes(3).toString('hex')}`;
    const user = await buildUser(h.platform.database.db, { locale: 'es' });
    const contributor = await h.newPage({ locale: 'es-ES' });
    await signIn(contributor, 'es', { email: user.email, password: TEST_PASSWORD });

    await contributor.goto('/es/stocktaking/new');
    expect(await contributor.getAttribute('html', 'lang')).toBe('es');
    await accessible(contributor);

    // Sent empty: errors are listed, focus lands on the summary, and the page stays accessible.
    await clickAndWait(contributor, 'main form button[name="intent"][value="save"]');
    expect(await contributor.locator('.error-summary li').count()).toBeGreaterThan(3);
    expect(await contributor.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await accessible(contributor);

    await contributor.locator('[name="language"]').selectOption('es');
    await contributor.locator('[name="title"]').fill(`Escuelas conectadas ${word}`);
    await contributor.locator('[name="summary"]').fill('Conexión satelital de 40 escuelas rurales y formación de docentes en competencias digitales.');
    await contributor.locator('[name="description"]').fill('Formamos **200 docentes** en el Sahel.');
    await contributor.locator('input[name="actionLines"][value="C4"]').check();
    await contributor.locator('[name="stakeholderType"]').selectOption('civil-society');
    await contributor.locator('[name="leadCountry"]').selectOption('NE');
    await contributor.locator('[name="scope"]').selectOption('national');
    await contributor.locator('[name="status"]').selectOption('ongoing');
    // Without JavaScript the form asks the server for the SDGs the matrix links to C4.
    await clickAndWait(contributor, 'main form button[name="intent"][value="suggest"]');
    expect(await contributor.locator('.checkbox.suggested input[name="sdgs"][value="4"]').count()).toBe(1);
    await contributor.locator('input[name="sdgs"][value="4"]').check();
    expect(await contributor.locator('[name="title"]').inputValue()).toBe(`Escuelas conectadas ${word}`);
    await accessible(contributor);

    const image = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#005a9c' } })
      .png()
      .toBuffer();
    await contributor.locator('input[name="image"]').setInputFiles({ name: 'escuela.png', mimeType: 'image/png', buffer: image });
    await contributor.locator('[name="imageAlt"]').fill('Alumnos frente a una antena');
    await clickAndWait(contributor, 'main form button[name="intent"][value="submit"]');
    expect(await contributor.locator('.flash-notice').count()).toBe(1);
    const entryPath = new URL(contributor.url()).pathname;
    const entryId = Number(entryPath.split('/').pop());
    expect(entryId).toBeGreaterThan(0);
    expect(await contributor.locator('main .prose strong').innerText()).toBe('200 docentes');
    await expect
      .poll(() => contributor.locator('main img[alt="Alumnos frente a una antena"]').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBe(320);
    await accessible(contributor);
    await contributor.goto('/es/stocktaking/mine');
    await accessible(contributor);

    // The moderator (the administrator created at first start) publishes it from the queue, in Arabic.
    const moderator = await h.newPage({ locale: 'ar' });
    await signIn(moderator, 'ar', h.platform.admin);
    await moderator.goto('/ar/admin/stocktaking');
    expect(await moderator.getAttribute('html', 'dir')).toBe('rtl');
    await accessible(moderator);
    await clickAndWait(moderator, `main a[href="/ar/admin/stocktaking/${entryId}"]`);
    await accessible(moderator);
    await moderator.locator('main form [name="decision"]').selectOption('publish');
    await clickAndWait(moderator, 'main form:has([name="decision"]) button[type="submit"]');
    expect(await moderator.locator('.flash-notice').count()).toBe(1);
    await moderator.goto(`/ar/stocktaking/${entryId}/history`);
    await accessible(moderator);
    await moderator.goto('/ar/admin/stocktaking/calls');
    await accessible(moderator);

    // The public finds it by a word of its title.
    const visitor = await h.newPage({ locale: 'es-ES' });
    await visitor.goto(`/es/stocktaking?q=${word}`);
    await clickAndWait(visitor, `main a[href="/es/stocktaking/${entryId}"]`);
    expect(await visitor.locator('h1').innerText()).toContain(`Escuelas conectadas ${word}`);
    // The image may still be decoding when the page's load event has fired on a busy machine.
    const shown = visitor.locator('main img[alt="Alumnos frente a una antena"]');
    await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(320);
  });

  it('shows the other values of a long facet when asked, keeping the boxes ticked meanwhile (Arabic)', async () => {
    const word = `fq${randomBytes(3).toString('hex')}`;
    const codes = ['BO', 'BR', 'CL', 'CO', 'CR', 'EC', 'MX', 'PE', 'PY', 'UY', 'VE', 'GY'];
    for (const [i, code] of codes.entries()) await insertPublishedEntry(h.platform.database.db, { title: { en: `Orchard ${word} ${i}` }, countries: ['AR', code] });
    const page = await h.newPage({ locale: 'ar' });
    await page.goto(`/ar/stocktaking?q=${word}`);
    expect(await page.locator('.facets input[name="country"]').count()).toBe(10);
    // Tick a shown country, then ask for the others: the tick survives, the new values are listed.
    await page.locator('.facets input[name="country"][value="AR"]').check();
    await clickAndWait(page, '.facets button[name="more"][value="country"]');
    expect(new URL(page.url()).hash).toMatch(/^#facet-country-value-\d+$/);
    expect(await page.locator('.facets input[name="country"]').count()).toBe(13);
    expect(await page.locator('.facets input[name="country"][value="AR"]').isChecked()).toBe(true);
    expect(await page.locator('.facets button[name="more"][value="country"]').count()).toBe(0);
    await accessible(page);
  });
});
