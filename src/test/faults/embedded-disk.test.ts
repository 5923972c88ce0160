/**
 * The embedded database on a disk that is full or read-only, simulated with a real small file
 * system: a tmpfs mounted for the test (this needs root, as in CI and in the development sandbox;
 * root ignores file permissions, so "not writable" is a read-only mount, not a chmod). PGlite
 * project only: the PostgreSQL server's own disk is the operator's (PostgreSQL answers 53100, which
 * the platform answers 503 like any outage).
 *
 * - At start, a read-only or full folder: `wsis serve` exits 1 with one line naming the folder and
 *   the cause, and the folder opens fine once the disk is writable again, with its data.
 * - While running, the disk fills up: the votes that need room are answered 503 (problem+json,
 *   Retry-After), pages keep answering 200, nothing hangs; once room is made the same process takes
 *   votes again; afterwards every vote answered 201 is in the folder, once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statfsSync, writeSync, closeSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../app.js';
import { openDatabase } from '../../core/db/client.js';
import { BENCH_YEAR, prepareVotingDatabase } from '../../modules/prizes/integrity/bench.js';
import { runWsis } from '../cli.js';
import { type Answer, exited, send, startServe } from '../serve-process.js';

const VOTERS = 400;
const mounts: string[] = [];
const children: (() => void)[] = [];
afterAll(async () => {
  for (const kill of children) kill();
  for (const dir of mounts) {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh tmpfs of `size` (mount's syntax: 256m). */
const smallDisk = (size: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'wsis-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
};

/** Fills the disk of `dir` with one file until nothing is left; returns a function that deletes it. */
const fillDisk = (dir: string, leaveBytes = 0) => {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) {
      const { bavail, bsize } = statfsSync(dir);
      const free = bavail * bsize - leaveBytes;
      if (free <= 0) break;
      writeSync(fd, chunk, 0, Math.min(chunk.length, free));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(filler);
};

const prepareFolder = async (dataDir: string) => {
  const database = await openDatabase({ dataDir });
  const { tokenOf, nominees } = await prepareVotingDatabase(database, { voters: VOTERS, modules: MODULES });
  await database.close();
  return { tokenOf, nominees };
};

const storedVotes = async (dataDir: string) => {
  const database = await openDatabase({ dataDir });
  const { rows } = await database.pool.query<{ id: string; email: string; category: number }>(
    `select v.id, u.email, v.category_number as category from prizes_votes v
     join prizes_editions e on e.id = v.edition_id join auth_users u on u.id = v.voter_id where e.year = $1`,
    [BENCH_YEAR],
  );
  const users = Number((await database.pool.query<{ n: string }>('select count(*) as n from auth_users')).rows[0]?.n);
  await database.close();
  return { rows, users };
};

describe('the embedded database on a full or read-only disk', () => {
  it('refuses to start on a read-only or full folder with one clear line, and the folder opens fine afterwards', { timeout: 240_000 }, async () => {
    const disk = smallDisk('256m');
    const dataDir = join(disk, 'db');
    await prepareFolder(dataDir);
    const before = await storedVotes(dataDir);

    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const readOnly = await runWsis(['serve', '--port', '0', '--data', dataDir]);
    execFileSync('mount', ['-o', 'remount,rw', disk]);
    expect(readOnly.stderr).toContain(`wsis: cannot write to the database folder ${dataDir}: read-only file system (EROFS); the platform needs to write there`);
    expect(readOnly.stderr).not.toMatch(/\n\s+at /);
    expect(readOnly.code).toBe(1);

    const free = fillDisk(disk, 10 * 1024 * 1024);
    const full = await runWsis(['serve', '--port', '0', '--data', dataDir]);
    free();
    expect(full.stderr).toMatch(new RegExp(`wsis: the disk of the database folder ${dataDir} is full: \\d+ MiB free, at least 64 MiB needed; free some space and start again`));
    expect(full.stderr).not.toMatch(/\n\s+at /);
    expect(full.code).toBe(1);

    // Nothing was lost or damaged: the folder opens, with the same accounts.
    expect((await storedVotes(dataDir)).users).toBe(before.users);
  });

  it('answers 503 to the votes that find the disk full, keeps serving pages, takes votes again once room is made, and keeps every vote answered 201', {
    timeout: 240_000,
  }, async () => {
    const disk = smallDisk('256m');
    const dataDir = join(disk, 'db');
    const { tokenOf, nominees } = await prepareFolder(dataDir);
    const serve = startServe({ dataDir });
    children.push(() => serve.child.kill('SIGKILL'));
    const base = await serve.ready;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const nomineeOf = (voter: number, category: number) => (nominees.filter((n) => n.category === category)[voter % 5] as { id: number }).id;
    const vote = (voter: number, category: number) =>
      send(agent, {
        base,
        method: 'POST',
        path: `/api/v1/prizes/editions/${BENCH_YEAR}/votes`,
        headers: { authorization: `Bearer ${tokenOf(voter)}`, 'content-type': 'application/json', 'accept-language': 'es' },
        body: JSON.stringify({ nominationId: nomineeOf(voter, category) }),
      });
    const acknowledged = new Map<string, number>();
    const answers: Answer[] = [];
    let ballot = 0;
    const nextVote = async () => {
      const voter = ballot % VOTERS;
      const category = Math.floor(ballot / VOTERS) + 1;
      ballot++;
      const answer = await vote(voter, category);
      answers.push(answer);
      if (answer.status === 201) acknowledged.set(`${voter}:${category}`, JSON.parse(answer.body).id);
      return answer;
    };
    for (let i = 0; i < 50; i++) expect((await nextVote()).status).toBe(201);

    // The disk fills up (another program's file): votes go on until one finds no room.
    const free = fillDisk(disk);
    let refused: Answer | undefined;
    while (!refused && ballot < VOTERS * 18) {
      const answer = await nextVote();
      if (answer.status !== 201) refused = answer;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBe('5');
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({ status: 503, title: 'Servicio no disponible temporalmente' });
    // Pages are read while the disk is full.
    const page = await send(agent, { base, path: `/es/prizes/${BENCH_YEAR}` });
    expect(page.status).toBe(200);
    // Room is made: the same process takes votes again.
    free();
    let again: Answer | undefined;
    for (let i = 0; i < 20 && again?.status !== 201; i++) again = await nextVote();
    expect(again?.status).toBe(201);
    agent.destroy();
    expect(answers.every((a) => a.status === 201 || a.status === 503)).toBe(true);

    serve.child.kill('SIGTERM');
    await exited(serve.child);
    const { rows } = await storedVotes(dataDir);
    const stored = new Map(rows.map((r) => [`${Number(/^voter(\d+)@/.exec(r.email)?.[1])}:${r.category}`, Number(r.id)]));
    expect(rows.length).toBe(stored.size);
    for (const [key, id] of acknowledged) expect(stored.get(key), key).toBe(id);
  });
});
