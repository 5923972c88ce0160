/**
 * PDF printing with Chromium, shared by the prizes' success stories and the reports (playwright-core drives the system's browser; nothing is downloaded).
 * Chromium shapes Arabic, orders right-to-left text and finds CJK glyphs in the system fonts
 * (fonts-noto-core, fonts-noto-cjk), which PDF libraries do only partly. One print at a time. The
 * browser stays open for a minute after a print (launching and closing it took 3–4 s of each
 * print), then is closed, so nothing stays in memory between editions' downloads.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium-args.js';

/** Debian's package puts it here; CHROMIUM_PATH may point elsewhere. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const canPrintPdf = () => existsSync(chromiumPath());

/** The print options, part of what a cached PDF depends on (with the HTML). */
export const PRINT_OPTIONS = { format: 'A4', printBackground: true, tagged: true, outline: true } as const;

/** How long the browser is kept after its last print. */
const IDLE_MS = 60_000;

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** Prints waiting beyond this are refused (the caller answers 503): a few seconds each for a whole edition. */
export const MAX_WAITING_PRINTS = 4;
export const printQueueIsFull = () => waiting >= MAX_WAITING_PRINTS;

let browser: Promise<Browser> | null = null;
let idle: NodeJS.Timeout | null = null;

/** Closes the kept browser, if any (after a minute without prints, and when the server stops). */
export const closePrinter = async () => {
  if (idle) clearTimeout(idle);
  idle = null;
  const open = browser;
  browser = null;
  if (open) await open.then((b) => b.close()).catch(() => undefined);
};

const openBrowser = () => {
  if (!browser) {
    // playwright-core is loaded at the first print, not with the server: its source took 13 MB of
    // the heap of every process, most of which never print.
    const launching = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }));
    browser = launching;
    launching.then(
      (b) =>
        b.on('disconnected', () => {
          if (browser === launching) browser = null;
        }),
      () => {
        if (browser === launching) browser = null;
      },
    );
  }
  return browser;
};

/** Prints a self-contained HTML document to an A4 PDF (requests to any URL are blocked). */
export const printPdf = async (html: string): Promise<Buffer> => {
  waiting++;
  const job = queue.then(async () => {
    if (idle) clearTimeout(idle);
    idle = null;
    const context = await (await openBrowser()).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf(PRINT_OPTIONS);
    } catch (error) {
      // A browser in a bad state is not reused.
      await closePrinter();
      throw error;
    } finally {
      await context.close().catch(() => undefined);
      idle = setTimeout(() => void closePrinter(), IDLE_MS);
      idle.unref();
    }
  });
  job.then(
    () => waiting--,
    () => waiting--,
  );
  queue = job.catch(() => undefined);
  return job;
};
