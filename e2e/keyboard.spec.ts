/** Keyboard use: the skip link is the first stop and takes the reader to the main content. */
import { describe, expect, it } from 'vitest';
import { skipBrowserTests } from './support/chromium.js';
import { useBrowserHarness } from './support/harness.js';

describe.skipIf(skipBrowserTests)('keyboard', () => {
  const h = useBrowserHarness();

  it('first Tab on /en focuses the visible skip link, and Enter moves focus to <main>', async () => {
    const page = await h.newPage();
    await page.goto('/en');
    const skip = page.locator('a.skip-link');
    // Hidden until focused: not in view before the first Tab.
    const before = await skip.boundingBox();
    expect(before === null || before.width <= 1 || before.height <= 1 || before.y + before.height <= 0 || before.x + before.width <= 0, 'skip link off-screen before focus').toBe(
      true,
    );

    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? { tag: el.tagName, className: el.className, href: el.getAttribute('href') } : null;
    });
    expect(focused).toEqual({ tag: 'A', className: 'skip-link', href: '#main' });
    await expect.poll(() => skip.isVisible()).toBe(true);
    const box = await skip.boundingBox();
    const viewport = page.viewportSize();
    expect(box, 'skip link has a box when focused').not.toBeNull();
    if (box && viewport) {
      expect(box.width).toBeGreaterThan(10);
      expect(box.height).toBeGreaterThan(10);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    // A visible focus indicator (WCAG 2.4.7).
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
  });
});
