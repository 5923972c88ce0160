/**
 * A report as a Word document (npm `docx`): the first page in UN/ITU conventions, section titles
 * as Heading 1 and the blocks' headings as Heading 2–4 (Word's own styles, so the navigation pane
 * lists them), tables as Word tables whose header row repeats on every page, charts as PNG images
 * each followed by its data table. The language is given in the three slots Word has (Latin, East
 * Asian, complex script); Arabic paragraphs are right to left (`w:bidi`) with right-to-left runs (`w:rtl`) in
 * Noto Naskh Arabic, Chinese text in Noto Sans CJK SC (both fonts and the report's language are
 * the document's defaults; a run names only a language of its own).
 *
 * Reads nothing but the document. The same document gives the same bytes: the package's dates
 * (`dcterms:created`, the zip entries' times), which the library sets to the time of writing,
 * are fixed (see `FIXED_TIME`); image names are hashes of the images.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCX_FONTS as FONTS, DOCX_LANGUAGE_TAGS as TAGS } from '../../../core/exports/docx.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { ReportBlock, ReportCell, ReportRun, ReportText } from '../../../core/reports/document.js';
import type { ReportDocument } from '../document.js';
import { type ChartBlock, type ChartImages, chartImages, chartSize } from './chart.js';
import { headingLevels } from './headings.js';

/** Which slot's font Word uses for characters several scripts share (quotes, punctuation). */
const HINTS: Partial<Record<Locale, string>> = { ar: 'cs', zh: 'eastAsia' };
/** The language of a run in Word's three slots: Latin text, East Asian text, complex-script text. */
const languageOf = (locale: Locale) => ({ value: TAGS[locale], eastAsia: TAGS.zh, bidirectional: TAGS.ar });
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u4e00-\u9fff]/u;

/** The time written into the package: the zip entries' times and the document's created/modified dates. */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

/** Text width of an A4 page with 20 mm margins, in pixels at 96 dpi (what ImageRun's sizes are in). */
const TEXT_WIDTH_PX = 642;
const ORDERED = 'report-ordered';

type HeadingValue = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** What one document's writing counts: its ordered lists (each numbered from 1) and its images (their drawing ids, given so they do not come from the library's process-wide counter). */
type Context = { doc: ReportDocument; rtl: boolean; lists: number; images: number; pngs: ChartImages };

/**
 * The language of a run: its own, else the paragraph's, else the report's; an isolated run with
 * no language keeps the report's unless its letters are of the other direction (a Latin name in
 * Arabic text is a left-to-right run).
 */
const runIsRtl = (ctx: Context, run: ReportRun, paragraphLang?: Locale) => {
  const lang = run.lang ?? paragraphLang ?? ctx.doc.locale;
  if (run.lang || paragraphLang) return lang === 'ar';
  if (run.isolate) return ARABIC_LETTER.test(run.text) || !STRONG_LTR.test(run.text) ? ctx.rtl : false;
  return ctx.rtl;
};

/** The run: its marks and direction; its fonts and language are the document's defaults unless its language differs. */
const textRun = (ctx: Context, run: ReportRun, paragraphLang?: Locale) => {
  const lang = run.lang ?? paragraphLang ?? ctx.doc.locale;
  const rtl = runIsRtl(ctx, run, paragraphLang);
  return new TextRun({
    text: run.text,
    bold: run.bold,
    italics: run.italic,
    // Said in an Arabic document only (a Latin run there is explicitly left to right).
    rightToLeft: rtl || (ctx.rtl ? false : undefined),
    language: lang === ctx.doc.locale ? undefined : languageOf(lang),
  });
};

const runs = (ctx: Context, text: ReportText, paragraphLang?: Locale) => (typeof text === 'string' ? [{ text }] : text).map((run) => textRun(ctx, run, paragraphLang));

/** A paragraph in the report's direction (or its own language's). */
const paragraph = (
  ctx: Context,
  children: ParagraphChild[],
  options: {
    heading?: HeadingValue;
    lang?: Locale;
    style?: string;
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    pageBreakBefore?: boolean;
    keepNext?: boolean;
    bullet?: boolean;
    ordered?: number;
    spacingAfter?: number;
  } = {},
) =>
  new Paragraph({
    children,
    heading: options.heading,
    style: options.style,
    // Said only when true, and the alignment only when not the default (start): a table of 2,000 rows has 10,000 paragraphs.
    bidirectional: (options.lang ? options.lang === 'ar' : ctx.rtl) || undefined,
    alignment: options.alignment === AlignmentType.START ? undefined : options.alignment,
    pageBreakBefore: options.pageBreakBefore,
    keepNext: options.keepNext,
    bullet: options.bullet ? { level: 0 } : undefined,
    numbering: options.ordered !== undefined ? { reference: ORDERED, level: 0, instance: options.ordered } : undefined,
    spacing: options.spacingAfter !== undefined ? { after: options.spacingAfter } : undefined,
  });

