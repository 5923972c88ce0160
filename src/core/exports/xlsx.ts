/**
 * A one-sheet Excel workbook (SpreadsheetML, .xlsx) written as a stream over fflate's streaming
 * zip: each batch of rows becomes XML, is deflated and handed to the reader before the next batch
 * is read, so memory does not grow with the number of rows (exceljs' streaming writer held the
 * sheet in its buffers until the zip caught up: see docs/ARCHITECTURE.md, "Exports").
 *
 * What it writes: text as inline strings (no shared-strings table to keep), numbers as numbers,
 * dates as date cells (UTC, in the column's number format), a bold frozen header row, the sheet
 * right to left on request (Arabic). One small styles part holds every style used.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { strToU8, Zip, ZipDeflate } from 'fflate';

/**
 * An exact decimal number (money: "1234.50"), written as the text of the cell's value so the file
 * holds the amount exactly as given (no float on our side), in its column's number format.
 */
export type SheetDecimal = { decimal: string };

export type SheetCell = string | number | Date | SheetDecimal | null | undefined;

const DECIMAL = /^-?\d+(\.\d+)?$/;

export type SheetOptions = {
  /** The sheet's name (at most 31 characters, no []:*?/\). */
  sheet: string;
  header: readonly string[];
  /** Number format of the date cells of each column (by index), e.g. `yyyy-mm-dd`. */
  dateFormats?: readonly (string | undefined)[];
  /** Number format of the decimal cells of each column (by index), e.g. `#,##0.00`. */
  decimalFormats?: readonly (string | undefined)[];
  rightToLeft?: boolean;
  creator?: string;
};

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The first number format id a workbook may define (lower ones are built in). */
const FIRST_CUSTOM_FORMAT = 164;
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as a spreadsheet day number (1900 date system). */
const EPOCH_DAY = 25_569;
/** Deflate level: 6 is zlib's default; faster levels barely shrink the time of an export. */
const LEVEL = 6;

/** Escapes XML text and drops the characters XML 1.0 cannot hold (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF). */
export const xmlText = (value: string) =>
  value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const contentTypes = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
const rootRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
const workbookRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
const workbook = (sheet: string) =>
  `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlText(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const core = (creator: string, now: Date) =>
  `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now.toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created></cp:coreProperties>`;

/** Style 0: plain; 1: bold (the header); 2…: one per date format. */
const styles = (formats: readonly string[]) =>
  `${XML_HEAD}<styleSheet xmlns="${NS}">${
    formats.length
      ? `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${xmlText(f)}"/>`).join('')}</numFmts>`
      : ''
  }<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${2 + formats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>${formats
    .map((_, i) => `<xf numFmtId="${FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
    .join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const sheetStart = (rightToLeft: boolean) =>
  `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"${rightToLeft ? ' rightToLeft="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

/** The most characters (UTF-16 units) a cell holds in Excel; a longer text is refused by it. */
export const MAX_CELL_LENGTH = 32_767;
/** A text cut to what a cell holds, ending with "…" when cut (never inside a surrogate pair). */
export const fitCell = (text: string): string => {
  if (text.length <= MAX_CELL_LENGTH) return text;
  let end = MAX_CELL_LENGTH - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
};

/** Resolves once `out` has room again (its reader took what was waiting) or is gone. */
const room = async (out: PassThrough) => {
  await turn();
  while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
};

/**
 * The workbook as a stream: the header, then the rows of each batch in order. A batch is read
 * only once the reader took what the previous one became, and no more once the reader has gone.
 */
export const xlsxSheetStream = (batches: AsyncIterable<readonly (readonly SheetCell[])[]>, options: SheetOptions): Readable => {
  const out = new PassThrough();
  const formats = [...new Set([...(options.dateFormats ?? []), ...(options.decimalFormats ?? [])].filter((f): f is string => Boolean(f)))];
  const dateStyle = (options.dateFormats ?? []).map((f) => (f ? 2 + formats.indexOf(f) : 0));
  const decimalStyle = (options.decimalFormats ?? []).map((f) => (f ? 2 + formats.indexOf(f) : 0));
  const letters: string[] = [];
  const letter = (i: number) => {
    letters[i] ??= columnName(i);
    return letters[i];
  };
  const cell = (value: SheetCell, column: number, row: number, style: number): string => {
    if (value === null || value === undefined || value === '') return '';
    const ref = `${letter(column)}${row}`;
    const s = style ? ` s="${style}"` : '';
    if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
    if (value instanceof Date) {
      const time = value.getTime();
      if (Number.isNaN(time)) return '';
      return `<c r="${ref}" s="${dateStyle[column] || 0}"><v>${time / MS_PER_DAY + EPOCH_DAY}</v></c>`;
    }
    if (typeof value === 'object') {
      if (!DECIMAL.test(value.decimal)) return '';
      const ds = decimalStyle[column] || style;
      return `<c r="${ref}"${ds ? ` s="${ds}"` : ''}><v>${value.decimal}</v></c>`;
    }
    return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${xmlText(fitCell(value))}</t></is></c>`;
  };
  const rowXml = (cells: readonly SheetCell[], row: number, style: number) => `<row r="${row}">${cells.map((v, i) => cell(v, i, row, style)).join('')}</row>`;

  const write = async () => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return out.destroy(error);
      if (!out.destroyed) out.write(chunk);
      if (final) out.end();
    });
    const small = (name: string, text: string) => {
      const file = new ZipDeflate(name, { level: LEVEL });
      zip.add(file);
      file.push(strToU8(text), true);
    };
    small('[Content_Types].xml', contentTypes);
    small('_rels/.rels', rootRels);
    small('docProps/core.xml', core(options.creator ?? 'WSIS Platform', new Date()));
    small('xl/workbook.xml', workbook(options.sheet));
    small('xl/_rels/workbook.xml.rels', workbookRels);
    small('xl/styles.xml', styles(formats));
    // The sheet last: the zip streams one entry at a time, and this one is streamed batch by batch.
    const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: LEVEL });
    zip.add(sheet);
    sheet.push(strToU8(sheetStart(options.rightToLeft ?? false) + rowXml(options.header, 1, 1)));
    let row = 1;
    for await (const batch of batches) {
      let xml = '';
      for (const cells of batch) xml += rowXml(cells, ++row, 0);
      sheet.push(strToU8(xml));
      await room(out);
      // The reader has gone: stop reading (leaving the loop ends the batches' query too).
      if (out.destroyed) return;
    }
    sheet.push(strToU8(SHEET_END), true);
    zip.end();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
};
