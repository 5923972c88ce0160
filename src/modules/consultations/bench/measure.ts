/**
 * The consultations' bench cases (cases.ts) on the analysis' generated corpus: campaigns, the
 * results page under concurrent readers, the XLSX export, answers submitted over the API.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, inArray, like, sql } from 'drizzle-orm';
import type { BenchContext } from '../../../core/cli/bench-contract.js';
import { collectGarbage, liveHeap } from '../../../core/cli/bench-memory.js';
import { localPostgresCpuMs } from '../../../core/cli/serve-process.js';
import type { Db } from '../../../core/db/client.js';
import { apiTokens, users } from '../../../core/auth/tables.js';
import { hashSecret, newSecret } from '../../../core/auth/tokens.js';
import { campaignLines, measureCampaigns } from '../analysis/bench/bench.js';
import { type Corpus, corpusAnswer, corpusQuestionnaire, makeCorpus, random } from '../analysis/bench/corpus.js';
import { reindexConsultationTexts } from '../analysis/commands/group-campaigns.js';
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
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors (statuses ${JSON.stringify(r.statusCodeStats)})`);
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

type ExportRun = { answers: number; seconds: number; megabytes: number; rssMb: number; heapMb: number; liveMb: number };

/** Bytes written between two samples of the live heap (a full collection each). */
const LIVE_SAMPLE_BYTES = 128 * 1024;

/**
 * The XLSX export of every submitted answer, as the API route writes it, into a counting sink,
 * twice: timed, with the peak resident memory and heap added meanwhile (garbage included); then
 * again with a full collection every LIVE_SAMPLE_BYTES written, for the memory the export keeps
 * alive (the most live heap seen above the live heap before it).
 */
const exportOnce = async (db: Db, consultationId: number, answers: number): Promise<ExportRun> => {
  const labels = exportLabels('en', exportQuestions(await findQuestionnaires(db, consultationId)));
  const run = async (onChunk: (bytes: number) => void) => {
    let bytes = 0;
    await pipeline(
      xlsxStream(streamAnswers(db, { consultationId }), labels),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          onChunk(chunk.length);
          done();
        },
      }),
    );
    return bytes;
  };
  collectGarbage();
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
    bytes = await run(sample);
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  const base = liveHeap();
  let live = base;
  let since = 0;
  await run((n) => {
    since += n;
    if (since < LIVE_SAMPLE_BYTES) return;
    since = 0;
    live = Math.max(live, liveHeap());
  });
  return {
    answers,
    seconds,
    megabytes: bytes / 2 ** 20,
    rssMb: (peakRss - before.rss) / 2 ** 20,
    heapMb: (peakHeap - before.heapUsed) / 2 ** 20,
    liveMb: (live - base) / 2 ** 20,
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
      `  consultations XLSX export of ${r.answers} answers: ${r.seconds.toFixed(2)} s, ${r.megabytes.toFixed(1)} MB, memory added: RSS ${r.rssMb.toFixed(0)} MB, heap ${r.heapMb.toFixed(0)} MB (kept alive ${r.liveMb.toFixed(1)} MB)`,
    );
  const [a, b] = runs as [ExportRun, ExportRun];
  return [
    '',
    '| XLSX export of every submitted answer (the API route’s stream, in-process) | time | size | memory added, peak RSS / heap (garbage included) | memory kept alive (heap after a full collection every 128 KB written) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.answers.toLocaleString('en')} answers | ${r.seconds.toFixed(2)} s | ${r.megabytes.toFixed(1)} MB | ${r.rssMb.toFixed(0)} / ${r.heapMb.toFixed(0)} MB | ${r.liveMb.toFixed(1)} MB |`,
    ),
    `| goal | ≤ 5 s: ${goal(b.seconds <= 5)} | | | not growing with the answers: ${goal(b.liveMb <= Math.max(2 * a.liveMb, a.liveMb + 4))} (${a.liveMb.toFixed(1)} → ${b.liveMb.toFixed(1)} MB for ${(b.answers / a.answers).toFixed(0)} times the answers) |`,
  ];
};

const RESPONDENT_DOMAIN = 'respondents.bench.invalid';

