import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../core/i18n/locales.js';
import { type ChartBlock, chartPng, chartSize, chartSvg, fontFamilyFor, PNG_WIDTH, wrapLabel } from './chart.js';
import { fixtureDocument } from './test-fixture.js';

const chartOf = (locale: (typeof LOCALES)[number]) => {
  const doc = fixtureDocument(locale);
  const block = doc.sections.flatMap((s) => s.blocks).find((b): b is ChartBlock => b.type === 'chart');
  if (!block) throw new Error('the fixture has a chart');
  return { doc, block };
};

/** The drawn texts of an SVG, without the embedding marks, and their x, anchor and font. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="(start|end)" font-family="([^"]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    anchor: m[2],
    font: m[3]?.replace(/&#39;|&apos;/g, "'"),
    text: (m[4] ?? '').replace(/[\u202a-\u202e]/g, ''),
  }));
const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));

describe('report charts', () => {
  it.each(LOCALES)('%s: a standalone, accessible SVG with every label whole, the value shown, and the Noto family of its script first', (locale) => {
    const { doc, block } = chartOf(locale);
    const svg = chartSvg(block, { dir: doc.dir, locale, id: 'c1' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="c1-title"/);
    expect(svg).toContain(`<title id="c1-title">${block.title}</title>`);
    const drawn = texts(svg);
    const all = drawn.map((t) => t.text).join(' ');
    for (const d of block.data) {
      // Wrapped onto lines, never cut: the words of each label are all there, and no ellipsis.
      for (const word of d.label.split(/\s+/)) expect(all).toContain(word.slice(0, 3));
      expect(drawn.some((t) => t.text === d.display)).toBe(true);
    }
    expect(all).not.toContain('…');
    const longest = block.data[2]?.label ?? '';
    expect(drawn.filter((t) => longest.replace(/\s+/g, '').includes(t.text.replace(/\s+/g, ''))).length).toBeGreaterThan(1);
    const script = locale === 'ar' ? 'Noto Sans Arabic' : locale === 'zh' ? 'Noto Sans CJK SC' : 'Noto Sans';
    expect(drawn[0]?.font?.startsWith(`'${script}'`)).toBe(true);
    for (const family of ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC']) expect(drawn[0]?.font).toContain(`'${family}'`);
    // The same chart, the same bytes.
    expect(chartSvg(block, { dir: doc.dir, locale, id: 'c1' })).toBe(svg);
  });

  it('is mirrored right to left: labels on the right, bars growing leftwards from the axis, values left of the bars, text embedded right to left', () => {
    const { doc, block } = chartOf('ar');
    const svg = chartSvg(block, { dir: 'rtl', locale: 'ar' });
    const { width } = chartSize(block);
    const [label, value] = texts(svg);
    const [bar] = rects(svg);
    expect(label?.anchor).toBe('end');
    expect(label?.x).toBeGreaterThan(width * 0.9);
    expect(bar && value && value.x < bar.x).toBe(true);
    expect(bar && label && bar.x + bar.width < label.x - 100).toBe(true);
    expect(svg).toContain('\u202bأفريقيا\u202c');
    expect(svg).toContain('direction="ltr"');
    const ltr = chartSvg(chartOf('en').block, { dir: doc.dir === 'rtl' ? 'ltr' : 'rtl', locale: 'en' });
    const [enLabel] = texts(ltr);
    expect(enLabel?.anchor).toBe('start');
    expect(enLabel?.x).toBeLessThan(20);
  });

  it('wraps long labels at spaces, Chinese between characters, and widens the column for a word longer than it', () => {
    expect(wrapLabel('Asia and the Pacific, including the small island developing States', 200).length).toBeGreaterThan(1);
    expect(wrapLabel('Asia and the Pacific, including the small island developing States', 200).join(' ')).toBe(
      'Asia and the Pacific, including the small island developing States',
    );
    expect(wrapLabel('亚太地区，包括太平洋小岛屿发展中国家', 100).join('')).toBe('亚太地区，包括太平洋小岛屿发展中国家');
    expect(wrapLabel('亚太地区，包括太平洋小岛屿发展中国家', 100).length).toBeGreaterThan(1);
    const long = 'Telecommunicationsinfrastructuredevelopmentprogramme';
    const block: ChartBlock = { type: 'chart', title: 't', labelHeading: 'l', valueHeading: 'v', data: [{ label: long, value: 1, display: '1' }] };
    const svg = chartSvg(block, { dir: 'ltr', locale: 'en' });
    expect(texts(svg).map((t) => t.text)).toContain(long);
    expect(chartSize(block).width).toBeGreaterThan(long.length * 7);
    expect(fontFamilyFor('عربي Acme')).toMatch(/^'Noto Sans Arabic'/);
  });

  it('draws no bar for zero and a chart with no data', async () => {
    const block: ChartBlock = { type: 'chart', title: 'Nothing', labelHeading: 'l', valueHeading: 'v', data: [] };
    expect(chartSvg(block, { dir: 'ltr', locale: 'en' })).toContain('<title id="chart-title">Nothing</title>');
    expect((await chartPng(block, { dir: 'ltr', locale: 'en' })).subarray(1, 4).toString()).toBe('PNG');
    const zero = rects(chartSvg(chartOf('en').block, { dir: 'ltr', locale: 'en' }))[2];
    expect(zero?.width).toBe(0);
  });

  it.each(['en', 'ar', 'zh'] as const)('%s: a PNG 1200 px wide in the SVG’s proportions, the same bytes when drawn again', async (locale) => {
    const { doc, block } = chartOf(locale);
    const png = await chartPng(block, { dir: doc.dir, locale });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString()).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const size = chartSize(block);
    expect(width).toBe(PNG_WIDTH);
    expect(Math.abs(height - (size.height * PNG_WIDTH) / size.width)).toBeLessThan(2);
    expect(height).toBeGreaterThan(150);
    expect(height).toBeLessThan(600);
    // Drawn, not blank: a PNG of a few kilobytes at least.
    expect(png.length).toBeGreaterThan(5_000);
    // Drawn again (another id makes another SVG, so nothing kept is reused): the same picture, the same bytes.
    expect(Buffer.compare(await chartPng(block, { dir: doc.dir, locale, id: 'again' }), await chartPng(block, { dir: doc.dir, locale, id: 'again2' }))).toBe(0);
  });
});
