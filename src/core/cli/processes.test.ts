/**
 * Several processes on one PostgreSQL database behave as one platform: two real `wsis serve`
 * processes (A and B, started at the same moment on an empty database) share sessions, CSRF,
 * rate limits, the search caches, the e-mail outbox, votes and entry decisions; `--workers 2`
 * replaces a worker that dies and stops gracefully. PostgreSQL project only (vitest.config.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, like } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../modules/accounts/commands/create-api-token.js';
import { BENCH_YEAR, benchVoterTokens, prepareBenchEdition, seedBenchVoters } from '../../modules/prizes/integrity/bench.js';
import { votes } from '../../modules/prizes/tables.js';
import { insertPublishedEntry } from '../../modules/stocktaking/test-helpers.js';
import { runWsis } from '../../test/cli.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { Browser, createEmptyDatabase, csrfOf, httpRequest, startWsis, stopWsis, type WsisServer } from '../../test/servers.js';
import { auditLog } from '../audit/tables.js';
import { settings, users } from '../auth/tables.js';
import { type Database, openDatabase } from '../db/client.js';
import { enqueueMail } from '../mail/outbox.js';
import { mailOutbox } from '../mail/tables.js';

/** A real SMTP server that counts what it receives, per recipient. */
const startSmtp = async () => {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const until = async (check: () => Promise<boolean>, what: string, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

const json = (token: string, body: unknown) => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('two wsis serve processes on one PostgreSQL database', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let target: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let a: WsisServer;
  let b: WsisServer;
  let A: URL;
  let B: URL;
  let database: Database;

  beforeAll(async () => {
    smtp = await startSmtp();
    target = await createEmptyDatabase();
    // Both at the same moment on an empty database: they must not both migrate, seed, make an
    // administrator or a cookie secret.
    const env = { SMTP_URL: smtp.url, WSIS_SECRET: '', WSIS_RATE_LIMIT_SCALE: '1' };
    a = startWsis({ url: target.url, env });
    b = startWsis({ url: target.url, env });
    [A, B] = await Promise.all([a.ready, b.ready]);
    database = await openDatabase({ url: target.url, poolSize: 4 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopWsis));
    await database?.close();
    await target?.drop();
    await smtp?.close();
  });

  it('starts together on an empty database with one administrator and one cookie secret', async () => {
    const { db } = database;
    expect((await db.select({ n: count() }).from(users).where(eq(users.email, 'admin@wsis.localhost')))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(settings).where(eq(settings.key, 'cookie_secret')))[0]?.n).toBe(1);
    // The password is printed once, by the process that created the administrator.
    expect(`${a.output()}${b.output()}`.match(/First start/g)).toHaveLength(1);
  });

  it('a session signed in on A works on B, and a form on B accepts the CSRF token of a page from A', async () => {
    const user = await buildUser(database.db);
    const browser = new Browser();
    const signIn = await browser.post(A, '/en/sign-in', { email: user.email, password: TEST_PASSWORD, _csrf: csrfOf((await browser.get(A, '/en/sign-in')).body) });
    expect(signIn.status).toBe(303);
    const account = await browser.get(B, '/en/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain(user.email);

    // A forged token is refused on B (the check is real), the token of A's page is accepted.
    const token = csrfOf((await browser.get(A, '/en/account')).body);
    expect((await browser.post(B, '/en/sign-out', { _csrf: `${token}x` })).status).toBe(403);
    expect((await browser.post(B, '/en/sign-out', { _csrf: token })).status).toBe(303);
    // Signed out on B: the session is gone for A too.
    expect((await browser.get(A, '/en/account')).status).toBe(303);
  });

  it('counts a rate limit across both processes: the sixth request for a password reset in the hour is refused, wherever it lands', async () => {
    const browser = new Browser();
    const token = csrfOf((await browser.get(A, '/en/forgot-password')).body);
    const ask = (server: URL) => browser.post(server, '/en/forgot-password', { email: 'nobody@example.org', _csrf: token });
    const statuses = [];
    for (const server of [A, B, A, B, A]) statuses.push((await ask(server)).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    const refused = await ask(B);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await ask(A)).status).toBe(429);
  });

  it('shows an entry published through A in the very next search on B', async () => {
    const { db } = database;
    const moderator = await buildUser(db, { roles: ['moderator'] });
    const { token } = await createApiToken(db, { userId: moderator.id, label: 'test', actor: null });
    const submitter = await buildUser(db);
    const entry = await insertPublishedEntry(db, {
      state: 'submitted',
      publishedAt: null,
      publishedYear: null,
      submitterId: submitter.id,
      title: { en: 'Quokkaharbour broadband' },
    });
    const search = async (server: URL) =>
      JSON.parse((await httpRequest({ base: server, path: '/api/v1/entries?q=quokkaharbour' })).body) as { total: number; items: { id: number }[] };
    // B's caches are read first, at the version before the publication.
    expect((await search(B)).total).toBe(0);
    const published = await httpRequest({ base: A, path: `/api/v1/entries/${entry.id}/decision`, ...json(token, { decision: 'publish' }) });
    expect(published.status).toBe(200);
    const found = await search(B);
    expect(found.total).toBe(1);
    expect(found.items.map((i) => i.id)).toEqual([entry.id]);
  });

  it('decides an entry once when two moderators publish it at the same moment through A and B: one decision, one audit row, one e-mail', async () => {
    const { db } = database;
    const tokens: string[] = [];
    for (const n of [1, 2]) {
      const moderator = await buildUser(db, { roles: ['moderator'], email: `moderator-${n}-${Date.now()}@example.org` });
      tokens.push((await createApiToken(db, { userId: moderator.id, label: 'test', actor: null })).token);
    }
    const submitter = await buildUser(db, { email: `submitter-${Date.now()}@example.org` });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const entry = await insertPublishedEntry(db, { state: 'submitted', publishedAt: null, publishedYear: null, submitterId: submitter.id });
      ids.push(entry.id);
      const answers = await Promise.all(
        [A, B].map((server, n) => httpRequest({ base: server, path: `/api/v1/entries/${entry.id}/decision`, ...json(tokens[n] as string, { decision: 'publish' }) })),
      );
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
      const refusal = answers.find((x) => x.status === 409);
      expect(JSON.parse(refusal?.body ?? '{}').detail).toMatch(/already been decided/);
      const audited = await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'stocktaking.entry.moderate'), eq(auditLog.subjectId, String(entry.id))));
      expect(audited[0]?.n).toBe(1);
    }
    const queued = await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.to, submitter.email));
    expect(queued[0]?.n).toBe(ids.length);
    await until(async () => smtp.received.filter((to) => to === submitter.email).length >= ids.length, 'the decision e-mails');
    // Both processes deliver; each message leaves once.
    await new Promise((r) => setTimeout(r, 6000));
    expect(smtp.received.filter((to) => to === submitter.email)).toHaveLength(ids.length);
  });

  it('delivers every outbox message exactly once while both processes deliver', async () => {
    const { db } = database;
    const recipients = Array.from({ length: 60 }, (_, i) => `outbox-${i}@example.org`);
    for (const to of recipients) await enqueueMail(db, { to, locale: 'en', compose: () => ({ subject: 'Test', paragraphs: ['One message.'] }) });
    await until(async () => {
      const [pending] = await db
        .select({ n: count() })
        .from(mailOutbox)
        .where(and(like(mailOutbox.to, 'outbox-%'), eq(mailOutbox.status, 'pending')));
      return pending?.n === 0;
    }, 'the outbox to empty');
    await new Promise((r) => setTimeout(r, 6000));
    const delivered = smtp.received.filter((to) => to.startsWith('outbox-'));
    expect(delivered.sort()).toEqual([...recipients].sort());
  });

  it('counts one vote when one voter sends votes in one category to A and B at the same moment', async () => {
    const { db } = database;
    await seedBenchVoters(db, { voters: 3 });
    const tokenOf = await benchVoterTokens(db);
    const { editionId, nominees } = await prepareBenchEdition(db);
    const inCategory = nominees.filter((n) => n.category === 1);
    for (let voter = 0; voter < 3; voter++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          httpRequest({
            base: i % 2 ? B : A,
            path: `/api/v1/prizes/editions/${BENCH_YEAR}/votes`,
            ...json(tokenOf(voter), { nominationId: (inCategory[i % inCategory.length] as { id: number }).id }),
          }),
        ),
      );
      expect(answers.map((x) => x.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    }
    const stored = await db.select({ n: count() }).from(votes).where(eq(votes.editionId, editionId));
    expect(stored[0]?.n).toBe(3);
  });
});