/** Verified respondents with API tokens (the tokens returned, stored hashed). */
/**
 * `count` verified respondents with new API tokens (the tokens returned, stored hashed). The
 * accounts are kept between runs (deleting an account sets its name to null in every table that
 * refers to it: minutes on the bench's corpora), their old tokens replaced.
 */
const addRespondents = async (db: Db, count: number) => {
  const kept = await db
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, `%@${RESPONDENT_DOMAIN}`))
    .orderBy(users.id);
  const ids = kept.map((u) => u.id).slice(0, count);
  for (let start = ids.length; start < count; start += 1000) {
    const n = Math.min(1000, count - start);
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, k) => ({
          email: `respondent${start + k}@${RESPONDENT_DOMAIN}`,
          name: `Bench respondent ${start + k}`,
          passwordHash: '!',
          emailVerifiedAt: new Date(),
        })),
      )
      .returning({ id: users.id });
    ids.push(...rows.map((u) => u.id));
  }
  await db.delete(apiTokens).where(inArray(apiTokens.userId, ids));
  const tokens = ids.map(() => `wsis_cbench_${newSecret()}`);
  for (let start = 0; start < ids.length; start += 1000)
    await db
      .insert(apiTokens)
      .values(ids.slice(start, start + 1000).map((userId, k) => ({ userId, label: 'bench', tokenHash: hashSecret(tokens[start + k] as string), lastUsedAt: new Date() })));
  return tokens;
};

type Submission = { put: number; submit: number; total: number; ok: boolean; status: string };
type Flow = 'one' | 'two';

/** What one round of submissions gave, against one `wsis serve` (one process, or several). */
type SubmitRound = {
  workers: number;
  /** 'one': POST …/answer/submit with the answer; 'two': PUT of the draft, then POST …/answer/submit without a body. */
  flow: Flow;
  results: Submission[];
  seconds: number;
  /** Processor time per answer (PUT + submit): of the serving processes, of the load generator (this process). */
  serverCpu: number;
  clientCpu: number;
  /** The local PostgreSQL server's processor time per answer during the burst (null: not readable). */
  databaseCpu: number | null;
  /** Texts still waiting for their campaign after the last answer, and the seconds until all were placed. */
  waiting: number;
  placingSeconds: number;
};

const label = (r: { workers: number; flow: Flow }) =>
  `${r.flow === 'one' ? 'submitted with the answer' : 'draft, then submitted'}, ${r.workers} process${r.workers > 1 ? 'es' : ''}`;

/**
 * Answers submitted over the API at `rate` per second (open loop: each starts at its time whatever
 * the others do), against a real `wsis serve` (one process, then two) while this process only
 * generates the load, as clients on other machines would: each answer sent with its submission
 * (one request, as an API client submits), then each a PUT of the draft followed by a submission
 * of the saved draft (two requests, as the form's last steps).
 */
