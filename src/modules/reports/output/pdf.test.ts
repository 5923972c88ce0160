import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closePrinter } from '../../../core/exports/pdf.js';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { translator } from '../../../core/i18n/translate.js';
import { PdfUnavailableError, renderReportPdf } from './pdf.js';
import { FIXTURE_PARTNER, FIXTURE_QUOTE, fixtureDocument, fixtureWords } from './test-fixture.js';

/**
 * Read back by poppler (Debian's poppler-utils, installed in CI): pdftotext gives the text in
 * logical order; shaped Arabic may come as presentation forms and with bidirectional marks, so the
 * text is normalized (NFKC) and the marks removed before comparing. One print per language, in
 * the one browser printPdf keeps open.
 */
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[ \t]+/g, ' ');
const pdfInfo = (pdf: Buffer) => execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
const normalized = (s: string) => s.normalize('NFKC');

/** One print per language, kept for the tests that read it. */
const printed = new Map<Locale, Promise<Buffer>>();
const pdfOf = (locale: Locale) => {
  if (!printed.has(locale)) printed.set(locale, renderReportPdf(fixtureDocument(locale)));
  return printed.get(locale) as Promise<Buffer>;
};

afterAll(async () => {
  await closePrinter();
});

describe('report as PDF (Chromium)', () => {
  it.each(LOCALES)(
    '%s: tagged, A4, with the text of the language, the tables and the chart’s figures',
    async (locale: Locale) => {
      const w = fixtureWords(locale);
      const pdf = await pdfOf(locale);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const info = pdfInfo(pdf);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Page size:.*\(A4\)/);
      // The first page, then a page per section.
      expect(Number(info.match(/Pages:\s+(\d+)/)?.[1])).toBeGreaterThanOrEqual(3);
      const text = pdfText(pdf);
      // Whole words and phrases (pdftotext splits lines where the page does, so compare words when a phrase may wrap).
      for (const phrase of [w.organization, 'C26/25', w.overview, w.figures, w.subheading, w.tableCaption, w.chartTitle, w.region, w.entries, w.regions[0], w.regions[1]]) {
        expect(text).toContain(normalized(phrase));
      }
      for (const word of [...w.title.split(' '), ...w.intro.split(' '), ...w.note.split(' ')].filter((s) => s.length > 3 && !/[\u064b-\u0652]/.test(s))) {
        expect(text).toContain(normalized(word.replace(/[.。:：]$/, '')));
      }
      expect(text).toContain(FIXTURE_PARTNER);
      expect(text).toContain(FIXTURE_QUOTE);
      expect(text).toContain(normalized(w.draft.split(/[:：]/)[0] ?? ''));
      // The chart's figures: in its data table (the chart itself is an image).
      expect(text).toContain(normalized(w.numbers(1234)));
      expect(text).toContain(normalized(w.numbers(87)));
      // The chart is embedded as its PNG (1200 px wide).
      const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
      try {
        writeFileSync(join(dir, 'report.pdf'), pdf);
        const images = execFileSync('pdfimages', ['-list', join(dir, 'report.pdf')], { encoding: 'utf8' })
          .split('\n')
          .slice(2)
          .filter((l) => /\bimage\b/.test(l));
        expect(images).toHaveLength(1);
        expect(images[0]).toMatch(/^\s*\d+\s+\d+\s+image\s+1200\s+\d+/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('Arabic words come back in logical order, beside the isolated Latin name', async () => {
    const text = pdfText(await pdfOf('ar'));
    // Logical order: the first word of the sentence comes first in the extracted text.
    const intro = text.indexOf('يصف هذا التقرير');
    expect(intro).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('الأنشطة', intro)).toBeGreaterThan(intro);
    const partner = text.indexOf(FIXTURE_PARTNER);
    expect(text.lastIndexOf('بالتعاون', partner)).toBeGreaterThan(partner - 40);
  }, 60_000);

  it('without Chromium: a PdfUnavailableError whose message, in six languages, names the path and how to install it', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const error = await renderReportPdf(fixtureDocument('en')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PdfUnavailableError);
      const e = error as PdfUnavailableError;
      expect(e.key).toBe('reports.output.pdf_unavailable');
      expect(e.statusCode).toBe(503);
      expect(e.values).toEqual({ path: '/nonexistent/chromium' });
      for (const locale of LOCALES) {
        const message = translator(locale)(e.key, e.values);
        expect(message).toContain('/nonexistent/chromium');
        expect(message).toContain('apt-get install chromium fonts-noto-core fonts-noto-cjk');
        expect(message).toContain('CHROMIUM_PATH');
        expect(translator(locale)(e.titleKey)).not.toBe(e.titleKey);
      }
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
