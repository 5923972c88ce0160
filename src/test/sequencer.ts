/**
 * Order of the test files in one `vitest run`: longest first, whatever their project, with the
 * browser files spread among the others: one browser file, then two of the pglite and postgresql
 * projects, and so on. All projects share one pool of workers (vitest.config.ts), so a long browser
 * file (Chromium, its own platform) overlaps with route tests that mostly wait on PostgreSQL,
 * instead of all browser files running together at the start or alone at the end.
 *
 * A file's duration is vitest's from the last run on this machine (its cache), else the one
 * recorded in src/test/durations.json (a fresh CI clone has no cache: `node scripts/test-durations.mjs`
 * writes that file from the cache after a whole run), else unknown: unknown files first, as
 * vitest orders them. Vitest's own order sorts by project first, so the postgresql project's long
 * files (several processes, a server restarted) started last and ran alone at the end of the run.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const UNIT_FILES_PER_BROWSER_FILE = 2;

const isAccessibility = (file: TestSpecification) => /\/e2e\/accessibility[^/]*\.spec\.ts$/.test(file.moduleId);

/** `<project>:<file>` → milliseconds, as recorded (empty when the file is missing or unreadable). */
const recorded = (): Record<string, number> => {
  try {
    return JSON.parse(readFileSync(new URL('./durations.json', import.meta.url), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
};

export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = recorded();
    const root = this.ctx.config.root;
    const keyOf = (file: TestSpecification) => `${file.project.name}:${relative(root, file.moduleId)}`;
    const duration = (file: TestSpecification): number => this.ctx.cache.getFileTestResults(keyOf(file))?.duration ?? known[keyOf(file)] ?? Number.POSITIVE_INFINITY;
    const failed = (file: TestSpecification) => this.ctx.cache.getFileTestResults(keyOf(file))?.failed === true;
    // Failed last time first, then the longest (unknown ones first), across projects.
    const sorted = [...files].sort((a, b) => Number(failed(b)) - Number(failed(a)) || duration(b) - duration(a) || keyOf(a).localeCompare(keyOf(b)));
    // The accessibility files (support/accessibility.ts: every page in six languages) are the
    // longest browser files: first, whatever is known of them.
    const browser = sorted.filter((f) => f.project.name === 'browser').sort((a, b) => Number(isAccessibility(b)) - Number(isAccessibility(a)));
    const others = sorted.filter((f) => f.project.name !== 'browser');
    const order: TestSpecification[] = [];
    while (browser.length || others.length) {
      const b = browser.shift();
      if (b) order.push(b);
      order.push(...others.splice(0, UNIT_FILES_PER_BROWSER_FILE));
    }
    return order;
  }
}
