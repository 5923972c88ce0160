import { describe, expect, it } from 'vitest';
import { grouped } from './grouped.js';

/** A run whose batches are finished by hand, recording what happens in order. */
const controlled = () => {
  const events: string[] = [];
  const pending: { inputs: number[]; finish: (fail?: Error) => void }[] = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      events.push(`run ${inputs.join(',')}`);
      pending.push({ inputs, finish: (fail) => (fail ? reject(fail) : resolve(inputs.map((i) => `out ${i}`))) });
    });
  return { events, pending, run };
};
const turn = () => new Promise((resolve) => setImmediate(resolve));
/** A few turns of the event loop: whatever was due to start has started. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await turn();
};

describe('grouped', () => {
  it('sends a lone call at once and the calls that arrive meanwhile together in the next batch, each with its own output', async () => {
    const { events, pending, run } = controlled();
    const call = grouped(run, { maxInFlight: 1 });
    const first = call(1);
    await turn();
    expect(events).toEqual(['run 1']);
    const later = [call(2), call(3), call(4)];
    await turn();
    expect(events).toEqual(['run 1']);
    pending[0]?.finish();
    expect(await first).toBe('out 1');
    await settle();
    expect(events).toEqual(['run 1', 'run 2,3,4']);
    pending[1]?.finish();
    expect(await Promise.all(later)).toEqual(['out 2', 'out 3', 'out 4']);
  });

  it('starts the next batch before the callers of the one just done hear their outputs', async () => {
    const { events, pending, run } = controlled();
    const call = grouped(run, { maxInFlight: 1 });
    const first = call(1).then((out) => events.push(`heard ${out}`));
    await turn();
    void call(2).then((out) => events.push(`heard ${out}`));
    await turn();
    pending[0]?.finish();
    await first;
    expect(events).toEqual(['run 1', 'run 2', 'heard out 1']);
  });

  it('fails every call of a batch whose run fails, and goes on with the calls behind it', async () => {
    const { pending, run } = controlled();
    const call = grouped(run, { maxInFlight: 1 });
    const first = call(1);
    await turn();
    const second = [call(2), call(3)];
    await turn();
    pending[0]?.finish();
    await first;
    await settle();
    const next = call(4);
    await settle();
    pending[1]?.finish(new Error('connection lost'));
    const settled = await Promise.allSettled(second);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).toEqual(['connection lost', 'connection lost']);
    await settle();
    pending[2]?.finish();
    expect(await next).toBe('out 4');
  });

  it('fails the calls of a run that throws before it returns, and keeps serving', async () => {
    let calls = 0;
    const call = grouped(
      (inputs: number[]) => {
        calls++;
        if (calls === 1) throw new Error('bad input');
        return Promise.resolve(inputs.map(String));
      },
      { maxInFlight: 1 },
    );
    await expect(call(1)).rejects.toThrow('bad input');
    expect(await call(2)).toBe('2');
  });

  it('never sends more than maxBatch calls in one batch nor more than maxInFlight batches at once', async () => {
    const { events, pending, run } = controlled();
    const call = grouped(run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => call(i));
    await turn();
    expect(events).toEqual(['run 1,2', 'run 3,4']);
    pending[0]?.finish();
    await all[0];
    await settle();
    expect(events).toEqual(['run 1,2', 'run 3,4', 'run 5']);
    pending[1]?.finish();
    pending[2]?.finish();
    expect(await Promise.all(all)).toEqual(['out 1', 'out 2', 'out 3', 'out 4', 'out 5']);
  });
});