const isNumberCell = (cell: ReportCell): cell is { text: string; value: number } => typeof cell === 'object' && !Array.isArray(cell);

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
const headerBorder = { style: BorderStyle.SINGLE, size: 12, color: '1B1B1B' };

/** A caption paragraph (Word's "Caption" style, kept with what follows), then a Word table whose first row repeats on each page. */
const table = (
  ctx: Context,
  { caption, columns, rows, rowHeader }: { caption: string; columns: { label: string; numeric?: boolean }[]; rows: ReportCell[][]; rowHeader?: boolean },
) => {
  // `header`: bold (the header row and a row's header cell); the heavy rule under the header row only.
  const cell = (content: ReportCell, { numeric, header, headerRow = false }: { numeric: boolean; header: boolean; headerRow?: boolean }) => {
    const text: ReportText = isNumberCell(content) ? content.text : content;
    const children = (typeof text === 'string' ? [{ text }] : text).map((r) => textRun(ctx, header ? { ...r, bold: true } : r));
    return new TableCell({
      children: [paragraph(ctx, children, { alignment: numeric ? AlignmentType.END : AlignmentType.START, spacingAfter: 0 })],
      borders: headerRow ? { bottom: headerBorder } : undefined,
    });
  };
  return [
    paragraph(ctx, runs(ctx, caption), { style: 'Caption', keepNext: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      // Once for the table (each cell's own borders made a table of 4,000 rows take 2 s more to write).
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder },
      visuallyRightToLeft: ctx.rtl || undefined,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell(c.label, { numeric: Boolean(c.numeric), header: true, headerRow: true })) }),
        ...rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map((c, i) => cell(c, { numeric: Boolean(columns[i]?.numeric) || isNumberCell(c), header: Boolean(rowHeader) && i === 0 })),
            }),
        ),
      ],
    }),
    paragraph(ctx, [], { spacingAfter: 120 }),
  ];
};

/** A chart: its title, the PNG (the page's text width), then its data table. */
const chart = (ctx: Context, block: ChartBlock) => {
  const size = chartSize(block);
  const width = Math.min(TEXT_WIDTH_PX, size.width);
  const height = Math.round((size.height * width) / size.width);
  const png = ctx.pngs.get(block);
  if (!png) throw new Error(`no image drawn for the chart "${block.title}"`);
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width, height },
    altText: { id: String(++ctx.images), name: block.title, title: block.title, description: block.title },
  });
  return [
    paragraph(ctx, runs(ctx, block.title), { style: 'Caption', keepNext: true }),
    paragraph(ctx, [image], { keepNext: true }),
    ...table(ctx, {
      caption: block.title,
      columns: [{ label: block.labelHeading }, { label: block.valueHeading, numeric: true }],
      rows: block.data.map((d) => [d.label, { text: d.display, value: d.value }]),
      rowHeader: true,
    }),
  ];
};

const HEADINGS: Record<2 | 3 | 4, HeadingValue> = { 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 };

const block = (ctx: Context, b: ReportBlock, level?: 2 | 3 | 4): (Paragraph | Table)[] => {
  switch (b.type) {
    case 'heading':
      return [paragraph(ctx, runs(ctx, b.text), { heading: HEADINGS[level ?? b.level], keepNext: true })];
    case 'paragraph':
      return [paragraph(ctx, runs(ctx, b.text, b.lang), { lang: b.lang })];
    case 'list': {
      const instance = b.ordered ? ++ctx.lists : undefined;
      return b.items.map((item) => paragraph(ctx, runs(ctx, item), b.ordered ? { ordered: instance } : { bullet: true }));
    }
    case 'table':
      return table(ctx, b);
    case 'chart':
      return chart(ctx, b);
    case 'note':
      return [paragraph(ctx, runs(ctx, b.text), { style: 'ReportNote' })];
  }
};

