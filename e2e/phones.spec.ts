/**
 * Phones and print (issue 13 §3): on a 375 px phone the menus fold under a "Menu" button that a
 * tap opens, with JavaScript and without it; the search page shows the results before the filters,
 * with a link to the filters at the top; an entry's image is printed whole. Screenshots of the
 * phone pages in Arabic and Chinese land in e2e/screenshots/ for a human look.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserTests } from './support/chromium.js';
import { type EntryWithImage, entryWithImage } from './support/fixtures.js';
import { useBrowserHarness } from './support/harness.js';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** Where a box is on the page (document coordinates), or null when it is not rendered. */
const box = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width === 0 && r.height === 0 ? null : { top: r.top + window.scrollY, left: r.left, right: r.right, bottom: r.bottom + window.scrollY };
  });

describe.skipIf(skipBrowserTests)('phones and print', () => {
  const h = useBrowserHarness();
  let entry: EntryWithImage;
  beforeAll(async () => {
    entry = await entryWithImage(h.platform.database.db, { title: 'Solar classrooms for island schools', alt: 'Pupils under a solar panel', width: 640, height: 400 });
  });

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ] as const)('the menu on a 375 px phone, %s', (_, javaScriptEnabled) => {
    it.each(['en', 'ar', 'zh'])('is folded under a Menu button that a tap opens (/%s)', async (locale) => {
      const page = await h.newPage({ ...PHONE, javaScriptEnabled });
      await page.goto(`/${locale}`);
      const toggle = page.locator('header summary');
      const stocktaking = page.locator(`header .main-nav a[href="/${locale}/stocktaking"]`);
      const signIn = page.locator(`header .account-nav a[href="/${locale}/sign-in"]`);
      // Folded: one button, no menu item shown (nor read out: a closed disclosure hides its content).
      expect(await toggle.isVisible()).toBe(true);
      expect(await toggle.textContent()).toBe({ en: 'Menu', ar: 'القائمة', zh: '菜单' }[locale]);
      expect(await stocktaking.isVisible()).toBe(false);
      expect(await signIn.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.querySelector('header details')?.hasAttribute('open'))).toBe(false);
      // The header takes little room: the page's heading shows in the first screen.
      expect((await box(page, 'main h1'))?.top).toBeLessThan(400);

      await toggle.tap();
      expect(await stocktaking.isVisible()).toBe(true);
      expect(await signIn.isVisible()).toBe(true);
      // The items stack, one per line, each wide enough to tap.
      const first = await box(page, 'header .main-nav li:nth-child(1) a');
      const second = await box(page, 'header .main-nav li:nth-child(2) a');
      expect(second?.top).toBeGreaterThanOrEqual(first?.bottom ?? Number.POSITIVE_INFINITY);
      mkdirSync(SCREENSHOTS, { recursive: true });
      if (locale !== 'en') await page.screenshot({ path: `${SCREENSHOTS}menu-${locale}-375${javaScriptEnabled ? '' : '-nojs'}.png` });

      // An item of the open menu leads to its page.
      await Promise.all([page.waitForNavigation(), stocktaking.tap()]);
      expect(new URL(page.url()).pathname).toBe(`/${locale}/stocktaking`);
      expect(await page.locator(`header .main-nav a[href="/${locale}/stocktaking"]`).isVisible()).toBe(false);
    });

    it('shows the menus open, without the button, on a wide screen', async () => {
      const page = await h.newPage({ viewport: { width: 1280, height: 800 }, javaScriptEnabled });
      await page.goto('/fr');
      expect(await page.locator('header summary').isVisible()).toBe(false);
      expect(await page.locator('header .main-nav a[href="/fr/stocktaking"]').isVisible()).toBe(true);
      expect(await page.locator('header .account-nav a[href="/fr/sign-in"]').isVisible()).toBe(true);
    });
  });

  it('folds the menu again with Escape on a phone, and gives focus back to its button', async () => {
    const page = await h.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto('/en');
    await page.locator('header summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.main-nav') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('header .main-nav a[href="/en/stocktaking"]').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
  });

  it.each(['en', 'ar', 'zh'])('the search page (/%s) shows the results first on a 375 px phone, the filters one tap away', async (locale) => {
    const page = await h.newPage(PHONE);
    await page.goto(`/${locale}/stocktaking`);
    const link = page.locator('main a[href="#filters"]');
    const filters = await box(page, '#facets-title');
    const results = await box(page, '#results-title');
    const firstResult = await box(page, '.result-list > li:first-child');
    expect(filters && results && firstResult, 'filters, results heading and first result are shown').toBeTruthy();
    if (!filters || !results || !firstResult) return;
    // The link comes before the results; the results (their heading, the first entry) before the filters.
    expect((await box(page, 'main a[href="#filters"]'))?.bottom).toBeLessThanOrEqual(results.top);
    expect(results.top).toBeLessThan(filters.top);
    expect(firstResult.bottom).toBeLessThan(filters.top);
    // The results start within the first screen, below the search form.
    expect(results.top).toBeLessThan(740);
    expect(await link.textContent()).toBe(await page.locator('#facets-title').textContent());
    if (locale !== 'en') await page.screenshot({ path: `${SCREENSHOTS}search-${locale}-375.png` });

    // One tap brings the filters into view.
    await link.tap();
    await expect.poll(() => page.locator('#facets-title').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(100);
    expect(new URL(page.url()).hash).toBe('#filters');
    expect(await page.locator('#filters input[type="checkbox"]').first().isVisible()).toBe(true);
  });

  it('the search page keeps the filters beside the results on a wide screen', async () => {
    const page = await h.newPage({ viewport: { width: 1280, height: 800 } });
    for (const locale of ['en', 'ar']) {
      await page.goto(`/${locale}/stocktaking`);
      const filters = await box(page, '#filters');
      const results = await box(page, 'main .results');
      expect(await page.locator('main a[href="#filters"]').isVisible()).toBe(false);
      expect(filters && results).toBeTruthy();
      if (!filters || !results) return;
      // The filters' column is at the start of the line: left in English, right in Arabic.
      if (locale === 'ar') expect(filters.left).toBeGreaterThanOrEqual(results.right);
      else expect(filters.right).toBeLessThanOrEqual(results.left);
      expect(Math.abs(filters.top - results.top)).toBeLessThan(50);
    }
  });

  it.each(['en', 'ar'])('prints the image of an entry whole (/%s)', async (locale) => {
    const page = await h.newPage(PHONE);
    await page.goto(`/${locale}/stocktaking/${entry.id}`);
    await page.emulateMedia({ media: 'print' });
    const image = page.locator(`main img[alt="${entry.alt}"]`);
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(entry.width);
    expect(await image.isVisible()).toBe(true);
    // Not cut: the whole picture inside the printed column, in its own proportions.
    const shown = await image.evaluate((img) => {
      const r = img.getBoundingClientRect();
      const main = (img.closest('main') as HTMLElement).getBoundingClientRect();
      return { width: r.width, height: r.height, left: r.left, right: r.right, mainLeft: main.left, mainRight: main.right };
    });
    expect(shown.width).toBeGreaterThan(100);
    expect(shown.left).toBeGreaterThanOrEqual(shown.mainLeft);
    expect(shown.right).toBeLessThanOrEqual(shown.mainRight);
    expect(shown.height / shown.width).toBeCloseTo(entry.height / entry.width, 1);
    if (locale === 'ar') await page.screenshot({ path: `${SCREENSHOTS}entry-print-${locale}.png`, fullPage: true });

    // Printed for real (Chromium's PDF), the picture is in the document: pdfimages (poppler-utils) lists it.
    const dir = mkdtempSync(join(tmpdir(), 'wsis-print-'));
    try {
      const pdf = join(dir, 'entry.pdf');
      writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
      const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[2] === 'image');
      expect(images.map((cols) => `${cols[3]}x${cols[4]}`)).toContain(`${entry.width}x${entry.height}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
