import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import { renderReportDocx } from './docx.js';
import { FIXTURE_PARTNER, FIXTURE_QUOTE, fixtureDocument, fixtureWords } from './test-fixture.js';

/**
 * An independent reader: python-docx (Debian's python3-docx, installed in CI) opens each file and
 * says what Word would find: the body in order (paragraphs with their style, direction and runs;
 * tables; images), the tables' cells and header rows, the package's properties.
 */
const READER = `
import json, sys, docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn
def on(el, tag):
    if el is None: return None
    found = el.find(qn(tag))
    if found is None: return None
    return found.get(qn('w:val')) not in ('false', '0', 'off')
out = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    body = []
    for el in d.element.body.iterchildren():
        if el.tag == qn('w:p'):
            p = Paragraph(el, d)
            runs = []
            for r in el.iter(qn('w:r')):
                rpr = r.find(qn('w:rPr'))
                fonts = rpr.find(qn('w:rFonts')) if rpr is not None else None
                lang = rpr.find(qn('w:lang')) if rpr is not None else None
                runs.append({
                    'text': ''.join(t.text or '' for t in r.iter(qn('w:t'))),
                    'rtl': on(rpr, 'w:rtl'),
                    'bold': on(rpr, 'w:b'),
                    'fonts': {k: fonts.get(qn('w:' + k)) for k in ('ascii', 'hAnsi', 'cs', 'eastAsia', 'hint')} if fonts is not None else None,
                    'lang': {k: lang.get(qn('w:' + k)) for k in ('val', 'eastAsia', 'bidi')} if lang is not None else None,
                    'image': len(r.findall('.//' + qn('w:drawing'))) > 0,
                })
            body.append({'kind': 'p', 'style': p.style.name, 'text': p.text, 'bidi': bool(on(el.find(qn('w:pPr')), 'w:bidi')), 'pageBreakBefore': bool(on(el.find(qn('w:pPr')), 'w:pageBreakBefore')), 'runs': runs})
        elif el.tag == qn('w:tbl'):
            t = Table(el, d)
            first = el.find(qn('w:tr'))
            trpr = first.find(qn('w:trPr')) if first is not None else None
            body.append({'kind': 'table', 'rows': [[c.text for c in row.cells] for row in t.rows], 'headerRepeats': bool(on(trpr, 'w:tblHeader')), 'rtl': bool(on(el.find(qn('w:tblPr')), 'w:bidiVisual'))})
    rpr = d.styles.element.find(qn('w:docDefaults')).find(qn('w:rPrDefault')).find(qn('w:rPr'))
    fonts = rpr.find(qn('w:rFonts'))
    lang = rpr.find(qn('w:lang'))
    defaults = {'fonts': {k: fonts.get(qn('w:' + k)) for k in ('ascii', 'hAnsi', 'cs', 'eastAsia', 'hint')}, 'lang': {k: lang.get(qn('w:' + k)) for k in ('val', 'eastAsia', 'bidi')}}
    cp = d.core_properties
    out[path] = {'defaults': defaults, 'body': body, 'title': cp.title, 'language': cp.language, 'images': len(d.inline_shapes), 'created': cp.created.isoformat() if cp.created else None}
print(json.dumps(out))
`;

type Run = { text: string; rtl: boolean | null; bold: boolean | null; fonts: Record<string, string | null> | null; lang: Record<string, string | null> | null; image: boolean };
type Item =
  | { kind: 'p'; style: string; text: string; bidi: boolean; pageBreakBefore: boolean; runs: Run[] }
  | { kind: 'table'; rows: string[][]; headerRepeats: boolean; rtl: boolean };
