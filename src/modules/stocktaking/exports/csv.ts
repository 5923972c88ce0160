import { Readable } from 'node:stream';
import { CSV_BOM, csvField, csvLine } from '../../../core/exports/csv.js';
import { COLUMN_NAMES, COLUMNS, type ExportLabels } from './columns.js';
import type { ExportEntry } from './queries.js';

const values = COLUMNS.map((c) => c.value);
type Value = (typeof values)[number];

/**
 * One entry as a CSV record, the cells of rowOf (columns.ts) written straight into one string:
 * no array per row, a fast path for empty and plain cells (half the time of csvLine(rowOf(…))).
 */
export const csvRecord = (entry: ExportEntry, labels: ExportLabels): string => {
  let line = csvField((values[0] as Value)(entry, labels));
  for (let i = 1; i < values.length; i++) line += `,${csvField((values[i] as Value)(entry, labels))}`;
  return `${line}\r\n`;
};

/**
 * Records as bytes, each encoded alone and the bytes concatenated: a string chunk of a batch was
 * measured (Buffer.byteLength, for the chunked encoding) then encoded again by the socket, each
 * time flattening a rope of thousands of pieces (23 µs an entry against 12 µs); and a record's
 * small buffer comes from Node's pool, where a batch's string of megabytes lived in the old
 * generation until a full collection (the export grew the process by 68 MB at 1,000 records a
 * batch, 6 MB now).
 */
export const recordBytes = (records: readonly string[]) => Buffer.concat(records.map((record) => Buffer.from(record)));

/** The records of batches of entries written by this process (csvRecord), for a database in the same process (PGlite). */
export async function* writtenHere(batches: AsyncIterable<ExportEntry[]>, labels: ExportLabels): AsyncGenerator<Buffer> {
  for await (const batch of batches) yield recordBytes(batch.map((entry) => csvRecord(entry, labels)));
}

/**
 * The CSV export as a stream: a header of column names, then the records of each batch (RFC 4180
 * quoting, CRLF line ends, formulas neutralized), written by the database (queries.ts,
 * streamExportCsv) or by this process (writtenHere): the same bytes (csv.test.ts). A batch is
 * read only when the client has taken the previous one; once the client has gone the stream is
 * destroyed, which ends the batches (and their query) too.
 */
export const csvStream = (batches: AsyncIterable<Buffer>): Readable =>
  Readable.from(
    (async function* () {
      yield Buffer.from(CSV_BOM + csvLine(COLUMN_NAMES));
      yield* batches;
    })(),
    // One batch waiting at most: memory stays flat when the client reads slowly.
    { highWaterMark: 1 },
  );
