/**
 * The stories PDF in `wsis bench`: an announced edition (year 2098) whose 18 categories each have
 * a winner and five champions taken from the corpus' published entries; the PDF built from
 * nothing (the kept files deleted), then downloaded again unchanged, against the same bytes served
 * by a bare Node server reading the file (the ceiling of a kept download).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { BenchContext } from '../../../core/cli/bench-contract.js';
import { loadConfig } from '../../../core/config.js';
import type { Db } from '../../../core/db/client.js';
import { phaseColumns, phaseDatesAround } from '../phases.js';
import { categories, editions, nominations, results } from '../tables.js';
import { forgetPdfs } from './cache.js';
import { canPrintPdf } from '../../../core/exports/pdf.js';

export const STORIES_BENCH_YEAR = 2098;

/**
 * The announced bench edition of `year` with its results (made once, kept with the corpus): its
 * announcement started five days before `announcedAround`.
 */
export const prepareStoriesEdition = async (db: Db, year = STORIES_BENCH_YEAR, announcedAround = Date.now()) => {
  const [found] = await db.select({ id: editions.id }).from(editions).where(eq(editions.year, year));
  if (found) return true;
  const picked = await db.execute<{ id: string | number }>(sql`select id from stocktaking_entries where state = 'published' order by id limit ${18 * 6}`);
  if (picked.rows.length < 18 * 6) return false;
  await db.transaction(async (tx) => {
    const [edition] = await tx
      .insert(editions)
      .values({ year, ...phaseColumns(phaseDatesAround('announcement', announcedAround)) })
      .returning({ id: editions.id });
    const editionId = edition?.id as number;
    await tx
      .insert(categories)
      .values(
        Array.from({ length: 18 }, (_, i) => ({ editionId, number: i + 1, actionLine: `C${i + 1}`, title: { en: `Bench category ${i + 1}`, fr: `Catégorie d’essai ${i + 1}` } })),
      );
    const rows = await tx
      .insert(nominations)
      .values(picked.rows.map((r, i) => ({ editionId, categoryNumber: Math.floor(i / 6) + 1, entryId: Number(r.id), state: 'accepted' as const })))
      .returning({ id: nominations.id, category: nominations.categoryNumber });
    await tx
      .insert(results)
      .values(rows.map((n, i) => ({ editionId, categoryNumber: n.category, nominationId: n.id, rank: i % 6 === 0 ? ('winner' as const) : ('champion' as const) })));
  });
  return true;
};

const get = async (url: string) => {
  const started = performance.now();
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - started, body };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export type StoriesPdfBench = { pages: number; bytes: number; coldMs: number; coldFrMs: number; warmMs: number; ceilingMs: number; downloads: number };

/** Cold build and warm download of the stories PDF, with the static-file ceiling; null without Chromium or corpus. */
export const measureStoriesPdf = async ({ database, baseUrl, say }: Pick<BenchContext, 'database' | 'baseUrl' | 'say'>, downloads = 20): Promise<StoriesPdfBench | null> => {
  if (!canPrintPdf() || !(await prepareStoriesEdition(database.db))) return null;
  await forgetPdfs(loadConfig().cacheDir, STORIES_BENCH_YEAR);
  const url = `${baseUrl}/en/prizes/${STORIES_BENCH_YEAR}/stories.pdf`;
  const cold = await get(url);
  // A second language built while the browser is kept (the build without Chromium's start).
  const coldFr = await get(`${baseUrl}/fr/prizes/${STORIES_BENCH_YEAR}/stories.pdf`);
  const folder = await mkdtemp(join(tmpdir(), 'wsis-bench-pdf-'));
  const file = join(folder, 'stories.pdf');
  await writeFile(file, cold.body);
  const bare = createServer(async (_req, res) => {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const warm: number[] = [];
  const ceiling: number[] = [];
  try {
    for (let i = 0; i < downloads; i++) {
      ceiling.push((await get(bareUrl)).ms);
      warm.push((await get(url)).ms);
    }
  } finally {
    bare.close();
    await rm(folder, { recursive: true, force: true });
  }
  const pages = (cold.body.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const result = { pages, bytes: cold.body.length, coldMs: cold.ms, coldFrMs: coldFr.ms, warmMs: median(warm), ceilingMs: median(ceiling), downloads };
  say(
    `  stories PDF (${pages} pages, ${(result.bytes / 1024).toFixed(0)} KB): built in ${(result.coldMs / 1000).toFixed(1)} s (another language ${(result.coldFrMs / 1000).toFixed(1)} s), downloaded again in ${result.warmMs.toFixed(0)} ms (the same file from a bare server: ${result.ceilingMs.toFixed(0)} ms, ratio ${(result.ceilingMs / result.warmMs).toFixed(2)})`,
  );
  return result;
};

export const storiesPdfLines = (r: StoriesPdfBench | null) =>
  r
    ? [
        '',
        `| prize stories PDF (18 categories, 108 stories, ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KB) | ms |`,
        '| --- | ---: |',
        `| built from nothing, \`/en/prizes/${STORIES_BENCH_YEAR}/stories.pdf\` (Chromium started, printed, file kept; goal ≤ 8 s) | ${r.coldMs.toFixed(0)} |`,
        `| built in another language, the browser kept (\`/fr/…\`) | ${r.coldFrMs.toFixed(0)} |`,
        `| downloaded again, unchanged (median of ${r.downloads}; goal ≤ 1 s) | ${r.warmMs.toFixed(0)} |`,
        `| the same file from a bare Node server reading it from disk (ceiling, in turn) | ${r.ceilingMs.toFixed(0)} |`,
        `| **ratio ceiling / kept download** | **${(r.ceilingMs / r.warmMs).toFixed(2)}** |`,
      ]
    : ['', 'Prize stories PDF: not measured (no Chromium, or fewer than 108 published entries).'];
