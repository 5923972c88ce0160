import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runWsis, type WsisRun } from '../../test/cli.js';
import { openDatabase } from '../db/client.js';
import { lockDataFolder } from '../db/data-lock.js';

// The embedded data folder admits one process at a time: commands run through a running
// `wsis serve`, as an operator runs them, in child processes (PGlite only: the postgresql project
// excludes this file).

const dir = mkdtempSync(join(tmpdir(), 'wsis-data-lock-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wsis = (...args: string[]) => runWsis(args, { timeout: 120_000 });

const startServer = (data: string) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--no-demo', '--port', '0', '--data', data], {
    env: { ...process.env, DATABASE_URL: '', WSIS_DATA_DIR: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exit.then((code) => reject(new Error(`wsis serve exited with ${code}: ${output}`)));
  });
  return { child, ready, exit, output: () => output, pid: child.pid as number };
};

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a refused process prints: the folder, the server's command, pid, start and address, and what to do. */
const refusal = (data: string, server: { pid: number; url: string }) =>
  new RegExp(
    `^wsis: The embedded database in ${literal(data)} is in use by \`wsis serve\` \\(process ${server.pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, ${literal(server.url)}\\)\\. ` +
      'Stop it first, or run the platform on PostgreSQL \\(DATABASE_URL\\), where commands work while it serves\\.\\n$',
  );
/** Runs the commands a few at a time (the machine has two cores). */
const runAll = async (commands: string[][]) => {
  const results: WsisRun[] = [];
  for (let i = 0; i < commands.length; i += 3) results.push(...(await Promise.all(commands.slice(i, i + 3).map((args) => wsis(...args)))));
  return results;
};

