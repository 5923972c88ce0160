/**
 * The modules' `warm` contributions, run once per process in the background after it listens (the
 * Stocktaking's search indexes: 1–3 s at 100,000 entries). `/readyz` answers 503 while they run,
 * so a load balancer sends a new process its traffic once its caches are filled, as it would wait
 * for a process that is still starting.
 */
import type { Db } from './db/client.js';
import type { PlatformModule } from './module.js';

export type WarmingState = 'idle' | 'warming' | 'warm';

export type Warming = {
  /** Starts the modules' warm-ups (once; later calls return the same promise). Never rejects: a failure is reported and the cache is filled by its first use. */
  start: () => Promise<void>;
  /** 'idle' before `start` (a process that does not warm its caches, such as the tests' app: ready). */
  state: () => WarmingState;
};

export const warmingOf = (modules: readonly PlatformModule[], db: Db, onError: (error: unknown, moduleId: string) => void): Warming => {
  let started: Promise<void> | null = null;
  let state: WarmingState = 'idle';
  return {
    start: () => {
      if (started) return started;
      state = 'warming';
      started = Promise.all(
        modules.map(async (module) => {
          try {
            await module.warm?.(db);
          } catch (error) {
            onError(error, module.id);
          }
        }),
      ).then(() => {
        state = 'warm';
      });
      return started;
    },
    state: () => state,
  };
};
