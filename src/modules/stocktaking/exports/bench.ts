/**
 * Measures the full CSV export as a client sees it (called by `npm run bench`): fetches
 * `${baseUrl}/api/v1/entries.csv`, reads the stream to the end without keeping it, counts bytes
 * and records, and samples this process's resident memory meanwhile (the server's too when it runs
 * in the same process, as in the bench).
 */
import { get } from 'node:http';

export type CsvExportMeasure = { seconds: number; rows: number; bytes: number; peakRssMb: number };

const QUOTE = 0x22;
const NEWLINE = 0x0a;

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

export const measureCsvExport = async ({ baseUrl }: { baseUrl: string }): Promise<CsvExportMeasure> => {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = performance.now();
  try {
    // node:http rather than fetch: WHATWG streams cost seconds over 100 MB, and the client shares
    // the process (and its main thread) with the server in the bench.
    const { bytes, lines } = await new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
      const req = get(`${baseUrl}/api/v1/entries.csv`, { headers: { 'accept-encoding': 'identity' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET /api/v1/entries.csv answered ${res.statusCode}`));
          return;
        }
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
    return { seconds, rows: Math.max(0, lines - 1), bytes, peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(sampler);
  }
};