type Read = {
  defaults: { fonts: Record<string, string | null>; lang: Record<string, string | null> };
  body: Item[];
  title: string;
  language: string;
  images: number;
  created: string | null;
};

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
let dir: string;
const files = {} as Record<Locale, Buffer>;
const read = {} as Record<Locale, Read>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-docx-'));
  const paths: string[] = [];
  for (const locale of LOCALES) {
    files[locale] = await renderReportDocx(fixtureDocument(locale));
    const path = join(dir, `${locale}.docx`);
    writeFileSync(path, files[locale]);
    paths.push(path);
  }
  const all = JSON.parse(execFileSync(python, ['-c', READER, ...paths], { encoding: 'utf8' })) as Record<string, Read>;
  LOCALES.forEach((locale, i) => {
    read[locale] = all[paths[i] ?? ''] as Read;
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const paragraphs = (locale: Locale) => read[locale].body.filter((i): i is Extract<Item, { kind: 'p' }> => i.kind === 'p');
const tables = (locale: Locale) => read[locale].body.filter((i): i is Extract<Item, { kind: 'table' }> => i.kind === 'table');

describe('report as DOCX, read back by python-docx', () => {
  it.each(LOCALES)('%s: the first page in UN order, then section titles as Heading 1 on a new page and block headings as Heading 2 and 3', (locale) => {
    const w = fixtureWords(locale);
    const ps = paragraphs(locale);
    const texts = ps.map((p) => p.text);
    const order = [w.organization, 'C26/25', w.date, w.original, w.distribution, w.draft, w.title, w.period, w.contents].map((s) => texts.indexOf(s));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ps.find((p) => p.text === w.title)?.style).toBe('Title');
    // The contents: the sections' titles.
    expect(texts.slice(9, 11)).toEqual([w.overview, w.figures]);
    const headings = ps.filter((p) => p.style.startsWith('Heading')).map((p) => [p.style, p.text, p.pageBreakBefore]);
    expect(headings).toEqual([
      ['Heading 1', w.overview, true],
      ['Heading 2', w.subheading, false],
      ['Heading 1', w.figures, true],
      // Level 3 in the document, first heading of its section: level 2 (no skipped level in the navigation pane).
      ['Heading 2', w.tableCaption, false],
    ]);
    expect(texts).toContain(w.intro);
    expect(texts).toContain(`${w.partner[0]}${FIXTURE_PARTNER}${w.partner[1]}`);
    expect(texts).toContain(FIXTURE_QUOTE);
    expect(texts).toContain(w.note);
    for (const item of w.items) expect(ps.filter((p) => p.text === item).every((p) => p.style === 'List Paragraph')).toBe(true);
    expect(read[locale].title).toBe(`C26/25 · ${w.title}`);
    expect(read[locale].language).toBe({ ar: 'ar-SA', en: 'en-GB', es: 'es-ES', fr: 'fr-FR', ru: 'ru-RU', zh: 'zh-CN' }[locale]);
  });

  it.each(LOCALES)('%s: tables as Word tables with a repeating header row, the chart as an image between its caption and its data table', (locale) => {
    const w = fixtureWords(locale);
    const ts = tables(locale);
    expect(ts).toHaveLength(2);
    const expected = [[w.region, w.entries], ...w.regions.map((r, i) => [r, w.numbers([1234, 87, 0][i] ?? 0)])];
    for (const t of ts) {
      expect(t.rows).toEqual(expected);
      expect(t.headerRepeats).toBe(true);
      expect(t.rtl).toBe(locale === 'ar');
    }
    expect(read[locale].images).toBe(1);
    const body = read[locale].body;
    const image = body.findIndex((i) => i.kind === 'p' && i.runs.some((r) => r.image));
    expect(body[image - 1]).toMatchObject({ kind: 'p', style: 'Caption', text: w.chartTitle });
    expect(body[image + 1]).toMatchObject({ kind: 'p', style: 'Caption', text: w.chartTitle });
    expect(body[image + 2]).toMatchObject({ kind: 'table', rows: expected });
    // The first table's caption precedes it.
    const first = body.findIndex((i) => i.kind === 'table');
    expect(body[first - 1]).toMatchObject({ kind: 'p', style: 'Caption', text: w.tableCaption });
  });

  it('Arabic: paragraphs right to left, runs right to left in Noto Naskh Arabic (the complex-script font), the Latin name and the English quotation left to right', () => {
    // Fonts and language are the document's defaults (docDefaults); a run says only its direction and a language of its own.
    expect(read.ar.defaults).toEqual({
      fonts: { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Naskh Arabic', eastAsia: 'Noto Sans CJK SC', hint: 'cs' },
      lang: { val: 'ar-SA', eastAsia: 'zh-CN', bidi: 'ar-SA' },
    });
    const ps = paragraphs('ar').filter((p) => p.text);
    const arabic = ps.filter((p) => /[\u0600-\u06ff]/.test(p.text));
    expect(arabic.length).toBeGreaterThan(15);
    expect(arabic.every((p) => p.bidi)).toBe(true);
    const runs = arabic.flatMap((p) => p.runs).filter((r) => /[\u0600-\u06ff]/.test(r.text));
    expect(runs.length).toBeGreaterThan(15);
    expect(runs.every((r) => r.rtl === true && r.fonts === null && r.lang === null)).toBe(true);
    const partner = arabic.flatMap((p) => p.runs).find((r) => r.text === FIXTURE_PARTNER);
    expect(partner).toMatchObject({ rtl: false, bold: true });
    const quote = ps.find((p) => p.text === FIXTURE_QUOTE);
    expect(quote?.bidi).toBe(false);
    expect(quote?.runs[0]).toMatchObject({ rtl: false, lang: { val: 'en-GB' } });
    // Table cells too.
    expect(tables('ar')[0]?.rows[1]?.[0]).toBe('أفريقيا');
  });

  it('Chinese: Noto Sans CJK SC as the East Asian font and Chinese as the East Asian language; other languages left to right in Noto Sans', () => {
    expect(read.zh.defaults).toEqual({
      fonts: { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Naskh Arabic', eastAsia: 'Noto Sans CJK SC', hint: 'eastAsia' },
      lang: { val: 'zh-CN', eastAsia: 'zh-CN', bidi: 'ar-SA' },
    });
    const runs = paragraphs('zh')
      .flatMap((p) => p.runs)
      .filter((r) => /\p{Script=Han}/u.test(r.text));
    expect(runs.length).toBeGreaterThan(15);
    expect(runs.every((r) => r.fonts === null && r.lang === null && r.rtl !== true)).toBe(true);
    for (const locale of ['en', 'es', 'fr', 'ru'] as const) {
      expect(read[locale].defaults.fonts).toMatchObject({ ascii: 'Noto Sans', hAnsi: 'Noto Sans' });
      expect(read[locale].defaults.lang.val).toBe({ en: 'en-GB', es: 'es-ES', fr: 'fr-FR', ru: 'ru-RU' }[locale]);
      const ps = paragraphs(locale);
      expect(ps.some((p) => p.bidi)).toBe(false);
      expect(ps.flatMap((p) => p.runs).some((r) => r.rtl)).toBe(false);
    }
  });

  it('a final report has no draft mark; the same document gives the same bytes', async () => {
    const final = await renderReportDocx(fixtureDocument('fr', { draft: false }));
    const again = await renderReportDocx(fixtureDocument('fr', { draft: false }));
    expect(Buffer.compare(final, again)).toBe(0);
    expect(Buffer.compare(await renderReportDocx(fixtureDocument('ar')), files.ar)).toBe(0);
    expect(Buffer.compare(final, files.fr)).not.toBe(0);
    const path = join(dir, 'final.docx');
    writeFileSync(path, final);
    const finalRead = (JSON.parse(execFileSync(python, ['-c', READER, path], { encoding: 'utf8' })) as Record<string, Read>)[path];
    expect(finalRead?.body.some((i) => i.kind === 'p' && i.text === fixtureWords('fr').draft)).toBe(false);
    expect(finalRead?.created).toBe('2000-01-01T00:00:00');
  });
});
