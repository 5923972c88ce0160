/**
 * The vote benchmark: voter accounts for `wsis seed bench --voters N`, a bench edition in its
 * voting phase, and measureVoting, which casts votes over HTTP with real API tokens against a
 * running server and measures the same INSERT through the driver alone (the raw ceiling).
 * Bench voters have e-mail addresses in a reserved domain (voters.bench.invalid) and are meant
 * for scratch databases only.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../../core/auth/passwords.js';
import { apiTokens, settings, users } from '../../../core/auth/tables.js';
import { hashSecret, newSecret } from '../../../core/auth/tokens.js';
import type { Database, Db } from '../../../core/db/client.js';
import type { PlatformModule } from '../../../core/module.js';
import { networkOf } from '../commands/cast-vote.js';
import { voteRecorded } from '../notifications.js';
import { phaseColumns, phaseDatesAround } from '../phases.js';
import { categories, editions, nominations, votes } from '../tables.js';

export const BENCH_VOTER_DOMAIN = 'voters.bench.invalid';
export const BENCH_YEAR = 2099;
const SECRET_KEY = 'prizes_bench_voter_secret';
const BATCH = 5_000;

const voterSecret = async (db: Db) => {
  await db.insert(settings).values({ key: SECRET_KEY, value: newSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, SECRET_KEY));
  return String(row?.value);
};

/** The API token of bench voter `index` (derived from the database's bench secret, stored only hashed). */
export const benchVoterToken = (secret: string, index: number) => `wsis_bench${index}_${createHmac('sha256', secret).update(String(index)).digest('base64url').slice(0, 24)}`;

/** The token maker of this database's bench voters: index → API token. */
export const benchVoterTokens = async (db: Db) => {
  const secret = await voterSecret(db);
  return (index: number) => benchVoterToken(secret, index);
};

/** How many bench voters the database holds. */
export const countBenchVoters = async (db: Db) => {
  const result = await db.execute<{ n: string }>(sql`select count(*) as n from auth_users where email like ${`%@${BENCH_VOTER_DOMAIN}`}`);
  return Number(result.rows[0]?.n ?? 0);
};

/**
 * Adds verified voter accounts until the database holds `voters`, each with an API token, in
 * multi-row INSERTs of 5,000 with one shared password hash; accounts are dated 30 days back so
 * their votes count under the usual rule. Returns the number added.
 */
export const seedBenchVoters = async (db: Db, { voters, onBatch }: { voters: number; onBatch?: (n: number) => void }) => {
  const existing = await countBenchVoters(db);
  if (existing >= voters) return 0;
  const secret = await voterSecret(db);
  const passwordHash = await hashPassword(newSecret());
  const createdAt = new Date(Date.now() - 30 * 86_400_000);
  for (let start = existing; start < voters; start += BATCH) {
    const end = Math.min(voters, start + BATCH);
    await db.transaction(async (tx) => {
      const ids = await tx
        .insert(users)
        .values(
          Array.from({ length: end - start }, (_, k) => ({
            email: `voter${start + k}@${BENCH_VOTER_DOMAIN}`,
            name: `Bench voter ${start + k}`,
            passwordHash,
            emailVerifiedAt: createdAt,
            createdAt,
            updatedAt: createdAt,
          })),
        )
        .returning({ id: users.id, email: users.email });
      await tx.insert(apiTokens).values(
        ids.map((u) => {
          const index = Number(/^voter(\d+)@/.exec(u.email)?.[1]);
          // Used just now: the first request of each voter does not touch the token row.
          return { userId: u.id, label: 'bench', tokenHash: hashSecret(benchVoterToken(secret, index)), lastUsedAt: new Date() };
        }),
      );
    });
    onBatch?.(end - start);
  }
  return voters - existing;
};

/**
 * Vacuums the votes table after the bench deleted its votes: each run deletes hundreds of thousands,
 * and the dead rows left in the table and its unique index slowed every later run (votes and
 * ceiling alike, by a third after a few runs) until autovacuum came by.
 */
