/**
 * CSV as every export of the platform writes it (RFC 4180, CRLF line ends), one field writer for
 * all: a text cell a spreadsheet would run as a formula (= + - @, tab or carriage return first)
 * gets a leading apostrophe; a field holding a comma, a quote, a line break or edge spaces is quoted.
 * Written by hand rather than with csv-stringify, which took five times as long (1.3 s against
 * 0.25 s for 20,000 Stocktaking entries).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SheetCell } from './xlsx.js';

/** Excel reads a UTF-8 CSV as UTF-8 only with this mark first (Arabic, Chinese and Russian text). */
export const CSV_BOM = '\uFEFF';

/** A spreadsheet runs a text cell starting with one of these as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * The characters of `\s` (ECMAScript's white space and line terminators), by code point: the
 * database's writer (csvFieldSql) tests a field's edges against this list, so that both writers
 * quote the same fields (csv.test.ts checks the list against `\s` over the whole BMP).
 */
export const SPACE_CODE_POINTS = [9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279];
/** The first characters FORMULA_START matches, by code point (= + - @, tab, carriage return). */
const FORMULA_CODE_POINTS = [61, 43, 45, 64, 9, 13];
const QUOTES = /"/g;

/** One field: empty for nothing, numbers as they are, a day or an instant in ISO 8601, an exact decimal as written, text neutralized and quoted when needed. */
export const csvField = (value: SheetCell): string => {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') return value.decimal;
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
};

/** One record, CRLF-terminated. */
export const csvLine = (cells: readonly SheetCell[]) => `${cells.map(csvField).join(',')}\r\n`;

const spaces = sql.raw(SPACE_CODE_POINTS.join(', '));
const formulas = sql.raw(FORMULA_CODE_POINTS.join(', '));

/**
 * csvField for a text the database computes (`value`: a column of a subquery, since it is read
 * several times), written by the database: the same field, byte for byte (csv.test.ts). For
 * exports whose rows the database can write as CSV text (Stocktaking's), so that the web process
 * only passes the text on. Tests of characters rather than regular expressions: on 100,000
 * entries of 33 text columns, `~ '^\s|\s$'` cost PostgreSQL 0.6 s more than `ascii()` of both ends.
 */
export const csvFieldSql = (value: SQL): SQL => {
  const needsQuotes = sql`strpos(${value}, '"') > 0 or strpos(${value}, ',') > 0 or strpos(${value}, E'\n') > 0 or strpos(${value}, E'\r') > 0 or ascii(right(${value}, 1)) in (${spaces})`;
  const quoted = (prefix: string) => sql`'"${sql.raw(prefix)}' || replace(${value}, '"', '""') || '"'`;
  return sql`case when ${value} is null or ${value} = '' then ''
    when ascii(${value}) in (${formulas}) then (case when ${needsQuotes} then ${quoted("''")} else '''' || ${value} end)
    when ${needsQuotes} or ascii(${value}) in (${spaces}) then ${quoted('')}
    else ${value} end`;
};
