import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkWorkers } from './cli/serve.js';
import { loadConfig } from './config.js';
import { heapModeOf } from './heap.js';

describe('WSIS_HEAP: how wsis serve sizes its JavaScript heap', () => {
  it('is lean on the embedded database and fast on PostgreSQL unless set, and either when set', () => {
    expect(heapModeOf(loadConfig({}, {}))).toBe('lean');
    expect(heapModeOf(loadConfig({}, { DATABASE_URL: 'postgres://wsis@db/wsis' }))).toBe('fast');
    expect(heapModeOf(loadConfig({}, { WSIS_HEAP: 'fast' }))).toBe('fast');
    expect(heapModeOf(loadConfig({}, { WSIS_HEAP: ' Lean ', DATABASE_URL: 'postgres://wsis@db/wsis' }))).toBe('lean');
  });

  it('refuses any other value with a message that names the two (wsis serve stops)', () => {
    for (const value of ['small', 'lean fast', '0']) {
      const config = loadConfig({}, { WSIS_HEAP: value });
      expect(config.heap, value).toBeNull();
      expect(() => checkWorkers(config), value).toThrow(/WSIS_HEAP must be lean .* or fast/);
    }
    expect(() => checkWorkers(loadConfig({}, { WSIS_HEAP: 'lean' }))).not.toThrow();
  });

  // In a process of its own (V8's flags are the whole process's): the young generation's size
  // after a thread was started (as PGlite's is) and two million short-lived objects.
  const youngGenerationGrowth = (mode: 'lean' | 'fast') =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `
          import v8 from 'node:v8';
          import { Worker } from 'node:worker_threads';
          import { afterThreadStarted, useHeapMode } from './src/core/heap.ts';
          const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;
          let kept = [];
          const churn = (n) => { for (let i = 0; i < n; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 200000) kept = []; } };
          churn(100000);
          useHeapMode('${mode}');
          const before = young();
          const thread = new Worker('setTimeout(() => {}, 50)', { eval: true });
          await new Promise((resolve) => thread.once('online', resolve));
          afterThreadStarted();
          churn(3000000);
          process.stdout.write(String(young() / before));
          process.exit(0);
          `,
        ],
        { encoding: 'utf8' },
      ),
    );

  it('lean: the young generation keeps its size through a thread started and a burst of allocations; fast: V8 grows it', () => {
    expect(youngGenerationGrowth('lean')).toBe(1);
    expect(youngGenerationGrowth('fast')).toBeGreaterThan(1);
  });
});
