/**
 * Accessibility beyond the page-by-page check (which is in e2e/accessibility-pages-<n>.spec.ts,
 * see support/accessibility.ts): Arabic pages are right-to-left and set in a Noto Arabic face, the
 * API reference and a form sent back with errors pass axe-core, nothing sticks out sideways at
 * 320 px, and full-page screenshots of three home pages land in e2e/screenshots/ for a human look;
 * then the W3C Nu HTML Checker over every page this file opened.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepHtml, nuCheckTest, open as openAndKeep } from './support/accessibility.js';
import { checkAccessibility, formatViolations } from './support/axe.js';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';
import { NuBatch } from './support/nu.js';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** The HTML of every page the file opens, for one run of the Nu HTML Checker at the end. */
const nu = new NuBatch();

/** Opens a page and fails with 'page missing' unless it answers 200. */
const open = (page: Page, url: string) => openAndKeep(nu, page, url);

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

describe.skipIf(skipBrowserTests)('accessibility beyond single pages', () => {
  const h = useBrowserHarness();

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

  it('the check itself finds what it is for: an image without a text alternative, faint text, a field without a name', async () => {
    // Every page check passes when axe finds nothing: on this page it must find each of these.
    const page = await h.newPage();
    await open(page, '/en');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      if (!main) return;
      main.insertAdjacentHTML('beforeend', '<img src="/favicon.ico"><p id="e2e-faint">Faint text</p><input type="text">');
      // Through the CSSOM: the platform's Content-Security-Policy ignores style attributes in markup.
      const faint = document.getElementById('e2e-faint');
      if (faint) Object.assign(faint.style, { color: '#777', backgroundColor: '#888' });
    });
    const found = (await checkAccessibility(page)).map((v) => v.id);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'color-contrast', 'label']));
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
    await keepHtml(nu, `/${locale}/register (sent back with errors)`, response);
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

  // Last: every page opened above (home pages, forms sent back with errors, the API reference).
  nuCheckTest(nu);
});
