import { describe, expect, it } from 'vitest';
import type { Db } from './db/client.js';
import { defineModule } from './module.js';
import { warmingOf } from './warming.js';

const deferred = () => {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('warming the caches', () => {
  it('is idle until started, warming until every module has warmed, then warm; started once', async () => {
    const slow = deferred();
    let calls = 0;
    const modules = [
      defineModule({
        id: 'slow',
        warm: () => {
          calls += 1;
          return slow.promise;
        },
      }),
      defineModule({ id: 'none' }),
      defineModule({ id: 'quick', warm: async () => undefined }),
    ];
    const warming = warmingOf(modules, {} as Db, () => undefined);
    expect(warming.state()).toBe('idle');
    const started = warming.start();
    expect(warming.state()).toBe('warming');
    await new Promise((r) => setTimeout(r, 10));
    expect(warming.state()).toBe('warming');
    expect(warming.start()).toBe(started);
    slow.resolve();
    await started;
    expect(warming.state()).toBe('warm');
    expect(calls).toBe(1);
  });

  it('reports a module whose warm-up failed and is warm all the same (its cache fills on first use)', async () => {
    const failing = deferred();
    const errors: string[] = [];
    const warming = warmingOf([defineModule({ id: 'broken', warm: () => failing.promise })], {} as Db, (error, module) => errors.push(`${module}: ${(error as Error).message}`));
    const started = warming.start();
    failing.reject(new Error('no index'));
    await expect(started).resolves.toBeUndefined();
    expect(warming.state()).toBe('warm');
    expect(errors).toEqual(['broken: no index']);
  });
});
