/**
 * The consultations' bench cases (cases.ts) on the analysis' generated corpus: campaigns, the
 * results page under concurrent readers, the XLSX export, answers submitted over the API.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, like, sql } from 'drizzle-orm';
import type { BenchContext } from '../../../core/cli/bench-contract.js';
import type { Db } from '../../../core/db/client.js';
import { apiTokens, users } from '../../../core/auth/tables.js';
import { hashSecret, newSecret } from '../../../core/auth/tokens.js';
import { campaignLines, measureCampaigns } from '../analysis/bench/bench.js';
import { type Corpus, corpusAnswer, corpusQuestionnaire, makeCorpus, random } from '../analysis/bench/corpus.js';
import { reindexConsultationTexts } from '../analysis/commands/group-campaigns.js';
import { whenTextsPlaced } from '../analysis/place-texts.js';
import { exportLabels, exportQuestions } from '../exports/columns.js';
import { xlsxStream } from '../exports/formats.js';
import { findQuestionnaires, streamAnswers } from '../exports/queries.js';
import { consultationResults } from '../results/results.js';
import { consultations, versions } from '../tables.js';

type Case = 'campaigns' | 'results' | 'export' | 'submit';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const goal = (met: boolean) => (met ? 'met' : '**missed**');

const autocannonRun = async (url: string, { connections, duration }: { connections: number; duration: number }) => {
  const { default: autocannon } = await import('autocannon');
  const r = await autocannon({ url, connections, duration, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p97: r.latency.p97_5, p99: r.latency.p99 };
};

/** The results page (kept results) under `connections` readers against the bare ceiling, and the uncached computation with as many readers. */
const resultsCase = async (db: Db, { baseUrl, connections, duration, say }: BenchContext, consultationId: number): Promise<string[]> => {
  const path = `/en/consultations/${consultationId}/results`;
  const first = await fetch(`${baseUrl}${path}`);
  if (first.status !== 200) throw new Error(`${path}: ${first.status}`);
  await first.arrayBuffer();
  const bare = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const ceiling = await autocannonRun(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, { connections, duration }).finally(() => bare.close());
  const cpu = process.cpuUsage();
  const page = await autocannonRun(`${baseUrl}${path}`, { connections, duration });
  const used = process.cpuUsage(cpu);
  // Processor time of this process (server and autocannon) per page: on a shared machine the figure to compare.
  const cpuMs = (used.user + used.system) / 1000 / Math.max(1, page.rps * duration);
  say(
    `  consultations results page: ${page.rps.toFixed(0)} req/s, p50 ${page.p50} ms, p97.5 ${page.p97} ms, p99 ${page.p99} ms, ${ms(cpuMs)} ms CPU per page (bare ${ceiling.rps.toFixed(0)} req/s)`,
  );
  // The computation itself (what the first reader waits for after a new answer), one at a time:
  // concurrent readers of one consultation share one computation (cache.ts).
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    await consultationResults(db, consultationId, { locale: 'en', breakdown: null });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  say(`  consultations results computed (not kept): p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms`);
  return [
    '',
    `| results page, ${connections} concurrent readers (\`GET ${path.replace(String(consultationId), '{id}')}\`) | value | goal |`,
    '| --- | ---: | ---: |',
    `| requests per second (bare Node server just before: ${ceiling.rps.toFixed(0)}, ratio ${(page.rps / ceiling.rps).toFixed(2)}) | ${page.rps.toFixed(0)} | |`,
    `| processor time of the process per page (server and autocannon) | ${ms(cpuMs)} ms | |`,
    `| p50 / p97.5 / p99 ms (autocannon has no p95; p97.5 is above it) | ${page.p50} / ${page.p97} / ${page.p99} | p95 ≤ 300 ms: ${goal(page.p97 <= 300)} |`,
    `| results computed without the kept copy (the first reader after a new answer), one at a time, ${times.length} rounds: median / slowest ms | ${ms(percentile(times, 50))} / ${ms(percentile(times, 100))} | |`,
  ];
};

type ExportRun = { answers: number; seconds: number; megabytes: number; rssMb: number; heapMb: number };