/** The first page: organization and symbol, date, original and distribution lines, the draft mark, the title, the period and the contents. */
const frontPage = (ctx: Context) => {
  const { front } = ctx.doc;
  const line = (text: string, options: Parameters<typeof paragraph>[2] = {}) => paragraph(ctx, runs(ctx, text), options);
  const end = AlignmentType.END;
  return [
    line(front.organization, { style: 'ReportOrganization' }),
    ...(front.symbol ? [paragraph(ctx, runs(ctx, [{ text: front.symbol, bold: true }]), { alignment: end, style: 'ReportSymbol' })] : []),
    line(front.dateLine, { alignment: end, spacingAfter: 0 }),
    line(front.originalLine, { alignment: end, spacingAfter: 0 }),
    line(front.distributionLine, { alignment: end, spacingAfter: 240 }),
    ...(front.draftMark ? [line(front.draftMark, { style: 'ReportDraft', alignment: AlignmentType.CENTER })] : []),
    line(front.title, { heading: HeadingLevel.TITLE }),
    line(front.periodLine, { spacingAfter: 480 }),
    paragraph(ctx, runs(ctx, [{ text: front.contentsHeading, bold: true }]), { keepNext: true }),
    ...ctx.doc.sections.map((s) => line(s.title, { ordered: 0 })),
  ];
};

/** docProps/core.xml with the title, the language and the fixed dates. */
const coreProperties = (doc: ReportDocument) => {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const date = FIXED_TIME.toISOString().replace('.000Z', 'Z');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(doc.front.symbol ? `${doc.front.symbol} · ${doc.front.title}` : doc.front.title)}</dc:title><dc:creator>${xml(doc.front.organization)}</dc:creator><dc:language>${TAGS[doc.locale]}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`;
};

/**
 * The zip with every entry dated FIXED_TIME (the library dates them with the time of writing):
 * the DOS date and time of each central and local header patched in place, nothing recompressed.
 */
const withFixedTimes = (zip: Buffer) => {
  const out = Buffer.from(zip);
  const date = ((FIXED_TIME.getUTCFullYear() - 1980) << 9) | ((FIXED_TIME.getUTCMonth() + 1) << 5) | FIXED_TIME.getUTCDate();
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('unexpected zip layout');
    out.writeUInt16LE(0, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
};

/** The report as a DOCX file. */
export const renderReportDocx = async (doc: ReportDocument): Promise<Buffer> => {
  const ctx: Context = { doc, rtl: doc.dir === 'rtl', lists: 0, images: 0, pngs: await chartImages(doc) };
  const children: (Paragraph | Table)[] = frontPage(ctx);
  for (const section of doc.sections) {
    children.push(paragraph(ctx, runs(ctx, section.title), { heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true }));
    const levels = headingLevels(section.blocks);
    section.blocks.forEach((b, i) => {
      children.push(...block(ctx, b, levels.get(i)));
    });
  }
  const language = languageOf(doc.locale);
  const font = { ...FONTS, hint: HINTS[doc.locale] };
  const document = new Document({
    title: doc.front.title,
    creator: doc.front.organization,
    styles: {
      default: {
        document: { run: { font, language, size: 22 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font, size: 40, bold: true } },
        heading1: { run: { font, size: 32, bold: true }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { font, size: 28, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading4: { run: { font, size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
      paragraphStyles: [
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: 20 }, paragraph: { spacing: { before: 120, after: 60 } } },
        { id: 'ReportNote', name: 'Report Note', basedOn: 'Normal', run: { size: 18, color: '3D3D3D' } },
        { id: 'ReportOrganization', name: 'Report Organization', basedOn: 'Normal', run: { bold: true } },
        { id: 'ReportSymbol', name: 'Report Symbol', basedOn: 'Normal', run: { bold: true, size: 28 }, paragraph: { spacing: { after: 60 } } },
        {
          id: 'ReportDraft',
          name: 'Report Draft Mark',
          basedOn: 'Normal',
          run: { bold: true, size: 28, color: 'A4000F' },
          paragraph: {
            spacing: { before: 240, after: 240 },
            border: {
              top: { style: BorderStyle.SINGLE, size: 18, color: 'A4000F', space: 4 },
              bottom: { style: BorderStyle.SINGLE, size: 18, color: 'A4000F', space: 4 },
              left: { style: BorderStyle.SINGLE, size: 18, color: 'A4000F', space: 4 },
              right: { style: BorderStyle.SINGLE, size: 18, color: 'A4000F', space: 4 },
            },
          },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { start: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1247, left: 1020, right: 1020 } } },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(doc) }]);
  return withFixedTimes(packed);
};