describe('an embedded data folder admits one process at a time', () => {
  it('runs every command that writes through a running `wsis serve`; each write is there after a restart; restore is refused', { timeout: 420_000 }, async () => {
    const data = join(dir, 'lent');
    const backup = join(dir, 'lent.jsonl.gz');
    const duringServe = join(dir, 'during-serve.jsonl.gz');
    const csv = join(dir, 'entries.csv');
    writeFileSync(
      csv,
      'original_language,title_en,summary_en,stakeholder_type,lead_country,scope,action_lines,status\r\nen,Pelican libraries online,Courses in libraries.,government,FR,national,C4,ongoing\r\n',
    );
    const admin = await wsis('user', 'add', '--email', 'admin@example.org', '--password', 'a quite long passphrase', '--role', 'admin', '--verified', '--data', data);
    expect(admin.code).toBe(0);
    expect((await wsis('backup', backup, '--data', data)).code).toBe(0);

    const server = startServer(data);
    const url = await server.ready;
    const through = `The embedded database in ${data} is held by \`wsis serve\` (process ${server.pid}); this command runs through it.\n`;

    // Every command of `wsis --help` that writes (and backup, a reader), the server running.
    const first = await runAll([
      ['user', 'add', '--email', 'new@example.org', '--password', 'another long passphrase', '--verified', '--data', data],
      ['user', 'role', '--email', 'admin@example.org', '--add', 'moderator', '--data', data],
      ['migrate', '--data', data],
      ['seed', 'reference', '--data', data],
      ['seed', 'bench', '--entries', '3', '--data', data],
      ['import', 'entries', csv, '--as', 'admin@example.org', '--data', data],
      ['backup', duringServe, '--data', data],
    ]);
    const [added, role, migrated, reference, bench, imported, backedUp] = first as WsisRun[];
    for (const run of first) expect(run.stderr.startsWith(through), run.stderr).toBe(true);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created user #2 new@example\.org/) });
    expect(role).toMatchObject({ code: 0, stdout: 'admin@example.org: roles admin, moderator.\n' });
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d{4}_\w+\n$/) });
    expect(reference?.code).toBe(0);
    expect(bench).toMatchObject({ code: 0, stderr: expect.stringContaining('3 entries added') });
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Imported 1 of 1 rows/) });
    expect(backedUp).toMatchObject({ code: 0, stderr: expect.stringContaining('Backed up ') });
    const token = await wsis('token', 'create', '--email', 'new@example.org', '--data', data);
    expect(token).toMatchObject({ code: 0, stdout: expect.stringMatching(/^wsis_\S+\n$/) });

    // Restore replaces everything the server has read: refused, naming the server; nothing changed.
    const restore = await wsis('restore', backup, '--yes', '--data', data);
    expect(restore).toMatchObject({ code: 1, stdout: '' });
    expect(restore.stderr).toMatch(refusal(data, { pid: server.pid, url }));

    // The server sees the writes at once: the new account's token, the imported entry in search.
    const me = (base: string) => fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(await (await me(url)).json()).toMatchObject({ email: 'new@example.org' });
    expect(await (await fetch(`${url}/en/stocktaking?q=pelican`)).text()).toMatch(/<mark>Pelican<\/mark> libraries online/);

    // A command killed inside a transaction: the server rolls it back and serves on.
    const killedCommand = new pg.Client({ host: data, port: 5432, user: 'postgres', database: 'postgres' });
    killedCommand.on('error', () => undefined); // its connection is cut below, as a kill would
    await killedCommand.connect();
    await killedCommand.query('begin');
    await killedCommand.query("update auth_users set name = 'half-written' where email = 'admin@example.org'");
    const waiting = fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    (killedCommand as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
    expect((await waiting).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    const again = startServer(data);
    const url2 = await again.ready;
    expect(await (await me(url2)).json()).toMatchObject({ email: 'new@example.org' });
    expect(await (await fetch(`${url2}/en/stocktaking?q=pelican`)).text()).toMatch(/<mark>Pelican<\/mark> libraries online/);
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);

    const database = await openDatabase({ dataDir: data });
    try {
      const { rows } = await database.pool.query<{ users: string; roles: string; tokens: string; entries: string }>(
        `select (select string_agg(email || ':' || name, ',' order by id) from auth_users) as users,
                (select string_agg(role, ',' order by role) from auth_user_roles) as roles,
                (select count(*) from auth_api_tokens)::text as tokens,
                (select count(*) from stocktaking_entries)::text as entries`,
      );
      expect(rows[0]).toEqual({ users: 'admin@example.org:admin,new@example.org:new', roles: 'admin,moderator', tokens: '1', entries: '4' });
    } finally {
      await database.close();
    }
  });

  it('refuses commands and the server while a command holds the folder, naming it', { timeout: 420_000 }, async () => {
    const data = join(dir, 'held');
    const lock = lockDataFolder(data, { command: 'wsis import entries' });
    try {
      const pattern = new RegExp(
        `^wsis: The embedded database in ${literal(data)} is in use by \`wsis import entries\` \\(process ${process.pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\. Stop it first`,
      );
      const [added, served] = await Promise.all([
        wsis('user', 'add', '--email', 'new@example.org', '--password', 'another long passphrase', '--data', data),
        runWsis(['serve', '--port', '0', '--data', data]),
      ]);
      expect(added).toMatchObject({ code: 1, stdout: '' });
      expect(added.stderr).toMatch(pattern);
      expect(served.code).toBe(1);
      expect(served.stderr).toMatch(pattern);
    } finally {
      lock.release();
    }
  });

  it('refuses a second `wsis serve` on the same folder with the first one’s name; after SIGINT the folder is free', { timeout: 420_000 }, async () => {
    const data = join(dir, 'twice');
    const first = startServer(data);
    const url = await first.ready;

    const second = startServer(data);
    second.ready.catch(() => undefined);
    expect(await second.exit).toBe(1);
    expect(second.output()).toMatch(refusal(data, { pid: first.pid, url }));
    expect(second.output()).not.toContain('ready at');
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });

    first.child.kill('SIGINT');
    expect(await first.exit).toBe(0);
    const migrated = await wsis('migrate', '--data', data);
    expect(migrated.stderr).toMatch(/is up to date/);
    expect(migrated.code).toBe(0);
  });

  it('after a SIGKILL of the server, a command takes the folder over, and its writes are there when the server is back', { timeout: 600_000 }, async () => {
    const data = join(dir, 'killed');
    const killed = startServer(data);
    await killed.ready;
    killed.child.kill('SIGKILL');
    await killed.exit;
    // The record of the dead server is still in the folder; it holds nothing.
    expect(JSON.parse(readFileSync(join(data, 'wsis.lock'), 'utf8'))).toMatchObject({ pid: killed.pid, command: 'wsis serve' });

    const added = await wsis('user', 'add', '--email', 'operator@example.org', '--password', 'a quite long passphrase', '--verified', '--data', data);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^Created user #\d+ operator@example\.org/);
    expect(added.code).toBe(0);

    // A record naming a live process that is not the holder (a reused pid) blocks nothing either.
    writeFileSync(join(data, 'wsis.lock'), `${JSON.stringify({ pid: process.pid, command: 'wsis serve', startedAt: new Date().toISOString() })}\n`);
    const token = await wsis('token', 'create', '--email', 'operator@example.org', '--data', data);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^wsis_\S+\n$/);

    // The restarted server has the account and honours its token.
    const server = startServer(data);
    const url = await server.ready;
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'operator@example.org' });
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
  });
});