describe('wsis serve --workers', () => {
  const workersOf = (pid: number) =>
    execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, comm]) => comm === 'node')
      .map(([p]) => Number(p));

  it('replaces a worker that dies, keeps serving, and stops every worker on SIGTERM', { timeout: 120_000 }, async () => {
    const target = await createEmptyDatabase();
    const server = startWsis({ url: target.url, args: ['--workers', '2'] });
    try {
      const base = await server.ready;
      expect(server.output()).toContain('2 workers');
      const primary = server.child.pid as number;
      const before = workersOf(primary);
      expect(before).toHaveLength(2);
      process.kill(before[0] as number, 'SIGKILL');
      await until(async () => /worker exited; starting a new one/.test(server.output()), 'the log of the dead worker');
      await until(async () => {
        const now = workersOf(primary);
        return now.length === 2 && !now.includes(before[0] as number);
      }, 'a new worker');
      for (let i = 0; i < 4; i++) expect((await httpRequest({ base, path: '/healthz' })).status).toBe(200);
      const running = workersOf(primary);
      expect(await stopWsis(server)).toEqual({ code: 0, signal: null });
      for (const pid of running) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await stopWsis(server);
      await target.drop();
    }
  });

  it('is refused on the embedded database, and a value that is not a number of workers is refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wsis-workers-'));
    try {
      const pglite = await runWsis(['serve', '--workers', '2', '--data', dataDir]);
      expect(pglite.code).toBe(1);
      expect(pglite.stderr).toMatch(/needs PostgreSQL.*DATABASE_URL/);
      const wrong = await runWsis(['serve', '--workers', 'many', '--data', dataDir]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('must be a whole number from 1 to 64, or auto');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