/** The XLSX export of every submitted answer, as the API route writes it, into a counting sink; peak memory added meanwhile. */
const exportOnce = async (db: Db, consultationId: number, answers: number): Promise<ExportRun> => {
  const labels = exportLabels('en', exportQuestions(await findQuestionnaires(db, consultationId)));
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  let bytes = 0;
  const started = performance.now();
  try {
    await pipeline(
      xlsxStream(streamAnswers(db, { consultationId }), labels),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          sample();
          done();
        },
      }),
    );
  } finally {
    clearInterval(timer);
  }
  return {
    answers,
    seconds: (performance.now() - started) / 1000,
    megabytes: bytes / 2 ** 20,
    rssMb: (peakRss - before.rss) / 2 ** 20,
    heapMb: (peakHeap - before.heapUsed) / 2 ** 20,
  };
};

const exportCase = async (db: Db, { say }: BenchContext, corpus: Corpus): Promise<string[]> => {
  const smallCount = Math.max(1, Math.round(corpus.answerIds.length / 5));
  const small = await makeCorpus(db, { answers: smallCount, seed: 15 });
  const runs: ExportRun[] = [];
  try {
    runs.push(await exportOnce(db, small.consultationId, smallCount));
  } finally {
    await db.delete(consultations).where(eq(consultations.id, small.consultationId));
  }
  runs.push(await exportOnce(db, corpus.consultationId, corpus.answerIds.length));
  for (const r of runs)
    say(
      `  consultations XLSX export of ${r.answers} answers: ${r.seconds.toFixed(2)} s, ${r.megabytes.toFixed(1)} MB, memory added: RSS ${r.rssMb.toFixed(0)} MB, heap ${r.heapMb.toFixed(0)} MB`,
    );
  const [a, b] = runs as [ExportRun, ExportRun];
  return [
    '',
    '| XLSX export of every submitted answer (the API route’s stream, in-process) | time | size | memory added (peak RSS / heap) |',
    '| --- | ---: | ---: | ---: |',
    ...runs.map(
      (r) => `| ${r.answers.toLocaleString('en')} answers | ${r.seconds.toFixed(2)} s | ${r.megabytes.toFixed(1)} MB | ${r.rssMb.toFixed(0)} / ${r.heapMb.toFixed(0)} MB |`,
    ),
    `| goal | ≤ 5 s: ${goal(b.seconds <= 5)} | | not growing with the answers: ${goal(b.heapMb <= Math.max(2 * a.heapMb, a.heapMb + 20))} (heap ${a.heapMb.toFixed(0)} → ${b.heapMb.toFixed(0)} MB) |`,
  ];
};

const RESPONDENT_DOMAIN = 'respondents.bench.invalid';

/** Verified respondents with API tokens (the tokens returned, stored hashed). */
const addRespondents = async (db: Db, count: number) => {
  await db.delete(users).where(like(users.email, `%@${RESPONDENT_DOMAIN}`));
  const tokens: string[] = [];
  const now = new Date();
  for (let start = 0; start < count; start += 1000) {
    const n = Math.min(1000, count - start);
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, k) => ({
          email: `respondent${start + k}@${RESPONDENT_DOMAIN}`,
          name: `Bench respondent ${start + k}`,
          passwordHash: '!',
          emailVerifiedAt: now,
        })),
      )
      .returning({ id: users.id });
    const batch = rows.map(() => `wsis_cbench_${newSecret()}`);
    await db.insert(apiTokens).values(rows.map((u, k) => ({ userId: u.id, label: 'bench', tokenHash: hashSecret(batch[k] as string), lastUsedAt: now })));
    tokens.push(...batch);
  }
  return tokens;
};

type Submission = { put: number; submit: number; total: number; ok: boolean; status: string };

