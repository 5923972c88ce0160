/**
 * Every public page, and every page of the administrator's, in the six languages: WCAG 2.2 AA as
 * far as axe-core can tell, no error of the W3C Nu HTML Checker (the HTML the server sent, all
 * pages checked in one run at the end), and no sideways scrolling of the page at 320 CSS pixels.
 * Arabic pages are right-to-left and set in a Noto Arabic face, and full-page screenshots of three
 * home pages land in e2e/screenshots/ for a human look.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/i18n/locales.js';
import { signIn } from './support/actions.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { entryWithImage } from './support/fixtures.js';
import { useBrowserHarness } from './support/harness.js';
import { formatNuErrors, NuBatch, skipNuChecks } from './support/nu.js';
import { localePath, PUBLIC_PAGES, SIGNED_IN_PAGES } from './support/pages.js';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** The HTML of every page the suite opens, for one run of the Nu HTML Checker at the end. */
const nu = new NuBatch();

/** Keeps the HTML the server sent (not the DOM after scripts) for the Nu HTML Checker. */
const keepHtml = async (name: string, response: Response | null) => {
  if (response) nu.add(name, await response.text());
};

/** Opens a page and fails with 'page missing' unless it answers 200. */
const open = async (page: Page, url: string) => {
  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response?.status();
  expect(status, status === 404 ? `page missing: ${url} answered 404` : `${url} answered ${status}`).toBe(200);
  await keepHtml(url, response);
};

/**
 * WCAG 1.4.10 Reflow: at 320 CSS pixels the page itself never scrolls sideways (a wide table
 * scrolls inside its own box). The page is narrowed where it is, without reloading it.
 */
const expectReflow = async (page: Page, url: string) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const { documentWidth, viewport } = await page.evaluate(() => ({ documentWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(documentWidth, `width of ${url} at ${viewport} px (only a table may scroll sideways, inside its own box)`).toBeLessThanOrEqual(viewport + 1);
};

/** Names of the platform fonts Chromium used to draw the text of the first element matching `selector`. */
const renderedFonts = async (page: Page, selector: string) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
};

describe.skipIf(skipBrowserTests)('accessibility of the public pages', () => {
  const h = useBrowserHarness();

  /** `<html lang dir>`, axe-core, then the same page at 320 px. */
  const checkPage = async (locale: string, path: string, options?: BrowserContextOptions) => {
    const url = localePath(locale, path);
    const page = await h.newPage(options);
    await open(page, url);
    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    expect(html, `<html lang dir> of ${url}`).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
    const violations = await checkAccessibility(page);
    expect(violations.length, formatViolations(url, violations)).toBe(0);
    await expectReflow(page, url);
  };

  describe.each(LOCALES)('in %s', (locale) => {
    it.each(PUBLIC_PAGES)('%s has no WCAG 2.2 AA violation and reflows at 320 px', (path) => checkPage(locale, path));
  });

  describe('signed in as the administrator', () => {
    /** The administrator's cookies, signed in once for every page. */
    let signedIn: BrowserContextOptions = {};
    let review = 0;
    beforeAll(async () => {
      review = (await entryWithImage(h.platform.database.db, { title: 'Community networks for rural clinics', alt: 'A mast above a clinic', publish: false })).id;
      const context = await h.newContext();
      await signIn(await context.newPage(), 'en', h.platform.admin.email, h.platform.admin.password);
      signedIn = { storageState: await context.storageState() };
    });

    describe.each(LOCALES)('in %s', (locale) => {
      it.each(SIGNED_IN_PAGES)('%s has no WCAG 2.2 AA violation and reflows at 320 px', (path) => checkPage(locale, path.replace('{review}', String(review)), signedIn));
    });
  });

  it('sets Arabic body text right to left in a Noto Arabic face', async () => {
    const page = await h.newPage();
    await open(page, '/ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    // Arabic text in the body of the page, whatever the state of the translations.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'e2e-arabic-probe';
      p.textContent = 'القمة العالمية لمجتمع المعلومات';
      document.querySelector('main')?.append(p);
    });
    const declared = await page.$eval('#e2e-arabic-probe', (el) => getComputedStyle(el).fontFamily);
    expect(declared.split(',')[0]?.trim().replace(/["']/g, ''), `font-family of Arabic body text: ${declared}`).toMatch(/^Noto (Sans|Naskh|Kufi) Arabic/);
    const fonts = await renderedFonts(page, '#e2e-arabic-probe');
    expect(fonts.join(', '), 'fonts Chromium used for the Arabic text').toMatch(/Noto (Sans|Naskh|Kufi) Arabic/);
    expect(await page.$eval('#e2e-arabic-probe', (el) => getComputedStyle(el).direction)).toBe('rtl');
  });

  it.each(['en', 'ar'])('the API reference (/api/docs?lang=%s) has no WCAG 2.2 AA violation', async (lang) => {
    const page = await h.newPage();
    await open(page, `/api/docs?lang=${lang}`);
    expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    const violations = await checkAccessibility(page);
    expect(violations.length, formatViolations(page.url(), violations)).toBe(0);
    // Long paths wrap rather than stick out sideways at 320 CSS pixels (WCAG 1.4.10 Reflow).
    const narrow = await h.newPage({ viewport: { width: 320, height: 640 } });
    await open(narrow, `/api/docs?lang=${lang}`);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow of /api/docs?lang=${lang} at 320px`).toBeLessThanOrEqual(0);
  });

  it.each(['en', 'ar'])('a form sent back with errors (/%s/register) is accessible and focuses its error summary', async (locale) => {
    const page = await h.newPage();
    await open(page, `/${locale}/register`);
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('main form:has([name="email"]) button[type="submit"]').click()]);
    expect(response?.status()).toBe(422);
    await keepHtml(`/${locale}/register (sent back with errors)`, response);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const violations = await checkAccessibility(page);
    expect(violations.length, formatViolations(page.url(), violations)).toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}register-errors-${locale}.png`, fullPage: true });
  });

  it.each(['en', 'ar', 'zh'])('takes a full-page screenshot of /%s', async (locale) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, viewport] of [
      ['', { width: 1280, height: 800 }],
      ['-320', { width: 320, height: 640 }],
    ] as const) {
      const page = await h.newPage({ viewport });
      await open(page, `/${locale}`);
      await page.screenshot({ path: `${SCREENSHOTS}${locale}${name}.png`, fullPage: true });
      // Nothing may stick out sideways, down to 320 CSS pixels (WCAG 1.4.10 Reflow).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow of /${locale} at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
  });

  // Last: every page opened above (public and signed-in, six languages, forms sent back with errors).
  it.skipIf(skipNuChecks)(
    'the HTML of every page visited has no error for the W3C Nu HTML Checker',
    async () => {
      expect(nu.size, 'pages collected for the Nu HTML Checker (run the whole file)').toBeGreaterThan(0);
      const errors = await nu.check();
      expect(errors.size, formatNuErrors(errors)).toBe(0);
    },
    600_000,
  );
});