const vacuumVotes = async (db: Db) => {
  await db.execute(sql`vacuum (analyze) prizes_votes`);
};

/**
 * Deletes the bench edition's votes and their receipts (each accepted vote notifies its voter),
 * then vacuums both tables: without the receipts, every run left a million notifications behind.
 */
const deleteBenchVotes = async (db: Db, editionId: number) => {
  await db.delete(votes).where(eq(votes.editionId, editionId));
  await db.execute(sql`delete from core_notifications where kind = ${voteRecorded.event} and params->>'year' = ${String(BENCH_YEAR)}`);
  await vacuumVotes(db);
  await db.execute(sql`vacuum (analyze) core_notifications`);
};

/**
 * The bench edition (2099) in its voting phase, with 18 categories of 5 accepted nominees each;
 * its previous votes are deleted so each run starts from zero. Returns the nominees per category.
 */
/**
 * A database ready for a surge of votes: migrated, the reference data of `modules`, `voters` accounts
 * with API tokens and the bench edition with voting open (the durability and fault tests).
 */
export const prepareVotingDatabase = async (database: Database, { voters, modules }: { voters: number; modules: PlatformModule[] }) => {
  const { migrateDatabase } = await import('../../../core/db/client.js');
  const { seedReference } = await import('../../../core/cli/startup.js');
  await migrateDatabase(database);
  await seedReference(database, modules);
  await seedBenchVoters(database.db, { voters });
  const tokenOf = await benchVoterTokens(database.db);
  const { nominees } = await prepareBenchEdition(database.db);
  return { tokenOf, nominees };
};

export const prepareBenchEdition = async (db: Db) => {
  const phaseDates = phaseColumns(phaseDatesAround('voting'));

  const [found] = await db.select({ id: editions.id }).from(editions).where(eq(editions.year, BENCH_YEAR));
  let editionId = found?.id;
  if (editionId === undefined) {
    const [created] = await db
      .insert(editions)
      .values({ year: BENCH_YEAR, ...phaseDates })
      .returning({ id: editions.id });
    editionId = created?.id as number;
    await db
      .insert(categories)
      .values(Array.from({ length: 18 }, (_, i) => ({ editionId: editionId as number, number: i + 1, actionLine: `C${i + 1}`, title: { en: `Bench category ${i + 1}` } })));
    await db.insert(nominations).values(
      Array.from({ length: 18 * 5 }, (_, i) => ({
        editionId: editionId as number,
        categoryNumber: Math.floor(i / 5) + 1,
        entryId: 1_000_000_000 + i,
        state: 'accepted' as const,
      })),
    );
  } else {
    await db.update(editions).set(phaseDates).where(eq(editions.id, editionId));
  }
  await deleteBenchVotes(db, editionId);
  const rows = await db.select({ id: nominations.id, category: nominations.categoryNumber }).from(nominations).where(eq(nominations.editionId, editionId));
  return { editionId, nominees: rows.map((r) => ({ id: Number(r.id), category: r.category })) };
};

const percentile = (sorted: number[], p: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number) : 0);

/** One round of the vote benchmark: votes over HTTP, then the ceiling right after. */
type Round = {
  seconds: number;
  accepted: number;
  refused: number;
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The same INSERT, one transaction per vote, through the pool with the same number of callers. */
  ceilingPerSecond: number;
  ratio: number;
  /** The public page requested during the surge. */
  page: { path: string; requests: number; non2xx: number; p50Ms: number; p99Ms: number };
};

/**
 * The round of the median ratio, and every round (the machine's speed drifts within a run);
 * `medianPerSecond` is the median of the rounds' accepted votes a second, whatever their ceilings.
 */
export type VotingResult = Round & { voters: number; connections: number; rounds: Round[]; medianPerSecond: number };

type Answer = { status: number; ms: number };

/**
 * A keep-alive HTTP/1.1 connection that sends one request at a time and reads the status line and
 * the Content-Length body of each answer: the vote load costs the machine less than node:http's
 * client would, and the server under test sees ordinary requests.
 */
class RawConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((answer: Answer) => void) | null = null;
  private started = 0;
  constructor(private readonly base: URL) {}

  private open() {
    const socket = connect({ host: this.base.hostname, port: Number(this.base.port) });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = () => {
      this.socket = null;
      this.buffer = Buffer.alloc(0);
      this.finish(0);
    };
    socket.on('error', fail);
    socket.on('close', fail);
    this.socket = socket;
    return socket;
  }

  private parse() {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    this.finish(Number(head.slice(9, 12)));
  }

  private finish(status: number) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ status, ms: performance.now() - this.started });
  }

  send(request: string) {
    return new Promise<Answer>((resolve) => {
      this.waiting = resolve;
      this.started = performance.now();
      (this.socket ?? this.open()).write(request);
    });
  }

  close() {
    this.socket?.destroy();
  }
}

const get = (agent: Agent, base: URL, path: string) =>
  new Promise<Answer>((resolve) => {
    const started = performance.now();
    const req = request({ agent, host: base.hostname, port: base.port, method: 'GET', path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });

/** A fake but plausible client address per voter (served when the server trusts its proxy). */
const addressOf = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

/**
 * Casts one vote per bench voter (category and nominee spread over the 18 × 5) through
 * POST /api/v1/prizes/editions/2099/votes of the server at `baseUrl`, with `connections`
 * keep-alive connections and each voter's own token, for at most `seconds` or `voters` votes,
 * while one more connection requests a public page ten times a second, after a warm-up of
 * `warmupSeconds` whose votes are not counted and are deleted. Then measures the raw ceiling: the
 * same INSERT, one transaction per vote, through `database.pool` with as many callers. With
 * `rounds`, votes and ceiling are measured that many times in turn (each ratio compares two
 * measures taken seconds apart, while the speed of a shared machine drifts over a run).
 */
export const measureVoting = async (
  database: Database,
  {
    baseUrl,
    voters,
    connections = 10,
    seconds = 20,
    pagePath = `/en/prizes/${BENCH_YEAR}`,
    warmupSeconds = 3,
    rounds = 1,
  }: {
    baseUrl: string;
    voters: number;
    connections?: number;
    seconds?: number;
    pagePath?: string;
    /** Votes sent first and not measured (JIT warm-up), from the last voters; deleted after. */
    warmupSeconds?: number;
    /** Rounds of votes then ceiling, one after the other; the round of the median ratio is returned (with all of them). */
    rounds?: number;
  },
): Promise<VotingResult> => {
  const db = database.db;
  const available = await countBenchVoters(db);
  if (available < voters) throw new Error(`the database holds ${available} bench voters; run wsis seed bench --voters ${voters}`);
  const secret = await voterSecret(db);
  const { editionId, nominees } = await prepareBenchEdition(db);
  const base = new URL(baseUrl);
  const pageAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const path = `/api/v1/prizes/editions/${BENCH_YEAR}/votes`;
  const host = `${base.hostname}:${base.port}`;
  const vote = (index: number) => {
    const nominee = nominees[index % nominees.length] as { id: number };
    const body = `{"nominationId":${nominee.id}}`;
    return `POST ${path} HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${benchVoterToken(secret, index)}\r\nx-forwarded-for: ${addressOf(index)}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
  };
  /** Deletes the bench edition's votes and receipts (and their dead rows): after the warm-up and after each round. */
  const emptyEdition = () => deleteBenchVotes(db, editionId);
  const sockets = Array.from({ length: connections }, () => new RawConnection(base));
  /** Each connection sends the vote of the next voter until `more` says stop. */
  const surge = (nextVoter: () => number | null, onAnswer: (answer: Answer) => void) =>
    Promise.all(
      sockets.map(async (socket) => {
        for (let index = nextVoter(); index !== null; index = nextVoter()) onAnswer(await socket.send(vote(index)));
      }),
    );

  // Warm-up (not measured): the server's code is compiled by the JIT as it would be after a few
  // seconds of any surge; voters taken from the end of the range, their votes deleted after.
  if (warmupSeconds > 0) {
    const warmupEnd = performance.now() + warmupSeconds * 1000;
    let down = voters - 1;
    const floor = Math.floor(voters / 2);
    await surge(
      () => (down >= floor && performance.now() < warmupEnd ? down-- : null),
      () => undefined,
    );
    await emptyEdition();
  }

  const ids = (await database.pool.query<{ id: string }>(`select id from auth_users where email like '%@${BENCH_VOTER_DOMAIN}' order by id limit $1`, [voters])).rows.map((r) =>
    Number(r.id),
  );
  const ceilingCategory = 18;
  const ceilingNominee = nominees.find((n) => n.category === ceilingCategory)?.id ?? 0;
  /**
   * The raw ceiling for `forSeconds`: the same INSERT (with its ON CONFLICT), autocommit, as many
   * callers, voters taken from the same accounts, in category 18 emptied first. Inserts per second.
   */
  const measureCeiling = async (forSeconds: number) => {
    await database.pool.query('delete from prizes_votes where edition_id = $1 and category_number = $2', [editionId, ceilingCategory]);
    await vacuumVotes(db);
    let done = 0;
    let cursor = 0;
    const started = performance.now();
    const deadline = started + forSeconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (cursor < ids.length && performance.now() < deadline) {
          const voterId = ids[cursor++] as number;
          const ip = addressOf(cursor);
          await database.pool.query(
            'insert into prizes_votes (edition_id, category_number, nomination_id, voter_id, ip, network) values ($1, $2, $3, $4, $5, $6) on conflict (edition_id, category_number, voter_id) do nothing returning id',
            [editionId, ceilingCategory, ceilingNominee, voterId, ip, networkOf(ip)],
          );
          done++;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  };

  /** One round: a surge of votes over HTTP, then the ceiling through the driver, then both deleted. */
  const round = async (): Promise<Round> => {
    const latencies: number[] = [];
    let accepted = 0;
    let refused = 0;
    let next = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    let surging = true;
    const page = { requests: 0, non2xx: 0, latencies: [] as number[] };
    // A reader of the public page, ten times a second: does it keep answering during the surge?
    const pageLoop = (async () => {
      while (surging) {
        const answer = await get(pageAgent, base, pagePath);
        page.requests++;
        if (answer.status < 200 || answer.status >= 300) page.non2xx++;
        page.latencies.push(answer.ms);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - answer.ms)));
      }
    })();
    await surge(
      () => (next < voters && performance.now() < deadline ? next++ : null),
      (answer) => {
        latencies.push(answer.ms);
        if (answer.status === 201) accepted++;
        else refused++;
      },
    );
    const elapsed = (performance.now() - started) / 1000;
    surging = false;
    await pageLoop;
    latencies.sort((a, b) => a - b);
    page.latencies.sort((a, b) => a - b);

    const ceilingPerSecond = await measureCeiling(Math.max(3, Math.min(seconds, elapsed)));
    // Each round starts from an empty edition (the same voters vote again).
    await emptyEdition();
    const acceptedPerSecond = accepted / elapsed;
    return {
      seconds: elapsed,
      accepted,
      refused,
      acceptedPerSecond,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      ceilingPerSecond,
      ratio: ceilingPerSecond > 0 ? acceptedPerSecond / ceilingPerSecond : 0,
      page: { path: pagePath, requests: page.requests, non2xx: page.non2xx, p50Ms: percentile(page.latencies, 50), p99Ms: percentile(page.latencies, 99) },
    };
  };

  const measured: Round[] = [];
  for (let r = 0; r < rounds; r++) measured.push(await round());
  for (const socket of sockets) socket.close();
  pageAgent.destroy();
  // The round of the median ratio stands for the run; every round is reported.
  const median = [...measured].sort((a, b) => a.ratio - b.ratio)[Math.floor(measured.length / 2)] as Round;
  const medianPerSecond = measured.map((m) => m.acceptedPerSecond).sort((a, b) => a - b)[Math.floor(measured.length / 2)] as number;
  return { voters, connections, ...median, rounds: measured, medianPerSecond };
};

/** PostgreSQL's own load client (Debian: postgresql-client), or null when the machine has none. */
const findPgbench = async () => {
  const { existsSync, readdirSync } = await import('node:fs');
  for (const dir of ['/usr/bin', ...readdirSync('/usr/lib/postgresql', { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [`/usr/lib/postgresql/${d.name}/bin`] : []))]) {
    if (existsSync(`${dir}/pgbench`)) return `${dir}/pgbench`;
  }
  return null;
};

/**
 * The database's own limit for the vote's INSERT: pgbench (a C client) runs the same statement,
 * one fsync'd commit each, with `clients` connections for `seconds`, voters drawn at random from
 * the bench accounts, in category 17 (emptied before and after). Transactions per second, or null
 * without pgbench.
 */
export const pgbenchVotes = async (database: Database, databaseUrl: string, { clients, seconds }: { clients: number; seconds: number }) => {
  const pgbench = await findPgbench().catch(() => null);
  if (!pgbench) return null;
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { editionId, nominees } = await prepareBenchEdition(database.db);
  const category = 17;
  const nominee = nominees.find((n) => n.category === category)?.id ?? 0;
  const range = await database.pool.query<{ low: string; high: string }>(`select min(id) as low, max(id) as high from auth_users where email like '%@${BENCH_VOTER_DOMAIN}'`);
  const low = Number(range.rows[0]?.low ?? 0);
  const high = Number(range.rows[0]?.high ?? 0);
  const ip = '10.1.2.3';
  const folder = await mkdtemp(join(tmpdir(), 'wsis-pgbench-'));
  const script = join(folder, 'vote.sql');
  await writeFile(
    script,
    `\\set voter random(${low}, ${high})\ninsert into prizes_votes (edition_id, category_number, nomination_id, voter_id, ip, network) values (${editionId}, ${category}, ${nominee}, :voter, '${ip}', '${networkOf(ip)}') on conflict (edition_id, category_number, voter_id) do nothing returning id;\n`,
  );
  const empty = () => database.pool.query('delete from prizes_votes where edition_id = $1 and category_number = $2', [editionId, category]);
  await empty();
  try {
    const url = new URL(databaseUrl);
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        pgbench,
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(clients),
          '-j',
          '2',
          '-T',
          String(seconds),
          '-f',
          script,
          '-h',
          url.hostname,
          '-p',
          url.port || '5432',
          '-U',
          decodeURIComponent(url.username) || 'postgres',
          url.pathname.slice(1),
        ],
        { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
        (error, stdout, stderr) => (error ? reject(new Error(`pgbench: ${stderr || error.message}`)) : resolve(stdout)),
      ),
    );
    const tps = /tps = ([\d.]+)/.exec(output)?.[1];
    return tps ? Number(tps) : null;
  } finally {
    await empty();
    await vacuumVotes(database.db);
    await rm(folder, { recursive: true, force: true });
  }
};

/** The scratch database of the vote benchmark on the server of `serverUrl` (created once, kept between runs). */
export const votingBenchDatabase = async (serverUrl: string) => {
  const { default: pg } = await import('pg');
  const server = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: server.toString(), user: decodeURIComponent(server.username) || 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', ['wsis_bench_votes']);
    if (exists.rowCount === 0) await admin.query('create database wsis_bench_votes');
  } finally {
    await admin.end();
  }
  server.pathname = '/wsis_bench_votes';
  return server.toString();
};

/**
 * The vote benchmark as `wsis bench` runs it on PostgreSQL: a real `wsis serve` process on the
 * database at `databaseUrl` (trusting X-Forwarded-For, so each voter has an address; limits
 * scaled out of the way), votes cast by `voters` bench voters (made by `wsis seed bench --voters`,
 * or here when fewer exist), then the same again with `wsis serve --workers 2` (two processes on
 * the one database), and the markdown lines of the result. Each server is stopped after.
 */
export const runVotingBench = async ({
  databaseUrl,
  voters,
  connections = 10,
  surgeConnections = 50,
  seconds = 20,
  rounds = 3,
  workers = 2,
  cli = [process.execPath, ...process.execArgv, process.argv[1] as string],
  modules,
}: {
  databaseUrl: string;
  /** The platform's modules (their reference data is loaded first). */
  modules: PlatformModule[];
  voters: number;
  connections?: number;
  /** A second measure with this many concurrent voters (a campaign's surge); 0 to skip. */
  surgeConnections?: number;
  seconds?: number;
  /** Rounds of votes then ceiling per concurrency (the median ratio is reported, and every round). */
  rounds?: number;
  /** The processes of the second measure (`wsis serve --workers N`); 1 to skip it. */
  workers?: number;
  /** How to start the `wsis` program (this one by default). */
  cli?: string[];
}): Promise<{ result: VotingResult; surge: VotingResult | null; several: { result: VotingResult; surge: VotingResult | null } | null; lines: string[] }> => {
  const { migrateDatabase, openDatabase } = await import('../../../core/db/client.js');
  const { seedReference } = await import('../../../core/cli/startup.js');
  const { startServe } = await import('../../../core/cli/serve-process.js');
  const database = await openDatabase({ url: databaseUrl, poolSize: Math.max(connections, surgeConnections) });
  /** Starts `wsis serve` (with `--workers n` above 1), measures both concurrencies, stops it. */
  const measureWith = async (n: number) => {
    const server = await startServe({ env: { DATABASE_URL: databaseUrl, WSIS_TRUST_PROXY: '1' }, workers: n, cli, until: 'warm' });
    try {
      const result = await measureVoting(database, { baseUrl: server.url, voters, connections, seconds, rounds });
      const surge = surgeConnections > 0 ? await measureVoting(database, { baseUrl: server.url, voters, connections: surgeConnections, seconds, rounds }) : null;
      return { result, surge };
    } finally {
      await server.stop();
    }
  };
  try {
    await migrateDatabase(database);
    await seedReference(database, modules);
    await seedBenchVoters(database.db, { voters });
    const loadBefore = loadavg()[0] ?? 0;
    const { result, surge } = await measureWith(1);
    // The database's own limit, pgbench with as many clients, right after the surges.
    // As many runs as rounds of votes, their median (pgbench's speed drifts too).
    const pgbenchAt = new Map<number, { median: number; runs: number[] } | null>();
    for (const clients of [connections, ...(surge ? [surgeConnections] : [])]) {
      const runs: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const tps = await pgbenchVotes(database, databaseUrl, { clients, seconds: Math.min(seconds, 10) });
        if (tps === null) break;
        runs.push(tps);
      }
      pgbenchAt.set(clients, runs.length ? { median: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number, runs } : null);
    }
    const loadBetween = loadavg()[0] ?? 0;
    const several = workers > 1 ? await measureWith(workers) : null;
    const loadAfter = loadavg()[0] ?? 0;
    const f = (n: number) => n.toFixed(1);
    const rows = (r: VotingResult) => [
      `| **${r.connections} connections**: accepted votes over HTTP (${r.accepted.toLocaleString('en')} in ${f(r.seconds)} s, ${r.refused} refused) | ${f(r.acceptedPerSecond)} | ${f(r.p50Ms)} | ${f(r.p99Ms)} |`,
      `| the same INSERT through the driver, ${r.connections} connections | ${f(r.ceilingPerSecond)} | | |`,
      `| **ratio votes / driver** (median of ${r.rounds.length} rounds) | **${r.ratio.toFixed(2)}** | | |`,
      `| public page ${r.page.path} during the surge (${r.page.requests} requests, ${r.page.non2xx} not 2xx) | | ${f(r.page.p50Ms)} | ${f(r.page.p99Ms)} |`,
    ];
    const roundLine = (r: VotingResult) =>
      `${r.connections} voters: ${r.rounds.map((x) => `${x.acceptedPerSecond.toFixed(0)}/s against ${x.ceilingPerSecond.toFixed(0)}/s (${x.ratio.toFixed(2)}, p99 ${x.p99Ms.toFixed(0)} ms)`).join('; ')}`;
    /** Two processes against one: accepted votes per second of the median rounds, and their ratios to the driver. */
    const compare = (one: VotingResult, two: VotingResult) =>
      `| ${one.connections} voters | ${f(one.acceptedPerSecond)} (${one.ratio.toFixed(2)}) | ${f(two.acceptedPerSecond)} (${two.ratio.toFixed(2)}) | **${(two.acceptedPerSecond / one.acceptedPerSecond).toFixed(2)}** | ${f(one.p99Ms)} / ${f(two.p99Ms)} |`;
    const lines = [
      '',
      `### Votes over HTTP (PostgreSQL, ${voters.toLocaleString('en')} voter accounts)`,
      '',
      `Each vote is \`POST /api/v1/prizes/editions/2099/votes\` with the voter’s own API token, answered 201 after its commit, against a real \`wsis serve\` process (after 3 s of warm-up votes, not counted); the public edition page is requested ten times a second on one more connection meanwhile. The ceiling is the same INSERT, one transaction per vote, through the driver alone with as many connections, measured right after each surge: ${rounds} rounds of votes then ceiling per concurrency, the table shows the round of the median ratio (the speed of this shared machine drifts within a run, and each ratio compares two measures taken seconds apart). Measured with ${connections} concurrent voters${surge ? `, then ${surgeConnections} (a campaign’s surge: more votes arrive while a batch commits, so each statement carries more of them, where the driver alone pays one commit per vote)` : ''}.`,
      '',
      '| | per second | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: |',
      ...rows(result),
      ...(surge ? rows(surge) : []),
      '',
      `Against PostgreSQL’s own client as the ceiling: pgbench (C, libpq, prepared statement) running the same INSERT with one fsync’d commit each, as many clients, voters drawn at random from the bench accounts, ${rounds} runs per concurrency right after the surges; the medians of the rounds’ votes and of the pgbench runs are compared (issue 12’s goal: votes ≥ 0.6 of pgbench at 10 voters, ≥ 0.9 at 50).`,
      '',
      '| concurrent voters | votes over HTTP per second (median of the rounds) | pgbench, same INSERT, tps (median; every run) | **ratio votes / pgbench** |',
      '| --- | ---: | ---: | ---: |',
      ...[result, ...(surge ? [surge] : [])].map((r) => {
        const pg = pgbenchAt.get(r.connections) ?? null;
        return `| ${r.connections} | ${f(r.medianPerSecond)} | ${pg === null ? 'pgbench not found' : `${f(pg.median)} (${pg.runs.map((x) => x.toFixed(0)).join(', ')})`} | **${pg ? (r.medianPerSecond / pg.median).toFixed(2) : '–'}** |`;
      }),
      '',
      `Every round, in order (votes, then the ceiling right after): ${[result, ...(surge ? [surge] : [])].map(roundLine).join('. ')}.`,
      ...(several
        ? [
            '',
            `### Votes with ${workers} processes (\`wsis serve --workers ${workers}\`, same database)`,
            '',
            `The same surges against ${workers} web processes sharing the port (node:cluster), measured after the single process. Accepted votes per second of the median round, with its ratio to the driver in brackets; the last column compares the processes with the one.`,
            '',
            `| concurrent voters | one process | ${workers} processes | ${workers} / one | p99 ms one / ${workers} |`,
            '| --- | ---: | ---: | ---: | ---: |',
            compare(result, several.result),
            ...(surge && several.surge ? [compare(surge, several.surge)] : []),
            '',
            `Every round with ${workers} processes: ${[several.result, ...(several.surge ? [several.surge] : [])].map(roundLine).join('. ')}.`,
          ]
        : []),
      '',
      `Load average (1 minute) when this case started${several ? ', between one process and several,' : ''} and when it ended: ${[loadBefore, ...(several ? [loadBetween] : []), loadAfter].map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores, shared with the load generator (and, on this machine, with other work): other work lowers both the votes and the ceiling.`,
    ];
    return { result, surge, several, lines };
  } finally {
    await database.close();
  }
};
