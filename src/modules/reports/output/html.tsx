/**
 * A report as HTML: `ReportBody` (the first page in UN/ITU conventions, the contents, the
 * sections and their blocks), shown by the site's pages inside the platform's layout, and
 * `renderReportHtml`, the same body as a standalone document with its own stylesheet (screen and
 * print: A4, a page per section, table headers repeated), which is also what Chromium prints to
 * PDF. Reads nothing but the document: the same document gives the same bytes.
 */
import { Table, ScrollRegion } from '../../../core/views/components.js';
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { dir as dirOf } from '../../../core/i18n/locales.js';
import type { ReportBlock, ReportCell, ReportText } from '../../../core/reports/document.js';
import type { ReportDocument, ReportSectionDocument } from '../document.js';
import { type ChartBlock, type ChartImages, ChartSvg, chartImages } from './chart.js';
import { headingLevels } from './headings.js';

export type ChartFormat = 'svg' | 'png';

/**
 * The rules of the report's body, every one under `.report`: what the site's pages need in the
 * site's stylesheet (its content security policy allows no inline style), where the platform's
 * own rules already draw tables, captions and numeric cells.
 */
export const REPORT_BODY_CSS = `
.report .report-front { margin-block-end: 2rem; }
.report .report-masthead { display: flex; justify-content: space-between; align-items: flex-start; flex-wrap: wrap; gap: 0.25rem 1rem; border-block-end: 2px solid #1b1b1b; padding-block-end: 0.5rem; }
.report .report-organization { font-weight: 700; margin: 0; }
.report .report-symbol { font-weight: 700; font-size: 1.25em; margin: 0; margin-inline-start: auto; text-align: end; min-inline-size: 0; overflow-wrap: anywhere; }
.report .report-lines { margin-block: 0.75rem 0; margin-inline-start: auto; inline-size: fit-content; }
.report .report-lines p { margin: 0; }
.report .report-draft { margin-block: 1.5rem; padding: 0.6rem 1rem; border: 3px solid #a4000f; color: #a4000f; font-weight: 700; font-size: 1.2em; text-align: center; }
.report .report-title { font-size: 1.8em; line-height: 1.25; margin-block: 2.5rem 0.75rem; }
.report .report-period { margin-block: 0 2rem; color: #3d3d3d; }
.report .report-contents h2 { font-size: 1.2em; }
.report .report-contents ol { padding-inline-start: 1.5rem; }
.report .report-contents a { display: inline-block; padding-block: 0.2rem; }
.report .report-section > h1 { font-size: 1.5em; border-block-end: 1px solid #6b6b6b; margin-block: 2.5rem 1rem; }
.report .report-section h2 { font-size: 1.25em; margin-block: 1.5rem 0.5rem; }
.report .report-section h3 { font-size: 1.1em; margin-block: 1.5rem 0.5rem; }
.report .report-section h4 { font-size: 1em; margin-block: 1.5rem 0.5rem; }
.report .note { font-size: 0.85em; color: #3d3d3d; }
.report .report-chart { margin: 1.5rem 0 0.5rem; }
.report .report-chart figcaption { font-weight: 700; margin-block-end: 0.5rem; }
.report .report-chart svg, .report .report-chart img { display: block; max-inline-size: 100%; block-size: auto; }
.report .report-chart .table-wrap svg { max-inline-size: none; }
@media print {
  .report .report-section { break-before: page; }
  .report h1, .report h2, .report h3, .report h4, .report caption, .report figcaption { break-after: avoid; }
  .report .table-wrap { overflow: visible; }
  .report thead { display: table-header-group; }
  .report tr, .report figure, .report .report-chart img, .report .report-chart svg { break-inside: avoid; }
  .report .report-chart .table-wrap svg { max-inline-size: 100%; }
  .report .report-draft { border-color: #000; color: #000; }
}
`;