const submitCase = async (db: Db, { duration, say, serve }: BenchContext, rate: number): Promise<string[]> => {
  if (!serve) throw new Error('a separate server process is needed (PostgreSQL)');
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
  const plan: { workers: number; flow: Flow }[] = [
    { workers: 1, flow: 'one' },
    { workers: 2, flow: 'one' },
    { workers: 1, flow: 'two' },
    { workers: 2, flow: 'two' },
  ];
  // Each round's respondents answer for the first time (a new row, the common case).
  const tokens = await addRespondents(db, plan.length * (warmup + measured));
  const rand = random(7);
  const bodies = tokens.map((_, i) => {
    const { language, values } = corpusAnswer(rand, { campaign: i % 5 === 0 ? i % 3 : null });
    return JSON.stringify({ respondent: { kind: 'individual' }, language, values, country: 'KE' });
  });
  const path = `/api/v1/consultations/${consultation.id}/answer`;
  const unplaced = async () =>
    Number((await db.execute<{ n: string }>(sql`select count(*) as n from consultations_texts where consultation_id = ${consultation.id} and placed_at is null`)).rows[0]?.n ?? 0);

  /** Waits until the serving process has placed every text; an error after `limitMs` (a stopped or failing placing), never a wait without end. */
  const allPlaced = async (limitMs: number) => {
    const until = performance.now() + limitMs;
    while ((await unplaced()) > 0) {
      if (performance.now() > until) throw new Error(`texts still waiting for their campaign after ${limitMs / 1000} s`);
      await sleep(50);
    }
  };

  const round = async ({ workers, flow }: { workers: number; flow: Flow }, first: number): Promise<SubmitRound> => {
    const server = await serve({ workers });
    // At most 64 connections, kept alive, as a pool of clients would.
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const call = (method: string, url: URL, token: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
        const req = request(url, { method, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    const putUrl = new URL(path, server.url);
    const submitUrl = new URL(`${path}/submit`, server.url);
    const answer = async (i: number): Promise<Submission> => {
      const token = tokens[i] as string;
      const t0 = performance.now();
      try {
        if (flow === 'one') {
          const submit = await call('POST', submitUrl, token, bodies[i]);
          const t1 = performance.now();
          return { put: 0, submit: t1 - t0, total: t1 - t0, ok: submit === 200, status: `submit ${submit}` };
        }
        const put = await call('PUT', putUrl, token, bodies[i]);
        const t1 = performance.now();
        if (put !== 200) return { put: t1 - t0, submit: 0, total: t1 - t0, ok: false, status: `PUT ${put}` };
        const submit = await call('POST', submitUrl, token);
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
      await burst(first + measured, warmup);
      // The warm-up's texts placed first, so the measured burst starts from a quiet server.
      await allPlaced(180_000);
      // What autovacuum gives the tables within a minute of a consultation's first answers: the
      // statistics (without them the planner takes "this consultation" for one row and may read
      // all of its answers for one respondent's: about 1 ms each at 4,400 answers; see the note of
      // docs/benchmarks.md), and the space of the rows the bench itself has just rewritten and
      // deleted (the corpus grouped, earlier rounds and runs deleted: hundreds of thousands of dead
      // texts, which a server with autovacuum off, like CI's, keeps). The bench's consultation is
      // minutes old, not weeks.
      await db.execute(sql`vacuum (analyze) consultations_answers, consultations_texts, auth_api_tokens`);
      // The bench's own set-up (respondents created, earlier rounds deleted, the vacuum above)
      // writes hundreds of megabytes of WAL: on a server with the default max_wal_size, a checkpoint
      // it forces then ran during the measured burst, and its file syncs held the answers' commits
      // (PostgreSQL's log: "checkpoint starting: wal", syncs of up to 0.5 s; p50 from 19 to 143 ms
      // between two runs of the same build). A checkpoint here pays that debt before the burst; a
      // server's own timed checkpoints are spread over minutes. Skipped where the bench's role may not.
      await db.execute(sql`checkpoint`).catch(() => undefined);
      const serverBefore = server.cpuMs();
      const databaseBefore = localPostgresCpuMs();
      const clientBefore = process.cpuUsage();
      const { results, seconds } = await burst(first, measured);
      const client = process.cpuUsage(clientBefore);
      const databaseAfter = localPostgresCpuMs();
      const databaseCpu = databaseBefore === null || databaseAfter === null ? null : (databaseAfter - databaseBefore) / Math.max(1, results.length);
      const serverCpu = (server.cpuMs() - serverBefore) / Math.max(1, results.length);
      const clientCpu = (client.user + client.system) / 1000 / Math.max(1, results.length);
      // The campaigns of the submitted texts are found after the commits, in the background: how long after the last answer.
      const waiting = await unplaced();
      const placingStarted = performance.now();
      await allPlaced(180_000);
      return { workers, flow, results, seconds, serverCpu, clientCpu, databaseCpu, waiting, placingSeconds: (performance.now() - placingStarted) / 1000 };
    } finally {
      agent.destroy();
      await server.stop();
    }
  };

  try {
    const rounds: SubmitRound[] = [];
    for (const [k, step] of plan.entries()) rounds.push(await round(step, k * (warmup + measured)));
    const summaries = rounds.map((r) => {
      const ok = r.results.filter((x) => x.ok);
      const failures = [...new Set(r.results.filter((x) => !x.ok).map((x) => x.status))];
      const sorted = (pick: (x: Submission) => number) => ok.map(pick).sort((a, b) => a - b);
      const put = sorted((x) => x.put);
      const submit = sorted((x) => x.submit);
      const total = sorted((x) => x.total);
      const accepted = ok.length / r.seconds;
      const p99 = Math.max(r.flow === 'two' ? percentile(put, 99) : 0, percentile(submit, 99));
      say(
        `  consultations submit (${label(r)}): ${ok.length}/${r.results.length} accepted in ${r.seconds.toFixed(1)} s (${accepted.toFixed(0)}/s offered ${rate}/s); p50/p99${r.flow === 'two' ? ` PUT ${ms(percentile(put, 50))}/${ms(percentile(put, 99))} ms,` : ''} submit ${ms(percentile(submit, 50))}/${ms(percentile(submit, 99))} ms; CPU per answer server ${ms(r.serverCpu)} ms, PostgreSQL ${r.databaseCpu === null ? '?' : ms(r.databaseCpu)} ms, load generator ${ms(r.clientCpu)} ms; ${r.waiting} texts to place after the last answer, placed ${r.placingSeconds.toFixed(1)} s later${failures.length ? `; refused: ${failures.join(', ')}` : ''}`,
      );
      return { r, ok, failures, put, submit, total, accepted, p99, met: p99 <= 100 && ok.length === r.results.length && accepted >= rate * 0.95 };
    });
    const [{ stored } = { stored: 0 }] = (
      await db.execute<{ stored: string }>(sql`select count(*) as stored from consultations_answers where consultation_id = ${consultation.id} and status = 'submitted'`)
    ).rows.map((r) => ({ stored: Number(r.stored) }));
    const cells = (f: (x: (typeof summaries)[number]) => string) => summaries.map(f).join(' | ');
    const two = (x: (typeof summaries)[number], text: string) => (x.r.flow === 'two' ? text : '—');
    return [
      '',
      `Answers submitted over the API, ${rate} per second offered for ${duration} s, each respondent answering for the first time with its own token, at most 64 connections kept alive, ${warmup} answers of warm-up before each round (their campaigns placed before the measured burst), against a real \`wsis serve\` (one process, or \`--workers 2\`), the load generated by the bench process as clients on other machines would. *Submitted with the answer*: one POST \`/api/v1/consultations/{id}/answer/submit\` carrying the answer (as an API client submits). *Draft, then submitted*: PUT \`…/answer\` (the draft), then POST \`…/answer/submit\` without a body (the form's last two steps). Processor times per answer are read from /proc (the serving processes summed) and from the bench process (the load generator); the campaigns of the texts are found after the commits, in the background of the serving process. ${stored.toLocaleString('en')} answers submitted in the database after the rounds.`,
      '',
      `| | ${cells((x) => label(x.r))} | goal |`,
      `| --- | ${cells(() => '---:')} | ---: |`,
      `| answers accepted (submitted and stored) | ${cells((x) => `${x.ok.length} of ${x.r.results.length}${x.failures.length ? `; refused: ${x.failures.join(', ')}` : ''}`)} | all |`,
      `| accepted per second | ${cells((x) => x.accepted.toFixed(0))} | ${rate} |`,
      `| PUT (draft saved) p50 / p99 ms | ${cells((x) => two(x, `${ms(percentile(x.put, 50))} / ${ms(percentile(x.put, 99))}`))} | |`,
      `| submission (validated, stored, texts indexed, receipt queued) p50 / p99 ms | ${cells((x) => `${ms(percentile(x.submit, 50))} / ${ms(percentile(x.submit, 99))}`)} | |`,
      `| processor time per answer during the burst: serving processes / PostgreSQL / load generator | ${cells((x) => `${ms(x.r.serverCpu)} / ${x.r.databaseCpu === null ? '?' : ms(x.r.databaseCpu)} / ${ms(x.r.clientCpu)} ms`)} | |`,
      `| texts waiting for their campaign after the last answer; placed … later | ${cells((x) => `${x.r.waiting}; ${x.r.placingSeconds.toFixed(1)} s`)} | |`,
      `| p99 of every request / of a whole answer ms | ${cells((x) => `${ms(x.p99)} / ${ms(percentile(x.total, 99))}`)} | ≤ 100 ms |`,
      `| goal (${rate}/s accepted, every request's p99 ≤ 100 ms) | ${cells((x) => goal(x.met))} | |`,
    ];
  } finally {
    await db.delete(consultations).where(eq(consultations.id, consultation.id));
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
