/**
 * The browser the tests and the PDF printer start (src/core/exports/chromium-args.ts): a page
 * opened costs one renderer, not three. Chromium 156 builds its address bar's popup as WebUI pages
 * in renderers of their own for every window, headless too, unless their features are turned off;
 * a Chromium that renames them would bring the cost back silently, so this looks at what runs.
 */
import { describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests } from './support/chromium.js';

describe.skipIf(skipBrowserTests)('Chromium as the platform starts it', () => {
  it('opens a page without the browser interface pages of a window (no omnibox popup renderers)', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent('<p>WSIS</p>');
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
      expect(targetInfos.filter((t) => t.type !== 'page').map((t) => `${t.type} ${t.url}`)).toEqual([]);
      expect(targetInfos.filter((t) => t.type === 'page')).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
