/**
 * A report's bar chart as a standalone SVG (inline in the HTML, and the source of the PNG in the
 * DOCX and the PDF): one row per datum with its label, its bar and its value as shown (`display`).
 * The house's colours and bar lengths (core/views/charts.tsx); unlike the page's charts, nothing is
 * cut: long labels wrap onto several lines and the columns are as wide as their text needs,
 * estimated generously from the characters (no font metrics on the server).
 *
 * The same SVG is drawn by Chromium (inline) and by librsvg (the PNG), so it leaves nothing to
 * inheritance or guesswork: `direction="ltr"` on the root (an inline chart would otherwise take an
 * Arabic page's direction and swap what `text-anchor` means), each text anchored by the edge it
 * needs (`start` = left, `end` = right), right-to-left text embedded between U+202B and U+202C
 * (RLE…PDF), and each text's font list starting with the Noto family of its script.
 */
import { render } from 'preact-render-to-string';
import type { ReportBlock } from '../../../core/reports/document.js';
import type { ReportDocument } from '../document.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { scaledLength } from '../../../core/views/charts.js';

export type ChartBlock = Extract<ReportBlock, { type: 'chart' }>;
export type ChartOptions = {
  dir: 'ltr' | 'rtl';
  locale: Locale;
  /** Prefix of the ids inside the SVG (unique in a page holding several charts). */
  id?: string;
};

// The house's colours (core/views/charts.tsx).
const FILL = '#005a9c';
const TEXT = '#1b1b1b';
const AXIS = '#6b6b6b';

const FONT_SIZE = 13;
const LINE_HEIGHT = 17;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const PAD = 8;
const GAP = 10;
const BAR_SPAN = 360;
const MIN_LABEL_WIDTH = 120;
/** Labels wider than this wrap (a single word wider than it widens the column instead). */
const MAX_LABEL_WIDTH = 300;

const LATIN = "'Noto Sans'";
const ARABIC = "'Noto Sans Arabic'";
const CJK = "'Noto Sans CJK SC'";
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** The families of a text, its script's Noto first (see above). */
export const fontFamilyFor = (text: string) => {
  const order = ARABIC_SCRIPT.test(text) ? [ARABIC, LATIN, CJK] : WIDE.test(text) ? [CJK, LATIN, ARABIC] : [LATIN, ARABIC, CJK];
  return `${order.join(', ')}, sans-serif`;
};

/** A generous width of a text in pixels: full width for CJK characters, 0.5 em for Arabic letters, 0.62 em for others. */
export const textWidth = (text: string, size = FONT_SIZE) => {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : ch === ' ' ? 0.3 : ARABIC_SCRIPT.test(ch) ? 0.5 : 0.62;
  return Math.ceil(em * size);
};

/** The pieces a line may break between: words with their trailing space, each CJK character alone. */
const pieces = (text: string) =>
  text.match(
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6][\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]*|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+\s*|\s+/gu,
  ) ?? [];

