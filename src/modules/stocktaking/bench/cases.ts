/**
 * The Stocktaking's part of `wsis bench` and `wsis seed bench` (through its manifest): the corpus,
 * search latency over a query mix, the search page under load against the same searches through
 * the driver, the full CSV and Excel exports (`--only exports` alone) against the same rows read
 * through the driver, and the search page on a real `wsis serve` process.
 */
import { sql } from 'drizzle-orm';
import type { BenchServing, ModuleBench, ModuleBenchSeed } from '../../../core/cli/bench-contract.js';
import type { Database, DbOrTx } from '../../../core/db/client.js';
import type { DriverRead, ExportMeasure } from '../exports/bench.js';
import { findEntries } from '../queries.js';
import { entries } from '../tables.js';

type SearchLoad = { httpRps: number; httpP50: number; httpP99: number; driverRps: number; ratio: number };

const ms = (n: number) => n.toFixed(1);

/** The search page's URL for a query of the mix. */
const searchPath = (args: { locale: string; q?: string; filters?: Record<string, string[] | undefined>; page?: number }) => {
  const params = new URLSearchParams();
  if (args.q) params.set('q', args.q);
  for (const [facet, values] of Object.entries(args.filters ?? {})) for (const v of values ?? []) params.append(facet, v);
  if (args.page) params.set('page', String(args.page));
  return `/${args.locale}/stocktaking${params.size ? `?${params}` : ''}`;
};

const countEntries = async (db: DbOrTx) => {
  const { rows } = await db.execute<{ n: string | number }>(sql`select count(*) as n from ${entries}`);
  return Number(rows[0]?.n ?? 0);
};

export const stocktakingBenchSeed: ModuleBenchSeed = {
  option: { flags: '--entries <n>', description: 'how many published Stocktaking entries to add (in the six languages)', defaultValue: 100_000 },
  run: async (database, { count, seed, progress }) => {
    const { seedBenchEntries } = await import('./corpus.js');
    progress.start(count);
    const total = await seedBenchEntries(database.db, { entries: count, seed, onBatch: (n) => progress.advance(n, '') });
    progress.stop();
    return { added: `${count} entries`, total: `${total} entries` };
  },
};

/**
 * The full CSV and Excel exports over HTTP (first, before the search cases fill the heap), each
 * against the same rows read through the bare driver right before it.
 */
const measureExports = async ({ database, baseUrl, say }: { database: Database; baseUrl: string; say: (line: string) => void }) => {
  const { exportLines, measureDriverRead, measureExport } = await import('../exports/bench.js');
  const measures: { measure: ExportMeasure; driver: DriverRead }[] = [];
  for (const path of ['/api/v1/entries.csv', '/api/v1/entries.xlsx']) {
    const driver = await measureDriverRead(database);
    const measure = await measureExport({ baseUrl, path });
    measures.push({ measure, driver });
    say(
      `  ${path}: ${(measure.bytes / 2 ** 20).toFixed(0)} MiB in ${measure.seconds.toFixed(1)} s, memory +${measure.growthMb.toFixed(0)} MB; the rows through the driver ${driver.seconds.toFixed(1)} s (ratio ${(driver.seconds / measure.seconds).toFixed(2)})`,
    );
  }
  return exportLines(measures);
};

