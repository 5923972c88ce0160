/**
 * Durability of votes: a real `wsis serve` process is killed with SIGKILL in the middle of a
 * voting surge, restarted on the same database, and every vote is sent again. Every vote answered
 * 2xx is stored, none twice, and the tallies equal a recount from the raw votes. On PostgreSQL
 * (the postgresql project) and on the embedded PGlite in a data folder (the pglite project): a
 * killed process, not a power cut, which only PostgreSQL's fsync'd write-ahead log covers.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../../app.js';
import { type Database, openDatabase } from '../../../core/db/client.js';
import { testDatabaseKind } from '../../../test/db.js';
import { startServe } from '../../../test/serve-process.js';
import { countVotes, getEditionByYear } from '../queries.js';
import { BENCH_YEAR, prepareVotingDatabase } from './bench.js';

const VOTERS = 150;
const CATEGORIES = 6;
const KILL_AFTER = 300;

const serverUrl = () => new URL(process.env.DATABASE_URL as string);
const admin = async () => {
  const client = new pg.Client({ connectionString: serverUrl().toString(), user: decodeURIComponent(serverUrl().username) || 'postgres' });
  await client.connect();
  return client;
};

type Target = { url?: string; dataDir?: string };

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

type Answer = { status: number; body: string };
const vote = (agent: Agent, base: URL, token: string, nominationId: number) =>
  new Promise<Answer>((resolve) => {
    const body = JSON.stringify({ nominationId });
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: `/api/v1/prizes/editions/${BENCH_YEAR}/votes`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    // A killed server: the connection is reset, the outcome is unknown to the client.
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });

let database: Database | undefined;
let name = '';
let dataDir = '';
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (name) {
    const a = await admin();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }
});

describe(`votes survive a killed server (${testDatabaseKind() === 'postgresql' ? 'PostgreSQL' : 'PGlite in a data folder'})`, () => {
  it('keeps every vote answered 2xx, none twice, with tallies equal to a recount, after SIGKILL mid-surge and a restart', { timeout: 420_000 }, async () => {
    let target: Target;
    if (testDatabaseKind() === 'postgresql') {
      name = `wsis_durability_${randomBytes(5).toString('hex')}`;
      const a = await admin();
      await a.query(`create database ${name}`);
      await a.end();
      const url = serverUrl();
      url.pathname = `/${name}`;
      target = { url: url.toString() };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'wsis-durability-'));
      target = { dataDir };
    }
    // Voters and the bench edition first (PGlite admits one process at a time: ours, then the server's).
    database = await openDatabase({ ...target, poolSize: 2 });
    const { tokenOf, nominees } = await prepareVotingDatabase(database, { voters: VOTERS, modules: MODULES });
    await database.close();
    database = undefined;

    const first = startServe(target);
    children.push(first.child);
    const base = await first.ready;
    const nomineeOf = (voter: number, category: number) => {
      const inCategory = nominees.filter((n) => n.category === category);
      return (inCategory[voter % inCategory.length] as { id: number }).id;
    };
    const ballots = Array.from({ length: VOTERS * CATEGORIES }, (_, i) => ({ voter: i % VOTERS, category: Math.floor(i / VOTERS) + 1 }));

    // The surge: 16 connections; SIGKILL once KILL_AFTER votes have been answered 201.
    const acknowledged = new Map<string, number>();
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let next = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ballots.length && !killed) {
          const ballot = ballots[next++] as { voter: number; category: number };
          const answer = await vote(agent, base, tokenOf(ballot.voter), nomineeOf(ballot.voter, ballot.category));
          if (answer.status === 201) acknowledged.set(`${ballot.voter}:${ballot.category}`, JSON.parse(answer.body).id);
          if (acknowledged.size >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    agent.destroy();
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    const beforeKill = new Set(acknowledged.keys());
    expect(beforeKill.size).toBeGreaterThanOrEqual(KILL_AFTER);

    // Restart on the same database; every ballot is sent again (a voter retrying).
    const second = startServe(target);
    children.push(second.child);
    const base2 = await second.ready;
    const agent2 = new Agent({ keepAlive: true, maxSockets: 16 });
    const statuses = new Map<string, number>();
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (cursor < ballots.length) {
          const ballot = ballots[cursor++] as { voter: number; category: number };
          const key = `${ballot.voter}:${ballot.category}`;
          const answer = await vote(agent2, base2, tokenOf(ballot.voter), nomineeOf(ballot.voter, ballot.category));
          statuses.set(key, answer.status);
          if (answer.status === 201) acknowledged.set(key, JSON.parse(answer.body).id);
        }
      }),
    );
    agent2.destroy();
    second.child.kill('SIGTERM');
    await exited(second.child);

    // After the restart every ballot is answered: a vote answered 2xx before the kill is refused
    // as already cast (409), never counted again; the others are cast now (201), or were stored
    // by a request in flight at the kill, whose answer was lost (409 without any 2xx: at most one
    // per connection).
    expect(new Set(statuses.values())).toEqual(new Set([201, 409]));
    for (const key of beforeKill) expect(statuses.get(key), key).toBe(409);
    const storedUnanswered = [...statuses].filter(([key, status]) => status === 409 && !acknowledged.has(key));
    expect(storedUnanswered.length).toBeLessThanOrEqual(16);
    database = await openDatabase({ ...target, poolSize: 2 });
    const { db, pool } = database;
    const rows = (
      await pool.query<{ id: string; voter: string; category: number; nomination_id: string }>(
        `select v.id, u.email as voter, v.category_number as category, v.nomination_id
         from prizes_votes v join prizes_editions e on e.id = v.edition_id join auth_users u on u.id = v.voter_id
         where e.year = $1`,
        [BENCH_YEAR],
      )
    ).rows;
    const stored = new Map(rows.map((r) => [`${Number(/^voter(\d+)@/.exec(r.voter)?.[1])}:${r.category}`, Number(r.id)]));
    // 1. Every vote answered 2xx is in the database, with the id the answer gave.
    for (const [key, id] of acknowledged) expect(stored.get(key), key).toBe(id);
    // 2. None is there twice: one row per voter and category, every ballot once.
    expect(rows.length).toBe(stored.size);
    expect(rows.length).toBe(ballots.length);
    expect(rows.length).toBe(acknowledged.size + storedUnanswered.length);
    // 3. The tallies equal a recount from the raw votes.
    const recount = new Map<number, number>();
    for (const r of rows) recount.set(Number(r.nomination_id), (recount.get(Number(r.nomination_id)) ?? 0) + 1);
    const tallies = await countVotes(db, await getEditionByYear(db, BENCH_YEAR));
    expect(new Map(tallies.map((t) => [t.nominationId, t.cast]))).toEqual(recount);
    expect(tallies.every((t) => t.valid === t.cast)).toBe(true);
  });
});
