/**
 * PDF printing with Chromium (playwright-core drives the system's browser; nothing is downloaded).
 * Chromium shapes Arabic, orders right-to-left text and finds CJK glyphs in the system fonts
 * (fonts-noto-core, fonts-noto-cjk), which PDF libraries do only partly. One print at a time:
 * a browser is launched per document and closed after, so nothing stays in memory between them.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's package puts it here; CHROMIUM_PATH may point elsewhere. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const canPrintPdf = () => existsSync(chromiumPath());

// No network, no GPU, no first-run work: the page is self-contained.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** Prints waiting beyond this are refused (the caller answers 503): about 2.5 s each for a whole edition. */
export const MAX_WAITING_PRINTS = 4;
export const printQueueIsFull = () => waiting >= MAX_WAITING_PRINTS;

/** Prints a self-contained HTML document to an A4 PDF (requests to any URL are blocked). */
export const printPdf = async (html: string): Promise<Buffer> => {
  waiting++;
  const job = queue.then(async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true });
    } finally {
      await browser.close();
    }
  });
  job.then(
    () => waiting--,
    () => waiting--,
  );
  queue = job.catch(() => undefined);
  return job;
};