export const stocktakingBench: ModuleBench = {
  about: [
    'The database holds a Stocktaking corpus made by `wsis seed bench` (published entries in the six',
    'languages). Search latency is timed in-process, one search at a time, over a query mix taken',
    'from the corpus: the twenty most frequent words of each language alone and with facet filters,',
    'two-word queries, misspelt words (typo-tolerant path) and filters without words. Run',
    '`npm run bench -- --entries 10000` for a quick run.',
    '',
    'The cost of the web layer for search is the search page over HTTP against the same searches',
    'through the driver, with the same number of concurrent callers. The page is measured on',
    '`wsis serve` in its own process, as it is deployed, with autocannon in the bench process; the',
    'in-process figure is also given, but there autocannon reads the 80 KB pages in the same thread',
    'as the server, so it charges the client to the web layer. On 2 cores neither is free of the',
    'load generator: with PGlite the separate process makes three busy threads (the server, its',
    'database worker and autocannon) on two cores.',
  ],
  prepare: async (database, { size, say }) => {
    const present = await countEntries(database.db);
    if (present >= size) return null;
    say(`  seeding ${size - present} Stocktaking entries (wsis seed bench; kept for the next runs)…`);
    const { seedBenchEntries } = await import('./corpus.js');
    const started = performance.now();
    await seedBenchEntries(database.db, { entries: size - present });
    const seconds = (performance.now() - started) / 1000;
    say(`  seeded in ${seconds.toFixed(0)} s`);
    return seconds;
  },
  // A case's own database of one year (the reports): `size` published entries, all published in `year`.
  yearCorpus: async (database, { year, size, say }) => {
    const inYear = async () =>
      Number(
        (await database.db.execute<{ n: string | number }>(sql`select count(*) as n from ${entries} where ${entries.state} = 'published' and ${entries.publishedYear} = ${year}`))
          .rows[0]?.n ?? 0,
      );
    const present = await inYear();
    if (present < size) {
      say(`  seeding ${size - present} Stocktaking entries published in ${year} (kept for the next runs)…`);
      const { seedBenchEntries } = await import('./corpus.js');
      const started = performance.now();
      await seedBenchEntries(database.db, { entries: size - present, year, batchSize: 500 });
      say(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    return `${(await inYear()).toLocaleString('en')} published Stocktaking entries of ${year}`;
  },
  cases: ['exports'],
  measure: async ({ database, baseUrl, connections, duration, rounds, say, only }) => {
    const exports = await measureExports({ database, baseUrl, say });
    if (only === 'exports') return { lines: () => exports };
    // Search: latency of each query of the mix, one at a time (in-process timer).
    const { buildQueryMix, frequentWords, timeQueryMix } = await import('./query-mix.js');
    const mix = buildQueryMix(await frequentWords(database.db));
    const search = await timeQueryMix(database.db, mix, { rounds });
    for (const t of search) say(`  search (${t.kind}, ${t.count}): p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);

    // The search page under load, against the same searches through the driver (findEntries on the pool).
    const paths = mix.map((m) => searchPath(m.args));
    const { default: autocannon } = await import('autocannon');
    const http = await autocannon({ url: baseUrl, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) });
    if (http.non2xx > 0 || http.errors > 0) throw new Error(`search page: ${http.non2xx} non-2xx answers, ${http.errors} errors`);
    // Like autocannon's connections, each caller goes through the mix from its start.
    let done = 0;
    const end = Date.now() + duration * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let next = 0; Date.now() < end; next++) {
          const q = mix[next % mix.length];
          if (q) await findEntries(database.db, q.args);
          done++;
        }
      }),
    );
    const driverRps = done / duration;
    const load: SearchLoad = { httpRps: http.requests.average, httpP50: http.latency.p50, httpP99: http.latency.p99, driverRps, ratio: http.requests.average / driverRps };
    say(`  search page: ${load.httpRps.toFixed(1)} req/s over HTTP, ${driverRps.toFixed(1)} searches/s through the driver (ratio ${load.ratio.toFixed(2)})`);

    const lines = (serving: BenchServing | null) => [
      '',
      '| search (findEntries, one at a time) | searches | p50 ms | p95 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...search.map((t) => `| ${t.kind} | ${t.count} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`),
      '',
      '| search under load, same query mix | per second | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: |',
      ...(serving
        ? [
            `| GET /:locale/stocktaking, \`wsis serve\` in its own process | ${serving.rps.toFixed(1)} | ${serving.p50} | ${serving.p99} |`,
            `| GET /:locale/stocktaking, server in the bench process (autocannon shares its thread) | ${load.httpRps.toFixed(1)} | ${load.httpP50} | ${load.httpP99} |`,
            `| findEntries through the driver, in the bench process | ${load.driverRps.toFixed(1)} | | |`,
            `| **ratio page / driver** (\`wsis serve\`, as deployed) | **${(serving.rps / load.driverRps).toFixed(2)}** | | |`,
            `| ratio page / driver (server and client in one thread) | ${load.ratio.toFixed(2)} | | |`,
          ]
        : [
            `| GET /:locale/stocktaking (HTML page) | ${load.httpRps.toFixed(1)} | ${load.httpP50} | ${load.httpP99} |`,
            `| findEntries through the driver | ${load.driverRps.toFixed(1)} | | |`,
            `| **ratio page / driver** | **${load.ratio.toFixed(2)}** | | |`,
          ]),
      '',
      '| `wsis serve` as its own process | |',
      '| --- | ---: |',
      serving ? `| start to ready (migrations, reference data, listening) | ${(serving.readyMs / 1000).toFixed(2)} s |` : '| start to ready | not measured |',
      serving ? `| first search answered after ready (it waits for the search indexes read in the background) | ${(serving.firstRequestMs / 1000).toFixed(2)} s |` : '',
      serving ? `| peak resident memory under the search load | ${serving.rssMb.toFixed(0)} MB |` : '| peak resident memory | not measured |',
      serving ? `| search page req/s in that process | ${serving.rps.toFixed(1)} |` : '',
      ...(serving?.downloads ?? []).map(
        (d) =>
          `| ${d.path}, the full export downloaded from that process after the load (the client in the bench process), first / again | ${d.seconds.toFixed(1)} s / ${d.again.toFixed(1)} s, ${(d.bytes / 2 ** 20).toFixed(0)} MiB |`,
      ),
      ...exports,
    ];
    return { serveLoad: paths, serveDownloads: ['/api/v1/entries.csv'], lines };
  },
};
