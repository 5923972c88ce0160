/** How a process runs the queue, in `wsis serve` (background.ts) and in its bench (bench-worker.ts): jobs claimed at once, and run at once. */
export const JOB_BATCH = 50;
/** On PostgreSQL the pool has connections for them; on the embedded database they take turns on its one connection. */
export const JOB_CONCURRENCY = 4;
