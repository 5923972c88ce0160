/**
 * PostgreSQL restarted during a surge of votes and page views. The test starts a PostgreSQL server
 * of its own (the machine's one is shared by the other tests), runs a real `wsis serve` on it, and
 * while voters and readers keep sending, stops the server (`pg_ctl stop -m fast`, then a crash:
 * `-m immediate`) for a few seconds and starts it again. No request waits past a bound, none is
 * answered 500; during the outage votes get a problem+json 503 and pages a localized 503 page, both
 * with Retry-After, and /healthz says the database is down; the same process serves again once the
 * server is back; afterwards every vote answered 201 is in the database with the id it was given,
 * none twice, and every vote answered 503 and sent again counts once.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../app.js';
import { openDatabase } from '../../core/db/client.js';
import { BENCH_YEAR, prepareVotingDatabase } from '../../modules/prizes/integrity/bench.js';
import { type PostgresServer, startPostgresServer } from '../postgres-server.js';
import { type Answer, exited, send, startServe } from '../serve-process.js';
import { runWsis } from '../cli.js';

const VOTERS = 120;
const CATEGORIES = 6;
/** No request may take longer: the pool's connection timeout (3 s) and the handler, with room for a slow shared machine. */
const BOUND_MS = 10_000;

let server: PostgresServer | undefined;
const stops: (() => void)[] = [];
afterAll(async () => {
  for (const stop of stops) stop();
  await server?.destroy();
});

