/**
 * Group calls into batches: calls that arrive while earlier batches are still running wait and
 * leave together in the next one (at most `maxBatch` per batch, at most `maxInFlight` batches at
 * once). A lone call leaves at once, on the next turn of the event loop, so a quiet server adds no
 * delay; a busy one makes fewer, larger round trips (and, for writes, fewer commits).
 *
 * `run` answers one output per input, in order. When it throws, every call of that batch gets the
 * error (callers that want one bad input to fail only itself retry each input alone inside `run`).
 */
export const grouped = <In, Out>(run: (inputs: In[]) => Promise<Out[]>, { maxBatch = 200, maxInFlight = 3 }: { maxBatch?: number; maxInFlight?: number } = {}) => {
  type Waiting = { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.length <= maxBatch ? waiting : waiting.slice(0, maxBatch);
      waiting = waiting.length <= maxBatch ? [] : waiting.slice(maxBatch);
      inFlight++;
      run(batch.map((w) => w.input))
        .then(
          (outputs) => {
            for (const [i, w] of batch.entries()) w.resolve(outputs[i] as Out);
          },
          (error: unknown) => {
            for (const w of batch) w.reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (input: In): Promise<Out> =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      schedule();
    });
};
