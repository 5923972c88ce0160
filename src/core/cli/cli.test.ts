import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWsis } from '../../test/cli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { actorFromApiToken } from '../auth/sessions.js';
import { openDatabase } from '../db/client.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-cli-test-'));
const data = join(dir, 'db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wsis = (...args: string[]) => runWsis(args, { timeout: 120_000 });

// The child processes always use PGlite, so the PostgreSQL run of the suite would only repeat them.
describe('wsis (child process)', () => {
  it('adds a user, refuses the duplicate with exit code 1, and prints a working API token alone on stdout', { timeout: 180_000 }, async () => {
    const added = await wsis('user', 'add', '--email', 'admin@example.org', '--password', 'a quite long passphrase', '--role', 'admin', '--verified', '--data', data);
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created user #1 admin@example.org/) });

    const duplicate = await wsis('user', 'add', '--email', 'ADMIN@example.org', '--password', 'another long passphrase', '--data', data);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toBe('wsis: a user with the e-mail address ADMIN@example.org already exists\n');

    const created = await wsis('token', 'create', '--email', 'admin@example.org', '--label', 'ci', '--data', data);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^wsis_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain('shown only once');

    const database = await openDatabase({ dataDir: data });
    try {
      expect(await actorFromApiToken(database.db, created.stdout.trim())).toMatchObject({ email: 'admin@example.org', roles: ['contributor', 'admin'] });
    } finally {
      await database.close();
    }
  });

  it('backs up, and refuses to restore without --yes when stdin is not a terminal', { timeout: 180_000 }, async () => {
    const file = join(dir, 'backup.jsonl.gz');
    const backup = await wsis('backup', file, '--data', data);
    expect(backup.code).toBe(0);
    expect(backup.stderr).toMatch(/^Backed up \d+ rows of \d+ tables/);

    const refused = await wsis('restore', file, '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --yes');
  });

  it("seeds each module's benchmark corpus through its manifest: only the corpus whose option is given", { timeout: 240_000 }, async () => {
    const voters = await wsis('seed', 'bench', '--voters', '3', '--data', data);
    expect(voters.code).toBe(0);
    expect(voters.stderr).toMatch(/^3 voters added to embedded PGlite in .* \(3 voters in all\)\.\n$/);
    const entries = await wsis('seed', 'bench', '--entries', '12', '--data', data);
    expect(entries.code).toBe(0);
    expect(entries.stderr).toMatch(/^12 entries added to embedded PGlite in .* \(12 entries in all\)\.\n$/);
    const bench = await wsis('bench', '--help');
    expect(bench.stdout).toContain('--voters <n>');
    expect(bench.stdout).toContain('--entries <n>');
  });

  it('documents every command with --help', { timeout: 60_000 }, async () => {
    const help = await wsis('--help');
    for (const command of ['serve', 'migrate', 'user', 'token', 'backup', 'restore', 'seed']) expect(help.stdout).toContain(command);
    const restore = await wsis('restore', '--help');
    expect(restore.stdout).toContain('--yes');
    expect(restore.stdout).toContain('--data <dir>');
  });
});
