import type { Readable } from 'node:stream';
import { xlsxSheetStream } from '../../../core/exports/xlsx.js';
import { COLUMN_NAMES, COLUMNS, type ExportLabels, sheetRowOf } from './columns.js';
import type { ExportEntry } from './queries.js';

const DATE_FORMATS = COLUMNS.map((c) => c.date?.format);

/**
 * The Excel export as a stream (core/exports/xlsx.ts: each batch is written, zipped and taken by
 * the client before the next is read, so memory does not grow with the entries). Same columns as
 * the CSV; text cells are typed text (no leading apostrophe: a spreadsheet never runs a text cell
 * as a formula), dates are date cells. The header row is frozen; the sheet reads right to left in
 * Arabic. Batches are read only as fast as the client takes the file, and no more once it has gone.
 */
export const xlsxStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable =>
  xlsxSheetStream(
    (async function* () {
      for await (const batch of batches) yield batch.map((entry) => sheetRowOf(entry, labels));
    })(),
    { sheet: 'entries', header: COLUMN_NAMES, dateFormats: DATE_FORMATS, rightToLeft: labels.locale === 'ar' },
  );
