/**
 * Memory as a bench measures it: what a piece of work keeps alive, not the garbage it leaves for
 * the collector (a peak of `heapUsed` counts both, and grows with the work's length whatever it
 * keeps). `collectGarbage` runs a full collection, exposed at run time (the `--expose-gc` flag is
 * not needed on the bench's command line).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** A full garbage collection now. */
export const collectGarbage = () => {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
};

/** The heap in use after a full collection, in bytes. */
export const liveHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};
