/**
 * Measures the full exports as a client sees them (called by `npm run bench`): fetches
 * `${baseUrl}/api/v1/entries.csv` (or `.xlsx`), reads the stream to the end without keeping it,
 * counts bytes (and CSV records), and samples this process's resident memory meanwhile (the
 * server's too, since it runs in the same process in the bench): the growth is the peak minus the
 * memory just before. The ceiling is the same rows read through the bare driver, in batches of
 * the export's size, keyset by id, nothing written.
 */
import { collectGarbage } from '../../../core/cli/bench-memory.js';
import { get } from 'node:http';
import type { Database } from '../../../core/db/client.js';
import { CSV_BATCH_SIZE, EXPORT_BATCH_SIZE } from './queries.js';

export type ExportMeasure = { path: string; seconds: number; rows: number | null; bytes: number; growthMb: number; peakRssMb: number };

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const MB = 2 ** 20;

/** Counts bytes and record ends (line feeds outside quoted cells, since a cell may hold line breaks). */
const recordCounter = () => {
  let bytes = 0;
  let lines = 0;
  let inQuotes = false;
  return {
    add: (value: Buffer) => {
      bytes += value.byteLength;
      // From quote to line feed with indexOf (native) rather than looking at every byte.
      let at = 0;
      let newline = value.indexOf(NEWLINE);
      for (;;) {
        const quote = value.indexOf(QUOTE, at);
        if (inQuotes) {
          if (quote < 0) break;
          inQuotes = false;
          at = quote + 1;
          continue;
        }
        if (newline >= 0 && newline < at) newline = value.indexOf(NEWLINE, at);
        if (newline >= 0 && (quote < 0 || newline < quote)) {
          lines++;
          at = newline + 1;
        } else if (quote >= 0) {
          inQuotes = true;
          at = quote + 1;
        } else break;
      }
    },
    result: () => ({ bytes, lines }),
  };
};

/** One full export over HTTP: seconds, bytes, CSV records, and the resident memory it added. */
export const measureExport = async ({ baseUrl, path }: { baseUrl: string; path: string }): Promise<ExportMeasure> => {
  // What is garbage already is not the export's.
  collectGarbage();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const csv = path.includes('.csv');
  const started = performance.now();
  try {
    // node:http rather than fetch: WHATWG streams cost seconds over 100 MB, and the client shares
    // the process (and its main thread) with the server in the bench.
    const { bytes, lines } = await new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
      const req = get(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'identity' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${path} answered ${res.statusCode}`));
          return;
        }
        // Lines are counted in the CSV only (the workbook is zipped).
        const counter = recordCounter();
        res.on('data', (chunk: Buffer) => counter.add(chunk));
        res.on('end', () => resolve(counter.result()));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    // The first line is the header.
    return { path, seconds, rows: csv ? Math.max(0, lines - 1) : null, bytes, growthMb: (peak - before) / MB, peakRssMb: peak / MB };
  } finally {
    clearInterval(sampler);
  }
};

/**
 * The ceiling: the published entries read through the bare driver, every column, in batches of
 * the export's size after the last id (what the database and the driver alone need to hand the
 * rows over), nothing formatted or sent.
 */
export const measureDriverRead = async (database: Database): Promise<DriverRead> => {
  const started = performance.now();
  let rows = 0;
  let last = 0;
  for (;;) {
    const result = await database.pool.query<{ id: number }>(`select * from stocktaking_entries where state = 'published' and id > $1 order by id limit ${EXPORT_BATCH_SIZE}`, [
      last,
    ]);
    const tail = result.rows.at(-1);
    if (!tail) break;
    rows += result.rows.length;
    last = tail.id;
  }
  return { seconds: (performance.now() - started) / 1000, rows };
};

export type DriverRead = { seconds: number; rows: number };

/** The exports' lines in docs/benchmarks.md: each export with the driver's read measured right before it. */
export const exportLines = (measures: { measure: ExportMeasure; driver: DriverRead }[]) => [
  '',
  `| full export of the published entries (batches of ${EXPORT_BATCH_SIZE} rows; the CSV on PostgreSQL: ${CSV_BATCH_SIZE} records written by the database; client in the bench process) | rows | MiB | seconds | memory added, MB (peak RSS) | same rows through the bare driver, s | **ratio driver / export** |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...measures.map(
    ({ measure: e, driver }) =>
      `| GET ${e.path} | ${(e.rows ?? driver.rows).toLocaleString('en')} | ${(e.bytes / MB).toFixed(0)} | ${e.seconds.toFixed(1)} | ${e.growthMb.toFixed(0)} (${e.peakRssMb.toFixed(0)}) | ${driver.seconds.toFixed(1)} | **${(driver.seconds / e.seconds).toFixed(2)}** |`,
  ),
  '',
  'The ceiling of each export is the same rows read through the bare driver just before it (`select *` in batches of the same size after the last id, nothing formatted or sent); the memory added is the peak resident memory of the bench process during the export minus its memory just before.',
];
