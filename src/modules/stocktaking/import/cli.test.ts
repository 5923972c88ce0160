import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWsis } from '../../../test/cli.js';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wsis-import-cli-'));
const data = join(dir, 'db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wsis = (...args: string[]) => runWsis(args, { timeout: 170_000 });

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
