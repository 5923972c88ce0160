/**
 * How the JavaScript heap of `wsis serve` trades memory for speed (WSIS_HEAP). `lean`, the default
 * on the embedded database: the young generation keeps the size it has when the server starts
 * instead of doubling under load, and the old generation grows by half of what survives a full
 * collection instead of V8's own factor (up to four times). A small installation on PGlite then
 * holds less: at 100,000 Stocktaking entries under ten concurrent searches (2026-12-07, the two
 * modes in turns), 439–457 MB at the peak against 467–603 MB, for 139–171 search pages a second
 * against 135–162. A young generation of 1 MB and a growth of a quarter held 387–398 MB, but
 * served a third fewer pages.
 * `fast`, the default on a PostgreSQL server: V8's own sizing.
 *
 * Both are V8 flags that V8 reads at each collection, so the process can set them for itself
 * (the size limits that V8 reads only when a heap is made cannot be): when `wsis serve` starts
 * (cli/heap-at-start.ts), and again by whatever starts a thread (afterThreadStarted: PGlite's, in
 * db/pglite-pool.ts), since V8 puts the growth factor back to at least 2 whenever it makes a heap.
 */
import { setFlagsFromString } from 'node:v8';
import type { Config } from './config.js';

export const HEAP_MODES = ['lean', 'fast'] as const;
export type HeapMode = (typeof HEAP_MODES)[number];

const LEAN_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=50'];

/** The mode a serving process uses: WSIS_HEAP, else lean on PGlite and fast on PostgreSQL. */
export const heapModeOf = (config: Pick<Config, 'heap' | 'databaseUrl'>): HeapMode => config.heap ?? (config.databaseUrl ? 'fast' : 'lean');

let current: HeapMode = 'fast';

/** Sets the heap's sizing for the rest of this process. */
export const useHeapMode = (mode: HeapMode) => {
  current = mode;
  if (mode === 'lean') for (const flag of LEAN_FLAGS) setFlagsFromString(flag);
};

/** Sets the process's sizing again once a thread has started (its heap made). */
export const afterThreadStarted = () => useHeapMode(current);
