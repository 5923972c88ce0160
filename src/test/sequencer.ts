/**
 * Order of the test files in one `vitest run`: vitest's own (failed first, then longest first by the
 * durations of the last run, or largest file first when there is none, as on a fresh CI machine),
 * with the browser files spread among the others: one browser file, then two of the pglite and
 * postgresql projects, and so on. All projects share one pool of workers (vitest.config.ts), so a
 * long browser file (Chromium, its own platform) overlaps with route tests that mostly wait on
 * PostgreSQL, instead of all browser files running together at the start or alone at the end.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const UNIT_FILES_PER_BROWSER_FILE = 2;

const isAccessibility = (file: TestSpecification) => /\/e2e\/accessibility[^/]*\.spec\.ts$/.test(file.moduleId);

export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // The accessibility files (support/accessibility.ts: every page in six languages) are the
    // longest browser files: first, whatever their size on disk (a shard's file is four lines).
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