/** Answers submitted over the API at `rate` per second (open loop: each starts at its time whatever the others do), each a PUT of the draft then a submit. */
const submitCase = async (db: Db, { baseUrl, duration, say }: BenchContext, rate: number): Promise<string[]> => {
  const now = Date.now();
  const [consultation] = await db
    .insert(consultations)
    .values({
      status: 'open',
      title: { en: 'Bench consultation (submissions)', fr: 'Consultation de mesure (réponses)' },
      originalLanguage: 'en',
      translations: { en: 'original', fr: 'unofficial' },
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now + 86_400_000),
    })
    .returning({ id: consultations.id });
  if (!consultation) throw new Error('consultation not inserted');
  await db.insert(versions).values({ consultationId: consultation.id, version: 1, questionnaire: corpusQuestionnaire() });
  const warmup = Math.max(20, Math.round(rate / 2));
  const measured = Math.round(rate * duration);
  const tokens = await addRespondents(db, warmup + measured);
  const rand = random(7);
  const bodies = tokens.map((_, i) => {
    const { language, values } = corpusAnswer(rand, { campaign: i % 5 === 0 ? i % 3 : null });
    return JSON.stringify({ respondent: { kind: 'individual' }, language, values, country: 'KE' });
  });
  // At most 64 connections, kept alive, as a pool of clients would.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const call = (method: string, path: string, token: string, body?: string) =>
    new Promise<number>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      const req = request(new URL(path, baseUrl), { method, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const path = `/api/v1/consultations/${consultation.id}/answer`;
  const answer = async (i: number): Promise<Submission> => {
    const token = tokens[i] as string;
    const t0 = performance.now();
    try {
      const put = await call('PUT', path, token, bodies[i]);
      const t1 = performance.now();
      if (put !== 200) return { put: t1 - t0, submit: 0, total: t1 - t0, ok: false, status: `PUT ${put}` };
      const submit = await call('POST', `${path}/submit`, token);
      const t2 = performance.now();
      return { put: t1 - t0, submit: t2 - t1, total: t2 - t0, ok: submit === 200, status: `submit ${submit}` };
    } catch (error) {
      return { put: 0, submit: 0, total: performance.now() - t0, ok: false, status: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    }
  };
  const burst = async (from: number, count: number) => {
    const started = performance.now();
    const pending: Promise<Submission>[] = [];
    for (let k = 0; k < count; k++) {
      const wait = started + (k * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(answer(from + k));
    }
    const results = await Promise.all(pending);
    return { results, seconds: (performance.now() - started) / 1000 };
  };
  try {
    await burst(measured, warmup);
    const cpu = process.cpuUsage();
    const { results, seconds } = await burst(0, measured);
    const used = process.cpuUsage(cpu);
    // Processor time of this process (server and client) per answer (PUT + submit): on a shared machine the figure to compare.
    const cpuPerAnswer = (used.user + used.system) / 1000 / Math.max(1, results.length);
    const ok = results.filter((r) => r.ok);
    const failures = [...new Set(results.filter((r) => !r.ok).map((r) => r.status))];
    const sorted = (pick: (r: Submission) => number) => ok.map(pick).sort((a, b) => a - b);
    const put = sorted((r) => r.put);
    const submit = sorted((r) => r.submit);
    const total = sorted((r) => r.total);
    const accepted = ok.length / seconds;
    const p99 = Math.max(percentile(put, 99), percentile(submit, 99));
    say(
      `  consultations submit: ${ok.length}/${results.length} accepted in ${seconds.toFixed(1)} s (${accepted.toFixed(0)}/s offered ${rate}/s); p50/p99 PUT ${ms(percentile(put, 50))}/${ms(percentile(put, 99))} ms, submit ${ms(percentile(submit, 50))}/${ms(percentile(submit, 99))} ms${failures.length ? `; refused: ${failures.join(', ')}` : ''}`,
    );
    // The campaigns of the submitted texts are found after the commits, in the background: how long after the last answer.
    const waiting = Number(
      (await db.execute<{ n: string }>(sql`select count(*) as n from consultations_texts where consultation_id = ${consultation.id} and placed_at is null`)).rows[0]?.n ?? 0,
    );
    const placingStarted = performance.now();
    await whenTextsPlaced(db);
    const placingSeconds = (performance.now() - placingStarted) / 1000;
    say(`  consultations submit: ${cpuPerAnswer.toFixed(1)} ms CPU per answer; ${waiting} texts still to place after the last answer, placed ${placingSeconds.toFixed(1)} s later`);
    const [{ stored } = { stored: 0 }] = (
      await db.execute<{ stored: string }>(sql`select count(*) as stored from consultations_answers where consultation_id = ${consultation.id} and status = 'submitted'`)
    ).rows.map((r) => ({ stored: Number(r.stored) }));
    return [
      '',
      `| answers submitted over the API, ${rate} per second offered for ${duration} s (PUT \`/api/v1/consultations/{id}/answer\`, then POST \`…/answer/submit\`, each respondent with its own token, at most 64 connections; ${warmup} answers of warm-up before) | value | goal |`,
      '| --- | ---: | ---: |',
      `| answers accepted (submitted and stored) | ${ok.length} of ${results.length} (${stored} in the database)${failures.length ? `; refused: ${failures.join(', ')}` : ''} | all |`,
      `| accepted per second | ${accepted.toFixed(0)} | ${rate} |`,
      `| PUT (draft saved) p50 / p99 ms | ${ms(percentile(put, 50))} / ${ms(percentile(put, 99))} | |`,
      `| submit (validated, stored, texts indexed, receipt queued; campaigns found after the commit) p50 / p99 ms | ${ms(percentile(submit, 50))} / ${ms(percentile(submit, 99))} | |`,
      `| processor time of the process per answer (PUT + submit, server and client) | ${ms(cpuPerAnswer)} ms | |`,
      `| texts waiting for their campaign after the last answer; placed … later | ${waiting}; ${placingSeconds.toFixed(1)} s | |`,
      `| p99 of the two requests / of a whole answer (PUT + submit) ms | ${ms(p99)} / ${ms(percentile(total, 99))} | ≤ 100 ms: ${goal(p99 <= 100 && accepted >= rate * 0.95)} |`,
    ];
  } finally {
    agent.destroy();
    // Placing still running on these texts would deadlock with the deletion of their consultation.
    await whenTextsPlaced(db);
    await db.delete(consultations).where(eq(consultations.id, consultation.id));
    await db.delete(users).where(like(users.email, `%@${RESPONDENT_DOMAIN}`));
  }
};

/** Makes the corpus, runs the `cases` asked for on it, deletes it; the markdown lines. */
export const measureConsultations = async (context: BenchContext, { answers, rate, cases }: { answers: number; rate: number; cases: Case[] }): Promise<string[]> => {
  if (cases.length === 0) return [];
  const { database, say } = context;
  const db = database.db;
  const lines: string[] = [];
  const attempt = async (name: string, run: () => Promise<string[]>) => {
    try {
      lines.push(...(await run()));
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      const message = `${(error as Error).message.split('\n')[0]}${cause ? ` (${cause.message})` : ''}`;
      say(`  consultations ${name} could not be measured: ${message}`);
      lines.push('', `Consultations, ${name}: could not be measured (${message}).`);
    }
  };
  const corpus = await makeCorpus(db, { answers });
  try {
    if (cases.includes('campaigns')) await attempt('campaigns', async () => campaignLines(await measureCampaigns(db, { corpus, say })));
    else await db.transaction((tx) => reindexConsultationTexts(tx, { consultationId: corpus.consultationId }));
    if (cases.length === 1 && cases[0] === 'campaigns') return lines;
    await db.update(consultations).set({ status: 'published' }).where(eq(consultations.id, corpus.consultationId));
    await db.execute(sql`ANALYZE consultations_answers`);
    await db.execute(sql`ANALYZE consultations_texts`);
    lines.push('', `Consultations on PostgreSQL: the generated consultation of ${corpus.answerIds.length.toLocaleString('en')} answers, grouped and published.`);
    if (cases.includes('results')) await attempt('results page', () => resultsCase(db, context, corpus.consultationId));
    if (cases.includes('export')) await attempt('XLSX export', () => exportCase(db, context, corpus));
    if (cases.includes('submit')) await attempt('submissions', () => submitCase(db, context, rate));
    return lines;
  } finally {
    await db
      .delete(consultations)
      .where(eq(consultations.id, corpus.consultationId))
      .catch((error: Error) => say(`  consultations: the generated consultation ${corpus.consultationId} could not be deleted: ${error.message.split('\n')[0]}`));
  }
};
