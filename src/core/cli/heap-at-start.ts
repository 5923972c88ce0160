/**
 * Imported first by the entry (src/cli.ts), before the modules are loaded: for `wsis serve`, the
 * heap's sizing (core/heap.ts) is set before the web application is built, and the young
 * generation keeps the size it has then.
 */
import { loadConfig } from '../config.js';
import { heapModeOf, useHeapMode } from '../heap.js';

if (process.argv[2] === 'serve') {
  const config = loadConfig();
  // A wrong WSIS_HEAP is refused with its message by `wsis serve` itself.
  if (config.heap !== null) useHeapMode(heapModeOf(config));
}
