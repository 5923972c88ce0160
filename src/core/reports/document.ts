/**
 * The document model of the platform's reports (the UN reports of Resolution 1332): what a
 * module's report section (`contributes.reportSections`, core/contributions.ts) returns, and what
 * the reports module stores as a frozen report's snapshot and renders as HTML, DOCX and PDF.
 *
 * Blocks, not HTML: a DOCX needs real headings and real tables, a chart is an SVG in HTML and a PNG
 * in DOCX/PDF, always followed by its data table. Everything is plain JSON (no Date, no BigInt),
 * already in the report's language (numbers formatted by the section, with their raw value where a
 * chart or a test needs it), so a snapshot rendered again years later gives the same text.
 */
import type { Locale } from '../i18n/locales.js';

/** A piece of text with its marks. `isolate`: user text (a title, a name) whose direction may differ from the report's (`<bdi>` in HTML). */
export type ReportRun = { text: string; bold?: boolean; italic?: boolean; isolate?: boolean; lang?: Locale };

/** Text: a plain string or runs. */
export type ReportText = string | ReportRun[];

/** A table cell: text, or a number shown as `text` (aligned to the end) with its value. */
export type ReportCell = ReportText | { text: string; value: number };

export type ReportBlock =
  /** A heading inside a section: level 2 is the first level below the section's own title (level 1). */
  | { type: 'heading'; level: 2 | 3 | 4; text: ReportText }
  /** A paragraph; `lang` when its text is in another language than the report's (a user's text). */
  | { type: 'paragraph'; text: ReportText; lang?: Locale }
  | { type: 'list'; ordered?: boolean; items: ReportText[] }
  /**
   * A table: `columns` are the header cells; with `rowHeader` the first cell of each row heads its
   * row. Numeric columns say `numeric` (aligned to the end).
   */
  | { type: 'table'; caption: string; columns: { label: string; numeric?: boolean }[]; rows: ReportCell[][]; rowHeader?: boolean }
  /**
   * A bar chart (horizontal bars, one per datum), always followed by its data table in every format:
   * `labelHeading` and `valueHeading` head the table's two columns. `display` is the value as shown
   * (formatted in the report's language, with its unit).
   */
  | { type: 'chart'; title: string; labelHeading: string; valueHeading: string; data: { label: string; value: number; display: string }[] }
  /** A short note in smaller type (a source, "figures as of 31 December 2026"). */
  | { type: 'note'; text: ReportText };

/** What a section's `build` is given. */
export type ReportSectionArgs = {
  /** The report's period: `from` inclusive, `to` exclusive (instants, UTC). */
  from: Date;
  to: Date;
  /** The cut-off: data as it stood at this instant (records created, published or closed after it are left out). `asOf` ≤ `to`. */
  asOf: Date;
  locale: Locale;
  /** What the template chose for this section, by option name (`{ actionLines: ['C2','C5'], figures: ['region'] }`); an absent option means the section's default. */
  options: Record<string, string[]>;
};

export type ReportSectionResult = { blocks: ReportBlock[] };

/** The plain text of a piece of text (for tests, diffs and searches). */
export const reportText = (text: ReportText): string => (typeof text === 'string' ? text : text.map((r) => r.text).join(''));

/** The text of a cell. */
export const cellText = (cell: ReportCell): string => (typeof cell === 'object' && !Array.isArray(cell) ? cell.text : reportText(cell));
