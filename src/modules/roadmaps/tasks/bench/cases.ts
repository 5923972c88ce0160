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
  cases: ['tasks'],
  measure: async (context) => {
    if (context.kind !== 'postgresql' || (context.only !== undefined && context.only !== 'tasks')) return { lines: () => [] };
    const { measureTasks } = await import('./measure.js');
    const lines = await measureTasks(context);
    return { lines: () => lines };
  },
};
