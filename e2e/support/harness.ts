/**
 * One platform and one Chromium per spec file: `const h = useBrowserHarness();` inside a
 * `describe.skipIf(skipBrowserTests)`, then `const page = await h.newPage()` in a test.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { type RunningPlatform, startPlatform } from './platform.js';

export type BrowserHarness = {
  readonly platform: RunningPlatform;
  readonly browser: Browser;
  /** A fresh context (own cookies) bound to the platform's base URL; closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /**
   * Runs `use` with a page in a fresh context, closed when `use` ends: for tests that run
   * concurrently (`it.concurrent`), whose contexts the closing after each test must not touch.
   */
  withPage: <T>(options: BrowserContextOptions, use: (page: Page) => Promise<T>) => Promise<T>;
  /**
   * A context kept open until the file ends (not closed after each test), for pages reused from
   * test to test (support/accessibility.ts); closing it earlier is the caller's choice.
   */
  keptContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

export const useBrowserHarness = (): BrowserHarness => {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const kept: BrowserContext[] = [];

  beforeAll(async () => {
    // Chromium first: when it is missing (in CI) the error says so before any other work.
    browser = await launchChromium();
    platform = await startPlatform();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await Promise.all(kept.splice(0).map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await platform?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start (see the error of beforeAll)`);
    return value;
  };

  const contextOptions = (options: BrowserContextOptions): BrowserContextOptions => ({ baseURL: harness.platform.baseUrl, viewport: { width: 1280, height: 800 }, ...options });

  const harness: BrowserHarness = {
    get platform() {
      return started(platform, 'the platform');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    newContext: async (options = {}) => {
      const context = await harness.browser.newContext(contextOptions(options));
      // An action or a page load waits up to 45 s: a heavy page (the meeting form's ~400 time zones, the
      // matrix editor) took more than 15 s to load on a CI machine under load. A passing test waits no longer.
      context.setDefaultTimeout(45_000);
      contexts.push(context);
      return context;
    },
    newPage: async (options) => (await harness.newContext(options)).newPage(),
    keptContext: async (options = {}) => {
      const context = await harness.browser.newContext(contextOptions(options));
      context.setDefaultTimeout(45_000);
      kept.push(context);
      return context;
    },
    withPage: async (options, use) => {
      const context = await harness.browser.newContext(contextOptions(options));
      context.setDefaultTimeout(45_000);
      try {
        return await use(await context.newPage());
      } finally {
        await context.close().catch(() => undefined);
      }
    },
  };
  return harness;
};
