import { Readable } from 'node:stream';
import { type Cell, COLUMN_NAMES, type ExportLabels, rowOf } from './columns.js';
import type { ExportEntry } from './queries.js';

/** Excel reads a UTF-8 CSV as UTF-8 only with this mark first (Arabic, Chinese and Russian text). */
const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One RFC 4180 field. Written here rather than with csv-stringify, which took five times as long
 * (1.3 s against 0.25 s for 20,000 entries): the export of 100,000 entries has to stream in 10 s.
 */
const field = (value: Cell) => {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvLine = (cells: readonly Cell[]) => `${cells.map(field).join(',')}\r\n`;

/**
 * The CSV export as a stream: a header of column names, then one record per entry, written
 * batch by batch (RFC 4180 quoting, CRLF line ends, formulas neutralized).
 */
export const csvStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      yield BOM + csvLine(COLUMN_NAMES);
      for await (const batch of batches) {
        let chunk = '';
        for (const entry of batch) chunk += csvLine(rowOf(entry, labels));
        yield chunk;
      }
    })(),
    // One batch waiting at most: memory stays flat when the client reads slowly.
    { highWaterMark: 1 },
  );