describe('PostgreSQL restarted during a surge of votes and page views', () => {
  it('answers 503 with Retry-After during the outage (never a hang, never a 500), recovers by itself, and keeps every vote answered 201 once', { timeout: 240_000 }, async () => {
    server = await startPostgresServer();
    const name = `wsis_restart_${randomBytes(4).toString('hex')}`;
    await server.createDatabase(name);
    const url = server.urlOf(name);
    const database = await openDatabase({ url, poolSize: 2 });
    const { tokenOf, nominees } = await prepareVotingDatabase(database, { voters: VOTERS, modules: MODULES });
    await database.close();
    const nomineeOf = (voter: number, category: number) => {
      const inCategory = nominees.filter((n) => n.category === category);
      return (inCategory[voter % inCategory.length] as { id: number }).id;
    };

    const serve = startServe({ url });
    stops.push(() => serve.child.kill('SIGKILL'));
    const base = await serve.ready;

    // Every ballot once, in a queue; a ballot answered 503 goes back to the end of the queue (the
    // voter sends it again), until it is answered 201 (cast now) or 409 (already cast: an earlier
    // attempt whose commit happened, but whose answer was lost with the connection).
    type Ballot = { voter: number; category: number };
    const keyOf = (b: Ballot) => `${b.voter}:${b.category}`;
    const queue: Ballot[] = Array.from({ length: VOTERS * CATEGORIES }, (_, i) => ({ voter: i % VOTERS, category: Math.floor(i / VOTERS) + 1 }));
    const acknowledged = new Map<string, number>();
    const answeredUnavailable = new Set<string>();
    const settled = new Map<string, number>();
    const all: (Answer & { kind: string; phase: string })[] = [];
    let phase = 'up';
    let sending = true;
    const agent = new Agent({ keepAlive: true, maxSockets: 12 });

    const voter = async () => {
      while (sending) {
        const ballot = queue.shift();
        if (!ballot) {
          await sleep(50);
          continue;
        }
        const answer = await send(agent, {
          base,
          method: 'POST',
          path: `/api/v1/prizes/editions/${BENCH_YEAR}/votes`,
          headers: { authorization: `Bearer ${tokenOf(ballot.voter)}`, 'content-type': 'application/json', 'accept-language': 'fr' },
          body: JSON.stringify({ nominationId: nomineeOf(ballot.voter, ballot.category) }),
          boundMs: BOUND_MS,
        });
        all.push({ ...answer, kind: 'vote', phase });
        if (answer.status === 201) {
          acknowledged.set(keyOf(ballot), JSON.parse(answer.body).id);
          settled.set(keyOf(ballot), 201);
        } else if (answer.status === 409) settled.set(keyOf(ballot), 409);
        else {
          if (answer.status === 503) answeredUnavailable.add(keyOf(ballot));
          queue.push(ballot);
          await sleep(100); // as a client told to retry later would (shortened from Retry-After)
        }
      }
    };
    const reader = async (path: string) => {
      while (sending) {
        const answer = await send(agent, { base, path, headers: { accept: 'text/html' }, boundMs: BOUND_MS });
        all.push({ ...answer, kind: path, phase });
        await sleep(50);
      }
    };
    const health = () => send(agent, { base, path: '/healthz', boundMs: BOUND_MS });
    const waitUntil = async (done: () => boolean) => {
      while (!done()) await sleep(50);
    };
    const healthyAgain = async () => {
      for (;;) {
        const h = await health();
        if (h.status === 200) return h;
        await sleep(200);
      }
    };

    const workers = [...Array.from({ length: 8 }, voter), reader(`/ar/prizes/${BENCH_YEAR}`), reader('/fr/stocktaking')];
    // 1. The surge runs on a healthy database.
    await waitUntil(() => acknowledged.size >= 150);

    // 2. A clean stop (pg_ctl stop -m fast: sessions ended, checkpoint), four seconds down.
    await server.stop('fast');
    phase = 'down-fast';
    await sleep(1000);
    const downHealth = await health();
    await sleep(3000);
    const countBefore = acknowledged.size;
    await server.start();
    phase = 'back';
    expect((await healthyAgain()).status).toBe(200);
    await waitUntil(() => acknowledged.size >= countBefore + 150);

    // 3. A crash (pg_ctl stop -m immediate: no checkpoint, recovery from the WAL at start).
    await server.stop('immediate');
    phase = 'down-crash';
    await sleep(4000);
    await server.start();
    phase = 'recovered';
    await healthyAgain();
    await waitUntil(() => settled.size === VOTERS * CATEGORIES);
    sending = false;
    await Promise.all(workers);
    agent.destroy();

    // The same process served throughout: never restarted.
    expect(serve.child.exitCode).toBeNull();
    serve.child.kill('SIGTERM');
    await exited(serve.child);

    // Never a hang past the bound, never a 500, never a dropped connection.
    expect(all.filter((a) => a.status === -1)).toEqual([]);
    expect(all.filter((a) => a.status === 0 || a.status >= 500).filter((a) => a.status !== 503)).toEqual([]);
    expect(Math.max(...all.map((a) => a.ms))).toBeLessThan(BOUND_MS);
    // The outages were seen, by votes and by each page.
    for (const kind of ['vote', `/ar/prizes/${BENCH_YEAR}`, '/fr/stocktaking']) {
      expect(
        all.some((a) => a.kind === kind && a.phase === 'down-fast' && a.status === 503),
        kind,
      ).toBe(true);
      expect(
        all.some((a) => a.kind === kind && a.phase === 'down-crash' && a.status === 503),
        kind,
      ).toBe(true);
      expect(
        all.some((a) => a.kind === kind && a.phase === 'recovered' && a.status === 200 + (kind === 'vote' ? 1 : 0)),
        kind,
      ).toBe(true);
    }
    // A vote refused: an RFC 9457 problem in the voter's language, with Retry-After.
    const refusedVote = all.find((a) => a.kind === 'vote' && a.status === 503) as Answer;
    expect(refusedVote.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refusedVote.headers['retry-after']).toBe('5');
    expect(JSON.parse(refusedVote.body)).toMatchObject({ status: 503, title: 'Service temporairement indisponible' });
    // A page refused: the platform's page in the reader's language (Arabic: right to left), no stack.
    const refusedPage = all.find((a) => a.kind === `/ar/prizes/${BENCH_YEAR}` && a.status === 503) as Answer;
    expect(refusedPage.headers['content-type']).toMatch(/^text\/html/);
    expect(refusedPage.headers['retry-after']).toBe('5');
    expect(refusedPage.body).toContain('<html lang="ar" dir="rtl"');
    expect(refusedPage.body).toContain('الخدمة غير متاحة مؤقتًا');
    for (const a of all.filter((x) => x.status === 503)) expect(a.body).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+|node_modules/);
    // /healthz during the outage: 503, the database down.
    expect(downHealth.status).toBe(503);
    expect(JSON.parse(downHealth.body)).toMatchObject({ status: 'unavailable', databaseUp: false });

    // Every ballot was settled; what the database holds: every vote answered 201 with its id, none
    // twice; a ballot answered 503 then 409 had been committed by the attempt answered 503.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ id: string; email: string; category: number }>(
      `select v.id, u.email, v.category_number as category from prizes_votes v
       join prizes_editions e on e.id = v.edition_id join auth_users u on u.id = v.voter_id where e.year = $1`,
      [BENCH_YEAR],
    );
    await client.end();
    const stored = new Map(rows.map((r) => [`${Number(/^voter(\d+)@/.exec(r.email)?.[1])}:${r.category}`, Number(r.id)]));
    expect(rows.length).toBe(stored.size);
    expect(rows.length).toBe(VOTERS * CATEGORIES);
    for (const [key, id] of acknowledged) expect(stored.get(key), key).toBe(id);
    for (const [key, status] of settled) if (status === 409) expect(answeredUnavailable.has(key), key).toBe(true);
    expect(answeredUnavailable.size).toBeGreaterThan(0);
  });

  it('`wsis serve` started while PostgreSQL is down exits with a clear message, without a stack', { timeout: 60_000 }, async () => {
    server ??= await startPostgresServer();
    const url = server.urlOf('postgres');
    await server.stop('fast');
    const run = await runWsis(['serve', '--port', '0'], { env: { DATABASE_URL: url } });
    await server.start();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `wsis: cannot reach the PostgreSQL server at 127.0.0.1:${server.port} (connection refused); check that it is running and that DATABASE_URL is right`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers 503 to a vote held by a stalled database once the statement timeout (15 s) has passed, and serves again after', { timeout: 120_000 }, async () => {
    server ??= await startPostgresServer();
    const name = `wsis_stall_${randomBytes(4).toString('hex')}`;
    await server.createDatabase(name);
    const url = server.urlOf(name);
    const database = await openDatabase({ url, poolSize: 2 });
    const { tokenOf, nominees } = await prepareVotingDatabase(database, { voters: 2, modules: MODULES });
    await database.close();
    const serve = startServe({ url });
    stops.push(() => serve.child.kill('SIGKILL'));
    const base = await serve.ready;
    const agent = new Agent({ keepAlive: true });
    const vote = (voter: number) =>
      send(agent, {
        base,
        method: 'POST',
        path: `/api/v1/prizes/editions/${BENCH_YEAR}/votes`,
        headers: { authorization: `Bearer ${tokenOf(voter)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ nominationId: (nominees[0] as { id: number }).id }),
        boundMs: 40_000,
      });

    // Another session holds the votes table and never lets go (a stalled database).
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table prizes_votes in access exclusive mode');
    const stalled = await vote(0);
    await holder.query('rollback');
    await holder.end();
    expect(stalled.status).toBe(503);
    expect(stalled.headers['retry-after']).toBe('5');
    expect(JSON.parse(stalled.body)).toMatchObject({ status: 503, title: 'Service temporarily unavailable' });
    // Nothing was stored; the same vote sent again is cast.
    expect((await vote(0)).status).toBe(201);
    agent.destroy();
    serve.child.kill('SIGTERM');
    await exited(serve.child);
  });
});
