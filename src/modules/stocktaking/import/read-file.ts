/**
 * Reading an import file (the export format: see exports/columns.ts) into rows of cells by column
 * name, with the problems of the file itself (unreadable, unknown or missing columns) reported the
 * same way as the problems of a row: row, column, message.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Translate } from '../../../core/i18n/translate.js';
import { COLUMNS, IMPORT_ONLY_COLUMNS } from '../exports/columns.js';

/** One problem of an import: the row (1 is the header) and column it is in, when it has one. */
export type RowError = { row: number; column: string | null; message: string };
export type ImportRow = { row: number; cells: Record<string, string> };
export type ReadFileResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: RowError[] };

/** Most rows one file may hold (the secretariat's whole database fits). */
export const MAX_IMPORT_ROWS = 100_000;

/** Columns a file must have: without them no row could be an entry. */
export const REQUIRED_COLUMNS = ['original_language', 'stakeholder_type', 'lead_country', 'scope', 'action_lines', 'status'] as const;

/** Every column an import file may have: the export's and the private contact. */
export const KNOWN_COLUMNS = new Set<string>([...COLUMNS.map((c) => c.name), ...IMPORT_ONLY_COLUMNS]);

const fileError = (message: string, row = 1, column: string | null = null): ReadFileResult => ({ ok: false, errors: [{ row, column, message }] });

const isXlsx = (data: Buffer) => data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/** The header checked: known, unique column names and the required ones present. */
const checkHeader = (header: string[], t: Translate): RowError[] => {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name === '') {
      errors.push({ row: 1, column: null, message: t('stocktaking.import.errors.empty_column', { position: index + 1 }) });
    } else if (!KNOWN_COLUMNS.has(name)) {
      errors.push({ row: 1, column: name, message: t('stocktaking.import.errors.unknown_column') });
    } else if (seen.has(name)) {
      errors.push({ row: 1, column: name, message: t('stocktaking.import.errors.duplicate_column') });
    }
    seen.add(name);
  });
  for (const name of REQUIRED_COLUMNS) if (!seen.has(name)) errors.push({ row: 1, column: name, message: t('stocktaking.import.errors.missing_column') });
  return errors;
};

/** Rows of cells by column name; `lines` is each record's first line in the file. */
const toRows = ({ records, lines, t }: { records: string[][]; lines: number[]; t: Translate }): ReadFileResult => {
  const [rawHeader, ...body] = records;
  if (!rawHeader) return fileError(t('stocktaking.import.errors.empty_file'));
  const header = rawHeader.map((h) => h.trim().toLowerCase());
  const headerErrors = checkHeader(header, t);
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  if (body.length > MAX_IMPORT_ROWS) return fileError(t('stocktaking.import.errors.too_many_rows', { max: MAX_IMPORT_ROWS }));
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  body.forEach((record, index) => {
    const row = lines[index + 1] ?? index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    if (record.length > header.length && record.slice(header.length).some((cell) => cell.trim() !== '')) {
      errors.push({ row, column: null, message: t('stocktaking.import.errors.extra_cells', { count: header.length }) });
      return;
    }
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      // Unicode NFC, as every text the platform receives (see core/http/body-parsers.ts).
      cells[name] = (record[i] ?? '').normalize('NFC');
    });
    rows.push({ row, cells });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rows };
};

const readCsv = (data: Buffer, t: Translate): ReadFileResult => {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return fileError(t('stocktaking.import.errors.not_utf8'));
  }
  const lines: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        lines.push(context.lines);
        return record;
      },
    }) as string[][];
    // csv-parse counts the line a record ends on; a record starts after the previous one.
    const starts = lines.map((_, i) => (i === 0 ? 1 : (lines[i - 1] ?? 0) + 1));
    return toRows({ records, lines: starts, t });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fileError(t('stocktaking.import.errors.malformed_csv'), typeof line === 'number' ? line : 1);
  }
};

/** A cell's value as text: dates as YYYY-MM-DD (or ISO 8601 with a time), formulas by their result. */
const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
};

const readXlsx = async (data: Buffer, t: Translate): Promise<ReadFileResult> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return fileError(t('stocktaking.import.errors.malformed_xlsx'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileError(t('stocktaking.import.errors.empty_file'));
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) return fileError(t('stocktaking.import.errors.too_many_rows', { max: MAX_IMPORT_ROWS }));
  const records: string[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    records.push(values);
    lines.push(number);
  });
  return toRows({ records, lines, t });
};

/** Reads a CSV (UTF-8) or Excel (.xlsx) file; the format is told by its content, not its name. */
export const readEntryFile = async ({ data, t }: { data: Buffer; t: Translate }): Promise<ReadFileResult> => {
  if (data.length === 0) return fileError(t('stocktaking.import.errors.empty_file'));
  return isXlsx(data) ? readXlsx(data, t) : readCsv(data, t);
};
