/**
 * The real `wsis import entries` in a child process (through tsx), on an embedded database in a
 * temporary folder: the command is registered, reports every problem on stderr, says how many
 * rows went in on stdout, and exits with 1 when a row was refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wsis-import-cli-'));
const data = join(dir, 'db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

/** Runs `wsis …` on the embedded database of `dir` (whatever DATABASE_URL says), stdin closed. */
const wsis = (...args: string[]) =>
  new Promise<Run>((resolve) => {
    const { DATABASE_URL: _url, WSIS_DATA_DIR: _dir, ...env } = process.env;
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env, timeout: 170_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });

describe('wsis import entries (child process)', () => {
  it('imports the valid rows and reports the others', { timeout: 360_000 }, async () => {
    const file = join(dir, 'entries.csv');
    const header = 'original_language,title_en,summary_en,stakeholder_type,lead_country,scope,action_lines,status';
    writeFileSync(file, `${header}\r\nen,Libraries online,Courses in libraries.,government,FR,national,C4,ongoing\r\nen,Second,Summary.,government,FR,national,C99,ongoing\r\n`);
    const added = await wsis('user', 'add', '--email', 'moderator@example.org', '--password', 'a quite long passphrase', '--role', 'moderator', '--data', data);
    expect(added.code).toBe(0);
    expect((await wsis('seed', 'reference', '--data', data)).code).toBe(0);

    const help = await wsis('import', 'entries', '--help');
    expect(help.stdout).toContain('--all-or-nothing');

    const run = await wsis('import', 'entries', file, '--as', 'moderator@example.org', '--data', data);
    expect(run.stdout).toBe('Imported 1 of 2 rows (#1–#1).\n');
    expect(run.stderr).toContain('row 3, column action_lines: Unknown codes: C99.');
    expect(run.stderr).toContain('wsis: 1 problem(s) in 1 row(s); the other rows were imported');
    expect(run.code).toBe(1);
  });
});
