import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/db/client.js';
import { runWsis } from '../../../test/cli.js';
import { insertReport } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'wsis-report-cli-'));
const data = join(dir, 'db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wsis = (args: string[], env: Record<string, string> = {}) => runWsis([...args, '--data', data], { timeout: 170_000, env });
const build = (out: string, ...args: string[]) => wsis(['report', 'build', '--out', out, ...args]);
const listed = (out: string) => (existsSync(out) ? readdirSync(out).sort() : []);

beforeAll(async () => {
  expect((await runWsis(['migrate', '--data', data], { timeout: 170_000 })).code).toBe(0);
  const database = await openDatabase({ dataDir: data });
  try {
    const narrative = { text: { en: 'The year in review.', fr: 'L’année écoulée.' }, translations: {} };
    await insertReport(database.db, {
      year: 2026,
      sections: [{ id: 'intro', title: { en: 'Introduction', fr: 'Introduction générale' }, narrative: true }],
      narratives: { intro: narrative },
    });
    await insertReport(database.db, { templateKey: 'council', year: 2026, sections: [{ id: 'gone', title: { en: 'Old figures' }, source: 'retired.figures', narrative: false }] });
  } finally {
    await database.close();
  }
}, 240_000);

describe('wsis report build (child process)', () => {
  it('writes one file per language and format, named <template>-<year>-<lang>.<ext>', { timeout: 240_000 }, async () => {
    const out = join(dir, 'out');
    const run = await build(out, '--template', 'cstd', '--year', '2026', '--lang', 'fr,en', '--format', 'html,docx');
    expect(run.stderr).toContain('6/6');
    expect(run.code).toBe(0);
    expect(listed(out)).toEqual(['cstd-2026-en.docx', 'cstd-2026-en.html', 'cstd-2026-fr.docx', 'cstd-2026-fr.html']);
    expect(readFileSync(join(out, 'cstd-2026-fr.html'), 'utf8')).toContain('L’année écoulée.');
    expect(readFileSync(join(out, 'cstd-2026-fr.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses unknown templates, years, languages, formats and reports, and a missing module, writing nothing', { timeout: 400_000 }, async () => {
    const cases: [string[], string][] = [
      [['--template', 'annual', '--year', '2026', '--lang', 'en', '--format', 'html'], 'Unknown template “annual”. Templates: cstd, hlpf, council, pp, stocktaking, stories.'],
      [['--template', 'cstd', '--year', '26', '--lang', 'en', '--format', 'html'], 'The year “26” is not valid'],
      [['--template', 'cstd', '--year', '2026', '--lang', 'en,xx', '--format', 'html'], 'Unknown language “xx”.'],
      [['--template', 'cstd', '--year', '2026', '--lang', 'en', '--format', 'odt'], 'Unknown format “odt”.'],
      [['--template', 'cstd', '--year', '2025', '--lang', 'en', '--format', 'html'], 'There is no report for the template cstd and the year 2025.'],
      [['--template', 'cstd', '--year', '2026', '--lang', 'en', '--format', 'html', '--version', 'final'], 'This report has no final version yet.'],
      [['--template', 'council', '--year', '2026', '--lang', 'en', '--format', 'html'], 'The section “Old figures” is compiled by the module “retired”'],
    ];
    for (const [i, [args, message]] of cases.entries()) {
      const out = join(dir, `refused-${i}`);
      const run = await build(out, ...args);
      expect(run.stderr).toContain(`wsis: ${message}`);
      expect(run.code).toBe(1);
      expect(listed(out)).toEqual([]);
    }
  });

  it('says how to install Chromium when a PDF is asked for without it, and writes none of the files', { timeout: 240_000 }, async () => {
    const out = join(dir, 'no-pdf');
    const run = await wsis(['report', 'build', '--out', out, '--template', 'cstd', '--year', '2026', '--lang', 'en', '--format', 'html,pdf'], {
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(run.stderr).toContain('wsis: The PDF cannot be produced: Chromium was not found at /nonexistent/chromium.');
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.code).toBe(1);
    expect(listed(out)).toEqual([]);
  });
});
