/**
 * The tasks in `wsis bench` (through the manifest): one case, `tasks`, on PostgreSQL only (the
 * goals are PostgreSQL's): 2,000 tasks and 50,000 progress updates made in the scratch database at
 * the first run, then the late-and-stale list p50/p95 and the daily reminder run (measure.ts).
 * `wsis bench --only tasks` runs it alone.
 */
import type { ModuleBench } from '../../../../core/cli/bench-contract.js';

export const tasksBench: ModuleBench = {
  about: [
    'Roadmap tasks: 2,000 tasks on eleven action lines with 50,000 progress updates, a fifth of them late',
    'or stale; the late-and-stale list (the page’s query) and the daily reminder run over all tasks.',
  ],
  // A case's own database of one year (the reports): the same 2,000 tasks and 50,000 updates, dated up to that year's 1 December (or today, when earlier).
  yearCorpus: async (database, { year, say }) => {
    const { makeTasksCorpus, BENCH_TASKS, BENCH_UPDATES } = await import('./measure.js');
    const today = new Date(Math.min(Date.now(), Date.UTC(year, 11, 1)));
    const seconds = await makeTasksCorpus({ database, say }, { today });
    if (seconds !== null) say(`  tasks made in ${seconds.toFixed(1)} s`);
    return `${BENCH_TASKS.toLocaleString('en')} roadmap tasks with ${BENCH_UPDATES.toLocaleString('en')} progress updates`;
  },
  cases: ['tasks'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'tasks')) return { lines: () => [] };
    const { measureTasks } = await import('./measure.js');
    const lines = await measureTasks(context);
    return { lines: () => lines };
  },
};