/** The standalone document's stylesheet: the page (A4), fonts, tables, then the body's rules. */
export const REPORT_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm; }
html { color: #1b1b1b; background: #fff; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem; font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif; font-size: 11pt; line-height: 1.5; }
:lang(ar) { font-family: 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans', sans-serif; }
:lang(zh) { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; }
.table-wrap { max-inline-size: 100%; overflow-x: auto; margin-block: 1rem 1.5rem; }
table { inline-size: 100%; border-collapse: collapse; }
caption { text-align: start; font-weight: 700; padding-block-end: 0.4rem; }
th, td { padding: 0.3rem 0.6rem; text-align: start; vertical-align: top; border-block-end: 1px solid #c8c8c8; }
thead th { border-block-end: 2px solid #1b1b1b; }
.numeric { text-align: end; font-variant-numeric: tabular-nums; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
}
${REPORT_BODY_CSS}`;

/** Unique, readable anchors for the sections (a section's id, with -2, -3 when a template uses it twice). */
const anchors = (sections: ReportSectionDocument[]) => {
  const seen = new Map<string, number>();
  return sections.map((s) => {
    const base = s.id.replace(/[^A-Za-z0-9._-]+/g, '-') || 'section';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
};

/** Runs: bold, italic, isolated (`<bdi>`) and in their language. */
export const Text = ({ text }: { text: ReportText }) => {
  if (typeof text === 'string') return <>{text}</>;
  return (
    <>
      {text.map((run) => {
        let node: ComponentChildren = run.isolate ? (
          <bdi lang={run.lang}>{run.text}</bdi>
        ) : run.lang ? (
          <span lang={run.lang} dir={dirOf(run.lang)}>
            {run.text}
          </span>
        ) : (
          run.text
        );
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return node;
      })}
    </>
  );
};

const isNumberCell = (cell: ReportCell): cell is { text: string; value: number } => typeof cell === 'object' && !Array.isArray(cell);

const Cell = ({ cell }: { cell: ReportCell }) => (isNumberCell(cell) ? cell.text : <Text text={cell} />);

/**
 * A data table, drawn by the core's Table (caption, focusable scroll region, row headers): the
 * first cell heads its row with `rowHeader`, numeric columns are aligned to the end.
 */
const DataTable = ({ caption, columns, rows, rowHeader }: { caption: string; columns: { label: string; numeric?: boolean }[]; rows: ReportCell[][]; rowHeader?: boolean }) => (
  <Table
    caption={caption}
    columns={columns.map((c, i) => ({ header: c.label, numeric: c.numeric, rowHeader: rowHeader && i === 0, cell: (row: ReportCell[]) => <Cell cell={row[i] ?? ''} /> }))}
    rows={rows}
    empty=""
    keepEmpty
  />
);

/** A chart: the picture in a figure with its caption, then its data table. */
const Chart = ({ block, id, doc, images }: { block: ChartBlock; id: string; doc: ReportDocument; images?: ChartImages }) => {
  const png = images?.get(block);
  if (images && !png) throw new Error(`no image drawn for the chart ${id}`);
  return (
    <>
      <figure class="report-chart" id={id} aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{block.title}</figcaption>
        {png ? (
          <img src={`data:image/png;base64,${png.toString('base64')}`} alt={block.title} />
        ) : (
          // At its own size, so that its text is as large as the page's; on a narrower screen it
          // scrolls sideways in its own focusable region, as a wide table does.
          <ScrollRegion label={block.title}>
            <ChartSvg block={block} dir={doc.dir} locale={doc.locale} id={id} />
          </ScrollRegion>
        )}
      </figure>
      <DataTable
        caption={block.title}
        columns={[{ label: block.labelHeading }, { label: block.valueHeading, numeric: true }]}
        rows={block.data.map((d) => [d.label, { text: d.display, value: d.value }])}
        rowHeader
      />
    </>
  );
};

const Block = ({ block, id, doc, images, level }: { block: ReportBlock; id: string; doc: ReportDocument; images?: ChartImages; level?: 2 | 3 | 4 }) => {
  switch (block.type) {
    case 'heading': {
      const H = `h${level ?? block.level}` as 'h2' | 'h3' | 'h4';
      return (
        <H>
          <Text text={block.text} />
        </H>
      );
    }
    case 'paragraph':
      return (
        <p lang={block.lang} dir={block.lang ? dirOf(block.lang) : undefined}>
          <Text text={block.text} />
        </p>
      );
    case 'list': {
      const L = block.ordered ? 'ol' : 'ul';
      return (
        <L>
          {block.items.map((item) => (
            <li>
              <Text text={item} />
            </li>
          ))}
        </L>
      );
    }
    case 'table':
      return <DataTable caption={block.caption} columns={block.columns} rows={block.rows} rowHeader={block.rowHeader} />;
    case 'chart':
      return <Chart block={block} id={id} doc={doc} images={images} />;
    case 'note':
      return (
        <p class="note">
          <Text text={block.text} />
        </p>
      );
  }
};

/** A section: its title (level 1), then its blocks, headings at their levels without a skipped one. */
const Section = ({ section, id, doc, images }: { section: ReportSectionDocument; id: string; doc: ReportDocument; images?: ChartImages }) => {
  const levels = headingLevels(section.blocks);
  return (
    <section class="report-section" id={id} aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{section.title}</h1>
      {section.blocks.map((block, j) => (
        <Block block={block} id={`${id}-block-${j + 1}`} doc={doc} images={images} level={levels.get(j)} />
      ))}
    </section>
  );
};

/**
 * The report's body: the first page (organization and symbol, date, original language and
 * distribution, the draft mark, title, period, contents), then one `<section>` per section.
 * Charts are SVG inline (pages, HTML file), or PNG images when `images` are given (what Chromium
 * prints: `chartImages(doc)`). `symbolHref`: on the site's pages, the register's page of the
 * document of that symbol, when it exists (the files link nothing).
 */
export const ReportBody = ({ doc, images, symbolHref }: { doc: ReportDocument; charts?: 'svg'; images?: ChartImages; symbolHref?: string | null }) => {
  const { front } = doc;
  const ids = anchors(doc.sections);
  return (
    <article class="report" lang={doc.locale} dir={doc.dir}>
      <header class="report-front">
        <div class="report-masthead">
          <p class="report-organization">{front.organization}</p>
          {front.symbol && (
            <p class="report-symbol">
              {symbolHref ? (
                <a href={symbolHref} dir="ltr">
                  {front.symbol}
                </a>
              ) : (
                front.symbol
              )}
            </p>
          )}
        </div>
        <div class="report-lines">
          <p>{front.dateLine}</p>
          <p>{front.originalLine}</p>
          <p>{front.distributionLine}</p>
        </div>
        {front.draftMark && <p class="report-draft">{front.draftMark}</p>}
        <h1 class="report-title">{front.title}</h1>
        <p class="report-period">{front.periodLine}</p>
        <nav class="report-contents" aria-labelledby="report-contents">
          <h2 id="report-contents">{front.contentsHeading}</h2>
          <ol>
            {doc.sections.map((s, i) => (
              <li>
                <a href={`#${ids[i]}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {doc.sections.map((section, i) => (
        <Section section={section} id={ids[i] ?? section.id} doc={doc} images={images} />
      ))}
    </article>
  );
};

const standalone = (doc: ReportDocument, images?: ChartImages) =>
  `<!doctype html>${render(
    <html lang={doc.locale} dir={doc.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.front.symbol ? `${doc.front.symbol} · ${doc.front.title}` : doc.front.title}</title>
        <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
      </head>
      <body>
        <main>
          <ReportBody doc={doc} images={images} />
        </main>
      </body>
    </html>,
  )}\n`;

/**
 * The report as a standalone HTML document (UTF-8), its language and direction on `<html>`:
 * with its charts as inline SVG (the HTML file), or as PNG images (what Chromium prints; then a
 * promise, the images being drawn first).
 */
export function renderReportHtml(doc: ReportDocument, options?: { charts?: 'svg' }): string;
export function renderReportHtml(doc: ReportDocument, options: { charts: 'png' }): Promise<string>;
export function renderReportHtml(doc: ReportDocument, { charts = 'svg' }: { charts?: ChartFormat } = {}): string | Promise<string> {
  return charts === 'png' ? chartImages(doc).then((images) => standalone(doc, images)) : standalone(doc);
}
