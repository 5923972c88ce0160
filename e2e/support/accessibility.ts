/**
 * The accessibility check of every page of support/pages.ts in the six languages, cut into shards
 * (files e2e/accessibility-pages-<n>.spec.ts, run side by side by vitest): each shard has its own
 * platform and Chromium, checks its pages a few at a time (it.concurrent, one browser context
 * each) and ends with one run of the Nu HTML Checker over the HTML of its pages. One load of each
 * page serves every check: `<html lang dir>`, axe-core, the HTML kept for the Nu checker, then the
 * same page narrowed to 320 px. A new page is added to support/pages.ts only; it lands in a shard.
 */
import type { BrowserContextOptions, Page, Response } from 'playwright-core';
import { beforeAll, describe, type ExpectStatic, expect as globalExpect, it } from 'vitest';
import { LOCALES } from '../../src/core/i18n/locales.js';
import { signIn } from './actions.js';
import { checkAccessibility, formatViolations, prepareAxe } from './axe.js';
import { skipBrowserTests } from './chromium.js';
import { entryWithImage } from './fixtures.js';
import { type BrowserHarness, useBrowserHarness } from './harness.js';
import { formatNuErrors, NuBatch, skipNuChecks } from './nu.js';
import { localePath, PUBLIC_PAGES, SIGNED_IN_PAGES } from './pages.js';

/** Files e2e/accessibility-pages-1.spec.ts … -<ACCESSIBILITY_SHARDS>.spec.ts, one per shard. */
export const ACCESSIBILITY_SHARDS = 3;

/** Keeps the HTML the server sent (not the DOM after scripts) for the Nu HTML Checker. */
export const keepHtml = async (nu: NuBatch, name: string, response: Response | null) => {
  if (response) nu.add(name, await response.text());
};

/** Opens a page and fails with 'page missing' unless it answers 200; keeps its HTML for the Nu checker. */
export const open = async (nu: NuBatch, page: Page, url: string, expect: ExpectStatic = globalExpect) => {
  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response?.status();
  expect(status, status === 404 ? `page missing: ${url} answered 404` : `${url} answered ${status}`).toBe(200);
  await keepHtml(nu, url, response);
};

/**
 * WCAG 1.4.10 Reflow: at 320 CSS pixels the page itself never scrolls sideways (a wide table
 * scrolls inside its own box). The page is narrowed where it is, without reloading it.
 */
export const expectReflow = async (page: Page, url: string, expect: ExpectStatic = globalExpect) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const { documentWidth, viewport } = await page.evaluate(() => ({ documentWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(documentWidth, `width of ${url} at ${viewport} px (only a table may scroll sideways, inside its own box)`).toBeLessThanOrEqual(viewport + 1);
};

/** The Nu HTML Checker over every page a file collected: the file's last test. */
export const nuCheckTest = (nu: NuBatch) =>
  it.skipIf(skipNuChecks)(
    'the HTML of every page visited has no error for the W3C Nu HTML Checker',
    async () => {
      globalExpect(nu.size, 'pages collected for the Nu HTML Checker (run the whole file)').toBeGreaterThan(0);
      const errors = await nu.check();
      globalExpect(errors.size, formatNuErrors(errors)).toBe(0);
    },
    600_000,
  );

type PageCheck = { locale: string; path: string };

/** The window of a page taken from a pool, as the harness opens pages (reflow checks narrow it). */
const WINDOW = { width: 1280, height: 800 };

type PagePool = { use: (check: (page: Page) => Promise<void>) => Promise<void> };

/**
 * Pages reused from check to check, one per check running at once, each in a context of its own
 * with `options` (cookies) and axe-core put into every document (prepareAxe). A fresh context for
 * every page cost 0.29 s to open and its first load 0.13 s more than a load in a page already open
 * (2026-12-07, one page at a time). A page whose check failed is closed, not reused.
 */
const pagePool = (h: BrowserHarness, options: BrowserContextOptions): PagePool => {
  const idle: Page[] = [];
  const open = async () => {
    const context = await h.keptContext(options);
    await prepareAxe(context);
    return context.newPage();
  };
  return {
    use: async (check) => {
      const page = idle.pop() ?? (await open());
      try {
        await check(page);
      } catch (error) {
        await page
          .context()
          .close()
          .catch(() => undefined);
        throw error;
      }
      await page.setViewportSize(WINDOW);
      idle.push(page);
    },
  };
};

/** The pages of shard `index` (1…count): every count-th of the public pages, then of the signed-in ones, in each language. */
export const shardPages = (index: number, count = ACCESSIBILITY_SHARDS) => {
  const mine = <T>(list: T[]) => list.filter((_, i) => i % count === index - 1);
  const all = (paths: readonly string[]) => LOCALES.flatMap((locale) => paths.map((path): PageCheck => ({ locale, path })));
  return { public: mine(all(PUBLIC_PAGES)), signedIn: mine(all(SIGNED_IN_PAGES)) };
};

/** Declares the tests of one shard (in e2e/accessibility-pages-<index>.spec.ts). */
export const accessibilityShard = (index: number) =>
  describe.skipIf(skipBrowserTests)(`accessibility of the pages (shard ${index} of ${ACCESSIBILITY_SHARDS})`, () => {
    const h = useBrowserHarness();
    const nu = new NuBatch();
    const pages = shardPages(index);

    /** `<html lang dir>`, axe-core, then the same page at 320 px, in a page of `pool`. */
    const checkPage = (expect: ExpectStatic, { locale, path }: PageCheck, pool: PagePool) =>
      pool.use(async (page) => {
        const url = localePath(locale, path);
        await open(nu, page, url, expect);
        const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
        expect(html, `<html lang dir> of ${url}`).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
        const violations = await checkAccessibility(page);
        expect(violations.length, formatViolations(url, violations)).toBe(0);
        await expectReflow(page, url, expect);
      });
    const visitor = pagePool(h, {});

    describe.concurrent('public pages', () => {
      it.for(pages.public.map(({ locale, path }) => [locale, path] as const))('in %s, %s has no WCAG 2.2 AA violation and reflows at 320 px', ([locale, path], { expect }) =>
        checkPage(expect, { locale, path }, visitor),
      );
    });

    describe('signed in as the administrator', () => {
      /** Pages with the administrator's cookies, signed in once for every page. */
      let administrator: PagePool;
      let review = 0;
      beforeAll(async () => {
        review = (await entryWithImage(h.platform.database.db, { title: 'Community networks for rural clinics', alt: 'A mast above a clinic', publish: false })).id;
        const signedIn = await h.withPage({}, async (page) => {
          await signIn(page, 'en', h.platform.admin.email, h.platform.admin.password);
          return { storageState: await page.context().storageState() };
        });
        administrator = pagePool(h, signedIn);
      });

      describe.concurrent('pages', () => {
        it.for(pages.signedIn.map(({ locale, path }) => [locale, path] as const))('in %s, %s has no WCAG 2.2 AA violation and reflows at 320 px', ([locale, path], { expect }) =>
          checkPage(expect, { locale, path: path.replace('{review}', String(review)) }, administrator),
        );
      });
    });

    // Last: every page this shard opened.
    nuCheckTest(nu);
  });
