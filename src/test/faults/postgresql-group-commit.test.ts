/**
 * The group commit of votes (core/db/grouped.ts) when the connection of a batch dies: every vote of
 * that batch is answered with the error (none left waiting, none acknowledged without its commit),
 * the votes queued behind it are cast on another connection, and a refused vote sent again counts
 * once. PostgreSQL only: the connections are ended with pg_terminate_backend, as a server restart
 * or an administrator would end them.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../core/db/unavailable.js';
import { type CastVoteResult, castVote } from '../../modules/prizes/commands/cast-vote.js';
import { BENCH_YEAR, benchVoterTokens, prepareBenchEdition, seedBenchVoters } from '../../modules/prizes/integrity/bench.js';
import { createTestDatabase, type TestDatabase } from '../db.js';

const VOTERS = 60;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('group commit of votes when its connection dies', () => {
  it('answers every vote of the dead batch with an unavailable error, casts the others, and counts a vote sent again once', { timeout: 60_000 }, async () => {
    await seedBenchVoters(database.db, { voters: VOTERS });
    const tokenOf = await benchVoterTokens(database.db);
    const { nominees } = await prepareBenchEdition(database.db);
    const nominee = (nominees.find((n) => n.category === 1) as { id: number }).id;
    const vote = (voter: number) => castVote(database, { token: tokenOf(voter), year: BENCH_YEAR, nominationId: nominee });

    // Another session holds the votes table: the first batches wait on the lock, the rest queue.
    const admin = new pg.Client({ connectionString: (database.pool as unknown as { options: { connectionString: string } }).options.connectionString, user: 'postgres' });
    await admin.connect();
    await admin.query('begin');
    await admin.query('lock table prizes_votes in share row exclusive mode');
    const waitingPids = async () => {
      await admin.query('select pg_stat_clear_snapshot()'); // a fresh view of the sessions, not the transaction's snapshot
      return (await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' order by query_start")).rows.map(
        (r) => r.pid,
      );
    };
    const waitForWaiting = async (n: number) => {
      for (const until = Date.now() + 20_000; Date.now() < until; ) {
        const pids = await waitingPids();
        if (pids.length >= n) return pids;
      }
      throw new Error(`fewer than ${n} sessions waiting on the lock after 20 s`);
    };
    const send = (from: number) => Array.from({ length: 20 }, (_, i) => vote(from + i));
    // Batch A (voters 0-19) waits on the lock; the votes sent after it (20-59) queue behind it (one
    // vote statement in flight), and leave together once it is answered.
    const outcomes = send(0);
    const [batchA] = await waitForWaiting(1);
    outcomes.push(...send(20), ...send(40));
    const settled = Promise.allSettled(outcomes);
    // The connection of batch A dies (as in a restart), then the lock is released.
    await admin.query('select pg_terminate_backend($1)', [batchA]);
    await admin.query('rollback');
    await admin.end();

    const results = await settled;
    const refused = results.flatMap((r, voter) => (r.status === 'rejected' ? [{ voter, reason: r.reason as unknown }] : []));
    const cast = results.flatMap((r, voter) => (r.status === 'fulfilled' ? [{ voter, value: r.value as CastVoteResult }] : []));
    // Every vote of batch A, and only those, is refused; the votes queued behind it are cast.
    expect(refused.map((r) => r.voter)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(cast.map((c) => c.voter)).toEqual(Array.from({ length: 40 }, (_, i) => 20 + i));
    for (const r of refused) expect(isDatabaseUnavailable(r.reason), String(r.reason)).toBe(true);
    for (const c of cast) expect(c.value.ok).toBe(true);

    const stored = async () =>
      (
        await database.pool.query<{ email: string }>(
          'select u.email from prizes_votes v join auth_users u on u.id = v.voter_id join prizes_editions e on e.id = v.edition_id where e.year = $1',
          [BENCH_YEAR],
        )
      ).rows.map((r) => Number(/^voter(\d+)@/.exec(r.email)?.[1]));
    // Acknowledged = committed; refused = not committed (the batch died waiting, before its commit).
    expect((await stored()).sort((a, b) => a - b)).toEqual(cast.map((c) => c.voter));

    // The refused voters send their vote again: cast once each, on a new connection.
    const again = await Promise.all(refused.map((r) => vote(r.voter)));
    expect(again.every((a) => a.ok)).toBe(true);
    const all = await stored();
    expect(all.length).toBe(VOTERS);
    expect(new Set(all).size).toBe(VOTERS);
  });

  it('a transaction whose connection dies between two statements fails with an unavailable error, and the process and the pool go on', async () => {
    const admin = new pg.Client({ connectionString: (database.pool as unknown as { options: { connectionString: string } }).options.connectionString, user: 'postgres' });
    await admin.connect();
    const outcome = database.db
      .transaction(async (tx) => {
        const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        // Meanwhile (the transaction waits on something else: a password hash, a file), its
        // connection is ended, as a server restart would end it.
        await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      })
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    const error = await outcome;
    await admin.end();
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    // The pool replaced the dead connection.
    expect((await database.pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