/** The lines of a label in a column `width` wide (a piece wider than the column is a line of its own). */
export const wrapLabel = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    if (line && textWidth((line + piece).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
};

const round = (n: number) => Math.round(n * 10) / 10;

/** The geometry of a chart: its width, height and each row's lines and position. */
const layout = (block: ChartBlock) => {
  const longestPiece = Math.max(0, ...block.data.flatMap((d) => pieces(d.label).map((p) => textWidth(p.trim()))));
  const longestLabel = Math.max(0, ...block.data.map((d) => textWidth(d.label)));
  const labelWidth = Math.max(MIN_LABEL_WIDTH, longestPiece, Math.min(MAX_LABEL_WIDTH, longestLabel));
  const valueWidth = Math.max(40, ...block.data.map((d) => textWidth(d.display)));
  const width = PAD + labelWidth + GAP + BAR_SPAN + 4 + valueWidth + PAD;
  let y = PAD;
  const rows = block.data.map((d) => {
    const lines = wrapLabel(d.label, labelWidth);
    const height = Math.max(ROW_HEIGHT, lines.length * LINE_HEIGHT + 10);
    const row = { datum: d, lines, top: y, height };
    y += height;
    return row;
  });
  return { width, height: Math.max(y + PAD, 2 * PAD + 4), labelWidth, rows };
};

/** A text, right to left when the report is: embedded between RLE and PDF (see above). */
const Text = ({ x, y, anchor, rtl, children }: { x: number; y: number; anchor: 'start' | 'end'; rtl: boolean; children: string }) => (
  <text x={round(x)} y={round(y)} text-anchor={anchor} font-family={fontFamilyFor(children)} font-size={FONT_SIZE} fill={TEXT}>
    {rtl ? `\u202b${children}\u202c` : children}
  </text>
);

/**
 * The chart as an SVG element: `role="img"` named by its `<title>` (the figures are in the table
 * that follows it in every format). Left to right: labels on the left, bars grow rightwards; right
 * to left: labels on the right, bars grow leftwards.
 */
export const ChartSvg = ({
  block,
  dir,
  locale,
  id = 'chart',
  fluid,
}: { block: ChartBlock /** Inline in a page: as wide as its container, its height following (a standalone SVG has its size in pixels). */; fluid?: boolean } & ChartOptions) => {
  const rtl = dir === 'rtl';
  const { width, height, labelWidth, rows } = layout(block);
  const max = Math.max(0, ...block.data.map((d) => d.value));
  const axis = rtl ? width - PAD - labelWidth - GAP : PAD + labelWidth + GAP;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="report-chart-svg"
      role="img"
      aria-labelledby={`${id}-title`}
      width={fluid ? '100%' : width}
      height={fluid ? undefined : height}
      viewBox={`0 0 ${width} ${height}`}
      lang={locale}
      direction="ltr"
      data-direction={dir}
    >
      <title id={`${id}-title`}>{block.title}</title>
      <line x1={axis} x2={axis} y1={PAD / 2} y2={height - PAD / 2} stroke={AXIS} stroke-width="1" />
      {rows.map(({ datum, lines, top, height: rowHeight }) => {
        const length = scaledLength(datum.value, max, BAR_SPAN);
        const middle = top + rowHeight / 2;
        const barX = rtl ? axis - length : axis;
        const firstBaseline = middle - ((lines.length - 1) * LINE_HEIGHT) / 2 + FONT_SIZE * 0.35;
        return (
          <g class="report-chart-row">
            {lines.map((line, i) => (
              <Text x={rtl ? width - PAD : PAD} y={firstBaseline + i * LINE_HEIGHT} anchor={rtl ? 'end' : 'start'} rtl={rtl}>
                {line}
              </Text>
            ))}
            <rect x={round(barX)} y={round(middle - BAR_HEIGHT / 2)} width={length} height={BAR_HEIGHT} fill={FILL} />
            <Text x={rtl ? barX - 4 : barX + length + 4} y={middle + FONT_SIZE * 0.35} anchor={rtl ? 'end' : 'start'} rtl={rtl}>
              {datum.display}
            </Text>
          </g>
        );
      })}
    </svg>
  );
};

/** The chart as a standalone SVG document (UTF-8 text). */
export const chartSvg = (block: ChartBlock, { dir, locale, id }: ChartOptions): string => render(<ChartSvg block={block} dir={dir} locale={locale} id={id} />);

/** The width of the PNG, in pixels: 16 cm at about 190 dpi, sharp in print. */
export const PNG_WIDTH = 1200;

/** The chart's size in CSS pixels (the PNG is PNG_WIDTH wide, in the same proportions). */
export const chartSize = (block: ChartBlock) => {
  const { width, height } = layout(block);
  return { width, height };
};

/** PNGs drawn lately, by their SVG: the DOCX and the PDF of one build draw the same charts. */
const drawn = new Map<string, Buffer>();
const KEEP = 64;

/**
 * The chart as a PNG, PNG_WIDTH wide on white, drawn by librsvg (through sharp), whose text goes
 * through Pango and fontconfig: the system's Noto fonts, a fallback per character, bidirectional
 * text. resvg (@resvg/resvg-js 2.6.2) was tried first: it laid out Chinese at about 5 ms per
 * character (the CID-keyed CFF of the 19 MB Noto CJK collection), 1 s for a chart of 20 Chinese
 * labels and 21 s for 20 such charts, against 0.9 s here; and it took Latin letters inside Arabic
 * text from whatever font had them.
 */
export const chartPng = async (block: ChartBlock, options: ChartOptions): Promise<Buffer> => {
  const svg = chartSvg(block, options);
  const kept = drawn.get(svg);
  if (kept) return kept;
  const { width } = layout(block);
  // libvips is loaded at the first chart drawn, not with the reports' pages.
  const { default: sharp } = await import('sharp');
  const png = await sharp(Buffer.from(svg), { density: (72 * PNG_WIDTH) / width })
    .flatten({ background: '#ffffff' })
    .resize({ width: PNG_WIDTH })
    .png()
    .toBuffer();
  if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value as string);
  drawn.set(svg, png);
  return png;
};

/** The PNG of each chart of a document, drawn beforehand (drawing is asynchronous, rendering is not). */
export type ChartImages = Map<ChartBlock, Buffer>;

/** Draws the PNG of every chart of `doc`. */
export const chartImages = async (doc: ReportDocument): Promise<ChartImages> => {
  const charts = doc.sections.flatMap((s) => s.blocks).filter((b): b is ChartBlock => b.type === 'chart');
  const pngs = await Promise.all(charts.map((block) => chartPng(block, { dir: doc.dir, locale: doc.locale })));
  return new Map(charts.map((block, i) => [block, pngs[i] as Buffer]));
};
