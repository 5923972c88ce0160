import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { checkAccessibility, formatViolations } from '../../../../e2e/support/axe.js';
import { launchChromium, skipBrowserTests } from '../../../../e2e/support/chromium.js';
import { formatNuErrors, NuBatch, skipNuChecks } from '../../../../e2e/support/nu.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import type { ReportDocument } from '../document.js';
import { REPORT_BODY_CSS, ReportBody, renderReportHtml } from './html.js';
import { FIXTURE_PARTNER, FIXTURE_QUOTE, fixtureDocument, fixtureWords } from './test-fixture.js';

type Tag = { name: string; close: boolean; attrs: Record<string, string>; at: number };

/**
 * The tags of the document in order, read by a small tokenizer of its own (not the renderer's):
 * enough to check the structure, given that text and attribute values are escaped.
 */
const tags = (html: string): Tag[] => {
  // Positions kept (`at` indexes the document): the stylesheet blanked, the SVG's inner tags hidden.
  const body = html
    .replace(/<style>[\s\S]*?<\/style>/, (style) => `<style>${' '.repeat(style.length - 15)}</style>`)
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/<(?!\/?svg)/g, '\u0000'));
  return [...body.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s+[a-zA-Z:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[2] ?? '',
    close: m[1] === '/',
    attrs: Object.fromEntries([...(m[3] ?? '').matchAll(/([a-zA-Z:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] ?? '', a[2] ?? ''])),
    at: m.index ?? 0,
  }));
};
const opening = (html: string | Tag[], name: string) => (typeof html === 'string' ? tags(html) : html).filter((t) => t.name === name && !t.close);
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The text inside the first element matching `re` (tags removed). */
const textOf = (html: string, re: RegExp) => decode((html.match(re)?.[1] ?? '').replace(/<[^>]+>/g, ''));

