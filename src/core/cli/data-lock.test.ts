import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runWsis, type WsisRun } from '../../test/cli.js';
import { openDatabase } from '../db/client.js';

// The embedded data folder admits one process at a time: `wsis serve` and every command, as an
// operator runs them, in child processes (PGlite only: the postgresql project excludes this file).

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
  it('refuses every command while `wsis serve` holds the folder, naming the server, and none of them writes', { timeout: 420_000 }, async () => {
    const data = join(dir, 'refused');
    const backup = join(dir, 'refused.jsonl.gz');
    const csv = join(dir, 'entries.csv');
    writeFileSync(
      csv,
      'original_language,title_en,summary_en,stakeholder_type,lead_country,scope,action_lines,status\r\nen,Libraries online,Courses in libraries.,government,FR,national,C4,ongoing\r\n',
    );
    const admin = await wsis('user', 'add', '--email', 'admin@example.org', '--password', 'a quite long passphrase', '--role', 'admin', '--verified', '--data', data);
    expect(admin.code).toBe(0);
    expect((await wsis('backup', backup, '--data', data)).code).toBe(0);

    const server = startServer(data);
    const url = await server.ready;
    const expected = refusal(data, { pid: server.pid, url });

    // Every command of `wsis --help` that opens the database: the writers, and backup (a reader).
    const commands = [
      ['user', 'add', '--email', 'new@example.org', '--password', 'another long passphrase', '--data', data],
      ['user', 'role', '--email', 'admin@example.org', '--add', 'moderator', '--data', data],
      ['token', 'create', '--email', 'admin@example.org', '--label', 'ci', '--data', data],
      ['migrate', '--data', data],
      ['seed', 'reference', '--data', data],
      ['seed', 'bench', '--entries', '3', '--data', data],
      ['import', 'entries', csv, '--as', 'admin@example.org', '--data', data],
      ['restore', backup, '--yes', '--data', data],
      ['backup', join(dir, 'while-serving.jsonl.gz'), '--data', data],
    ];
    const results = await runAll(commands);
    for (const [i, result] of results.entries()) {
      const command = (commands[i] as string[]).slice(0, 2).join(' ');
      expect(result.code, command).toBe(1);
      expect(result.stdout, command).toBe('');
      expect(result.stderr, command).toMatch(expected);
    }

    // The server went on serving, and closes cleanly.
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', database: 'pglite' });
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);

    // Nothing any refused command would have written is there: no new account, role, token or entry.
    const database = await openDatabase({ dataDir: data });
    try {
      const { rows } = await database.pool.query<{ users: string; roles: string; tokens: string; entries: string }>(
        `select (select string_agg(email, ',' order by id) from auth_users) as users,
                (select string_agg(role, ',' order by role) from auth_user_roles) as roles,
                (select count(*) from auth_api_tokens)::text as tokens,
                (select count(*) from stocktaking_entries)::text as entries`,
      );
      expect(rows[0]).toEqual({ users: 'admin@example.org', roles: 'admin', tokens: '0', entries: '0' });
    } finally {
      await database.close();
    }
  });

  it('refuses a second `wsis serve` on the same folder with the first one’s name; after SIGINT the folder is free', { timeout: 180_000 }, async () => {
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

  it('after a SIGKILL of the server, a command takes the folder over, and its writes are there when the server is back', { timeout: 240_000 }, async () => {
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
