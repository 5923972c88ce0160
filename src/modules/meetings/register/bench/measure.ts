/**
 * The register's cases in `wsis bench` (module `bench.measure`): on the corpus of corpus.ts,
 * a meeting's document list (the query the meeting page runs: loadMeetingDocumentsSection) p50/p95,
 * the document search over the API p50/p95 (words of titles in the six languages and symbol
 * prefixes), and 100 concurrent downloads of a 20 MB file (RSS of the process sampled during
 * them, and a range request answered 206).
 */
import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import type { BenchContext } from '../../../../core/cli/bench-contract.js';
import { loadConfig } from '../../../../core/config.js';
import { LocalFileStore } from '../../../../core/storage/files.js';
import { findVisibleMeeting } from '../queries.js';
import { loadMeetingDocumentsSection } from '../views/MeetingDocumentsSection.js';
import { BENCH_GROUPS, BENCH_YEARS, countBenchDocuments, MEETINGS_PER_YEAR, makeRegisterCorpus } from './corpus.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
};
const ms = (v: number) => v.toFixed(1);

const get = (url: string, { agent, headers = {} }: { agent?: Agent; headers?: Record<string, string> } = {}) =>
  new Promise<{ status: number; bytes: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

export const measureRegister = async (context: BenchContext): Promise<string[]> => {
  const db = context.database.db;
  // The same file store as the in-process server (its configuration, read the same way).
  const store = new LocalFileStore(loadConfig({ port: 0 }).filesDir);
  const prepared = Date.now();
  const { big } = await makeRegisterCorpus(db, { store, say: context.say });
  const corpusSeconds = (Date.now() - prepared) / 1000;
  const documents = await countBenchDocuments(db);
  const files = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from meetings_document_files`)).rows[0]?.n ?? 0);

  // 1. A meeting's document list, as the meeting page loads it.
  const list: number[] = [];
  for (let i = 0; i < 200; i++) {
    const groupCode = BENCH_GROUPS[i % BENCH_GROUPS.length] as string;
    const number = 1 + ((i * 37) % (BENCH_YEARS * MEETINGS_PER_YEAR));
    const t0 = performance.now();
    const meeting = await findVisibleMeeting(db, { groupCode, number, actor: null });
    if (!meeting) throw new Error(`no bench meeting ${groupCode} ${number}`);
    const data = await loadMeetingDocumentsSection(db, { meetingId: meeting.id, locale: 'en', actor: null, filters: {} });
    list.push(performance.now() - t0);
    if (data.rows.length < 90) throw new Error('bench meeting without its documents');
  }
  const listStats = stats(list);
  context.say(`  register: meeting document list p50 ${ms(listStats.p50)} ms, p95 ${ms(listStats.p95)} ms`);

  // 2. The document search over the API: words in the six languages, symbol prefixes.
  const queries = ['digital', 'numérique', 'conectividad', 'навыков', '数字', 'الرقمية', 'broadband security', 'BENCH-G2-17/', 'BENCH-G4-3/INF/', 'BENCH-G1-99/42'];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const search: number[] = [];
  for (let i = 0; i < 200; i++) {
    const q = queries[i % queries.length] as string;
    const t0 = performance.now();
    const res = await get(`${context.baseUrl}/api/v1/documents?q=${encodeURIComponent(q)}`, { agent });
    search.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
  }
  const searchStats = stats(search);
  context.say(`  register: document search (API) p50 ${ms(searchStats.p50)} ms, p95 ${ms(searchStats.p95)} ms`);
  const pageTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await get(`${context.baseUrl}/en/documents/${encodeURIComponent(`BENCH-G3-${1 + (i % 100)}/${1 + (i % 90)}`)}`, { agent });
    pageTimes.push(performance.now() - t0);
  }
  const pageStats = stats(pageTimes);
  agent.destroy();

  // 3. 100 concurrent downloads of a 20 MB file.
  await db.execute(sql`
    insert into meetings_document_files (document_id, locale, sha256, media_type, file_name, size)
    select d.id, 'ru', ${big.sha256}, 'application/pdf', 'bench-large.pdf', ${big.size}
    from meetings_documents d where d.symbol = 'BENCH-G1-1/1'
    on conflict do nothing`);
  const url = `${context.baseUrl}/en/documents/${encodeURIComponent('BENCH-G1-1/1')}/ru`;
  const range = await get(url, { headers: { range: 'bytes=1000-1999' } });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const downloads = await Promise.all(Array.from({ length: 100 }, () => get(url, { agent: new Agent({ keepAlive: false }) })));
  const downloadSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const whole = downloads.filter((d) => d.status === 200 && d.bytes === big.size).length;
  const mb = (v: number) => (v / 1024 / 1024).toFixed(0);
  context.say(
    `  register: 100 downloads of ${mb(big.size)} MB: ${whole} whole in ${downloadSeconds.toFixed(1)} s, RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} MB; range: ${range.status} (${range.bytes} bytes)`,
  );

  return [
    `### Register (meetings/register), ${context.kind}`,
    '',
    `Corpus: ${documents} documents of ${BENCH_GROUPS.length * BENCH_YEARS * MEETINGS_PER_YEAR} meetings (5 groups × 20 years × 5), ${files} language files' metadata over 4 stored files; made or checked in ${corpusSeconds.toFixed(0)} s.`,
    '',
    '| case | p50 | p95 | goal | met? |',
    '| --- | --- | --- | --- | --- |',
    `| a meeting's document list (meeting lookup + loadMeetingDocumentsSection, 100 documents, ${listStats.n} runs) | ${ms(listStats.p50)} ms | ${ms(listStats.p95)} ms | ≤ 30 ms p95 | ${listStats.p95 <= 30 ? 'yes' : 'no'} |`,
    `| document search, GET /api/v1/documents?q= (6 languages and symbol prefixes, ${searchStats.n} requests, one at a time) | ${ms(searchStats.p50)} ms | ${ms(searchStats.p95)} ms | ≤ 50 ms p95 | ${searchStats.p95 <= 50 ? 'yes' : 'no'} |`,
    `| a document's page, GET /en/documents/{symbol} (${pageStats.n} requests) | ${ms(pageStats.p50)} ms | ${ms(pageStats.p95)} ms | | |`,
    `| 100 concurrent downloads of a ${mb(big.size)} MB file | ${whole}/100 whole in ${downloadSeconds.toFixed(1)} s | RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} MB (+${mb(rssPeak - rssBefore)}) | memory not growing with the size | ${rssPeak - rssBefore < big.size * 10 ? 'yes' : 'no'} |`,
    `| Range: bytes=1000-1999 of it | ${range.status} | ${range.bytes} bytes | 206, 1000 bytes | ${range.status === 206 && range.bytes === 1000 ? 'yes' : 'no'} |`,
    '',
  ];
};
