import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { COLUMN_NAMES, type ExportLabels, rowOf } from './columns.js';
import type { ExportEntry } from './queries.js';

/** Excel reads a UTF-8 CSV as UTF-8 only with this mark first (Arabic, Chinese and Russian text). */
const BOM = '\uFEFF';

/**
 * The CSV export as a stream: a header of column names, then one record per entry, written
 * batch by batch (RFC 4180 quoting, CRLF line ends, formulas neutralized).
 */
export const csvStream = (batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): Readable =>
  Readable.from(
    (async function* () {
      yield BOM + stringify([COLUMN_NAMES], { record_delimiter: 'windows' });
      for await (const batch of batches) {
        yield stringify(
          batch.map((e) => rowOf(e, labels)),
          { record_delimiter: 'windows', cast: { number: (n) => String(n) } },
        );
      }
    })(),
  );