describe('report as HTML', () => {
  it.each(LOCALES)('%s: a standalone document with its language, direction, title and print stylesheet', (locale) => {
    const doc = fixtureDocument(locale);
    const w = fixtureWords(locale);
    const html = renderReportHtml(doc);
    expect(html.startsWith('<!doctype html><html')).toBe(true);
    const [root] = opening(html, 'html');
    expect(root?.attrs).toMatchObject({ lang: locale, dir: doc.dir });
    expect(textOf(html, /<title>([^<]*)<\/title>/)).toBe(`C26/25 · ${w.title}`);
    expect(opening(html, 'meta')[0]?.attrs.charset).toBe('utf-8');
    for (const rule of [
      '@media print',
      '@page',
      'size: A4',
      '.report .report-section { break-before: page; }',
      '.report thead { display: table-header-group; }',
      'break-inside: avoid',
    ])
      expect(html).toContain(rule);
    // The same document, the same bytes.
    expect(renderReportHtml(fixtureDocument(locale))).toBe(html);
  });

  it.each(LOCALES)('%s: the first page in UN order (organization, symbol, date, original, distribution, draft mark, title, period, contents)', (locale) => {
    const doc = fixtureDocument(locale);
    const w = fixtureWords(locale);
    const html = renderReportHtml(doc);
    const order = [w.organization, 'C26/25', w.date, w.original, w.distribution, w.draft, w.title, w.period, w.contents, w.overview].map((s) =>
      html.indexOf(s, html.indexOf('<body>')),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(textOf(html, /<p class="report-symbol">(.*?)<\/p>/)).toBe('C26/25');
    expect(textOf(html, /<p class="report-draft">(.*?)<\/p>/)).toBe(w.draft);
    expect(textOf(html, /<h1 class="report-title">(.*?)<\/h1>/)).toBe(w.title);
    // The contents link to the sections.
    const links = opening(html, 'a').map((a) => a.attrs.href);
    const sections = opening(html, 'section').map((s) => s.attrs.id);
    expect(links).toEqual(sections.map((id) => `#${id}`));
    expect(sections).toEqual(['narrative.overview', 'stocktaking.figures']);
    // A final report: no draft mark; no symbol yet: no symbol line.
    const final = renderReportHtml(fixtureDocument(locale, { draft: false, symbol: null }));
    expect(final).not.toContain('report-draft"');
    expect(final).not.toContain(w.draft);
    expect(final).not.toContain('report-symbol"');
    expect(textOf(final, /<title>([^<]*)<\/title>/)).toBe(w.title);
  });

  it.each(LOCALES)('%s: sections with a level-1 title, headings, lists, tables with headers and captions, and each chart followed by its data table', (locale) => {
    const doc = fixtureDocument(locale);
    const w = fixtureWords(locale);
    const html = renderReportHtml(doc);
    const all = tags(html);
    const names = all.filter((t) => !t.close).map((t) => t.name);
    // Each section opens with its h1; block headings at their level, never skipping one (the second section's level-3 heading comes first in it: an h2).
    for (const section of opening(all, 'section')) expect(all[all.indexOf(section) + 1]?.name).toBe('h1');
    expect(textOf(html, /<section[^>]*><h1[^>]*>(.*?)<\/h1>/)).toBe(w.overview);
    expect(html).toContain(`<h2>${w.subheading}</h2>`);
    expect(html).toContain(`<h2>${w.tableCaption}</h2>`);
    expect(names.filter((n) => n === 'h3')).toHaveLength(0);
    expect(names.filter((n) => n === 'ul')).toHaveLength(1);
    expect(names.filter((n) => n === 'ol')).toHaveLength(2); // contents + the ordered list
    expect(opening(html, 'li')).toHaveLength(2 + 3 + 2);
    // Tables: a caption, column headers, row headers, numbers aligned to the end.
    expect(opening(html, 'table')).toHaveLength(2);
    expect(opening(html, 'caption')).toHaveLength(2);
    expect(opening(html, 'th').filter((t) => t.attrs.scope === 'col')).toHaveLength(4);
    expect(opening(html, 'th').filter((t) => t.attrs.scope === 'row')).toHaveLength(6);
    expect(opening(html, 'td').every((t) => t.attrs.class === 'numeric')).toBe(true);
    expect(
      opening(html, 'th')
        .filter((t) => t.attrs.scope === 'col')
        .map((t) => t.attrs.class),
    ).toEqual([undefined, 'numeric', undefined, 'numeric']);
    // The chart: a figure with its caption and the SVG, then (the next element) its data table headed by the chart's headings.
    const figures = opening(all, 'figure');
    expect(figures).toHaveLength(1);
    const figure = figures[0] as Tag;
    const after = all.slice(all.indexOf(figure));
    const end = after.findIndex((t) => t.name === 'figure' && t.close);
    expect(after.slice(0, end).map((t) => t.name)).toEqual(['figure', 'figcaption', 'figcaption', 'div', 'svg', 'svg', 'div']);
    // The SVG at its own size (its text as large as the page's), in a region that scrolls on a narrow screen.
    expect(after[3]?.attrs).toMatchObject({ class: 'table-wrap', role: 'region', 'aria-label': w.chartTitle, tabindex: '0' });
    expect(after[4]?.attrs.width).toMatch(/^\d+$/);
    const next = after.slice(end + 1).filter((t) => !t.close);
    expect(next.slice(0, 3).map((t) => t.name)).toEqual(['div', 'table', 'caption']);
    expect(next[0]?.attrs).toMatchObject({ class: 'table-wrap', role: 'region', 'aria-label': w.chartTitle });
    const table = html.slice(next[1]?.at);
    expect(textOf(table, /<caption>(.*?)<\/caption>/)).toBe(w.chartTitle);
    expect(table).toContain(`<thead><tr><th scope="col">${w.region}</th><th scope="col" class="numeric">${w.entries}</th></tr></thead>`);
    expect(table).toContain(`<td class="numeric">${w.numbers(1234)}</td>`);
    expect(textOf(html, /<figcaption[^>]*>(.*?)<\/figcaption>/)).toBe(w.chartTitle);
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="(stocktaking\.figures-block-3)-title"[^>]*>.*?<title id="\1-title">/);
    expect(textOf(html, /<p class="note">(.*?)<\/p>/)).toBe(w.note);
  });

  it.each(LOCALES)('%s: runs bold, italic and isolated, a paragraph in another language marked with it', (locale) => {
    const html = renderReportHtml(fixtureDocument(locale));
    expect(html).toContain(`<strong><bdi>${FIXTURE_PARTNER}</bdi></strong>`);
    expect(html).toContain(`<em>${fixtureWords(locale).items[1]}</em>`);
    expect(html).toContain(`<p lang="en" dir="ltr">${FIXTURE_QUOTE}</p>`);
  });

  it('with charts as PNG (what Chromium prints): an image with the chart’s title as its text, still followed by the table', async () => {
    const doc = fixtureDocument('ar');
    const html = await renderReportHtml(doc, { charts: 'png' });
    const [img] = opening(html, 'img');
    expect(img?.attrs.alt).toBe(fixtureWords('ar').chartTitle);
    const png = Buffer.from((img?.attrs.src ?? '').replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(html).not.toContain('<svg');
    expect(html.indexOf('<div class="table-wrap"', html.indexOf('<img'))).toBeGreaterThan(html.indexOf('</figure>') - 1);
  });

  it('escapes everything the document holds (text, attributes, the title) and keeps ids unique when a section comes twice', () => {
    const doc = fixtureDocument('en');
    const evil = '<script>alert(1)</script>" onload="x';
    const hostile: ReportDocument = {
      ...doc,
      front: { ...doc.front, title: evil, symbol: evil },
      sections: [
        ...doc.sections,
        {
          id: 'stocktaking.figures',
          title: evil,
          blocks: [
            { type: 'paragraph', text: [{ text: evil, bold: true }] },
            { type: 'table', caption: evil, columns: [{ label: evil }], rows: [[evil]] },
            { type: 'chart', title: evil, labelHeading: evil, valueHeading: evil, data: [{ label: evil, value: 1, display: evil }] },
          ],
        },
      ],
    };
    const html = renderReportHtml(hostile);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('" onload="');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    const ids = tags(html)
      .map((t) => t.attrs.id)
      .filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(opening(html, 'section').map((s) => s.attrs.id)).toEqual(['narrative.overview', 'stocktaking.figures', 'stocktaking.figures-2']);
  });

  it('gives the site’s pages the same body as the standalone document, with rules for the site’s stylesheet all under .report', () => {
    const selectors = REPORT_BODY_CSS.replace(/@media print \{|^\s*\}\s*$/gm, '')
      .split('\n')
      .filter((line) => line.includes('{'))
      .flatMap((line) => (line.split('{')[0] ?? '').split(','))
      .map((selector) => selector.trim());
    expect(selectors.length).toBeGreaterThan(20);
    expect(selectors.filter((selector) => !selector.startsWith('.report '))).toEqual([]);
    const doc = fixtureDocument('fr');
    const body = render(h(ReportBody, { doc, charts: 'svg' }));
    expect(body.startsWith('<article class="report" lang="fr" dir="ltr">')).toBe(true);
    expect(renderReportHtml(doc)).toContain(body);
  });

  it.skipIf(skipNuChecks)(
    'passes the Nu HTML Checker in six languages, with charts as SVG and as PNG',
    async () => {
      const nu = new NuBatch();
      for (const locale of LOCALES) {
        nu.add(`${locale}.html`, renderReportHtml(fixtureDocument(locale)));
        nu.add(`${locale}-png.html`, await renderReportHtml(fixtureDocument(locale, { draft: false, symbol: null }), { charts: 'png' }));
      }
      const errors = await nu.check();
      expect(errors.size, formatNuErrors(errors)).toBe(0);
    },
    60_000,
  );

  it.skipIf(skipBrowserTests)(
    'has no accessibility violations (axe, WCAG 2.2 AA) in Arabic, Chinese and English',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
        for (const [name, html] of [
          ['ar', renderReportHtml(fixtureDocument('ar'))],
          ['zh', renderReportHtml(fixtureDocument('zh'))],
          ['en', renderReportHtml(fixtureDocument('en', { draft: false }))],
          ['ar-png', await renderReportHtml(fixtureDocument('ar'), { charts: 'png' })],
        ] as const) {
          await page.setContent(html);
          const violations = await checkAccessibility(page);
          expect(violations, formatViolations(name, violations)).toEqual([]);
        }
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe('the site stylesheet', () => {
  it("holds the report body's rules as html.tsx writes them (pages in the site's layout draw reports the same way)", async () => {
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../../../public/styles.css', import.meta.url), 'utf8');
    const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(squeeze(css)).toContain(squeeze(REPORT_BODY_CSS));
  });
});
