/**
 * Group calls into batches: calls that arrive while earlier batches are still running wait and
 * leave together in the next one (at most `maxBatch` per batch, at most `maxInFlight` batches at
 * once). A lone call leaves at once, on the next turn of the event loop, so a quiet server adds no
 * delay; a busy one makes fewer, larger round trips (and, for writes, fewer commits).
 *
 * When a batch is done, the calls that waited meanwhile leave at once, and only then, on the next
 * turn of the event loop, do the done batch's callers hear their outputs: the next batch's work
 * (a statement in the database) runs while this process answers the callers of the last one, where
 * otherwise each batch would wait for the answers to the one before (docs/benchmarks.md,
 * 2026-12-07, session 28).
 *
 * `run` answers one output per input, in order. When it throws, every call of that batch gets the
 * error (callers that want one bad input to fail only itself retry each input alone inside `run`).
 */
export const grouped = <In, Out>(run: (inputs: In[]) => Promise<Out[]>, { maxBatch = 200, maxInFlight = 3 }: { maxBatch?: number; maxInFlight?: number } = {}) => {
  type Waiting = { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  /** A batch is done: the next leaves now (its query written first), its callers hear theirs after. */
  const done = (answer: () => void) => {
    inFlight--;
    flush();
    setImmediate(answer);
  };
  const flush = () => {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.length <= maxBatch ? waiting : waiting.slice(0, maxBatch);
      waiting = waiting.length <= maxBatch ? [] : waiting.slice(maxBatch);
      inFlight++;
      // A run that throws at once fails its batch like one that rejects.
      new Promise<Out[]>((ok) => ok(run(batch.map((w) => w.input)))).then(
        (outputs) =>
          done(() => {
            for (const [i, w] of batch.entries()) w.resolve(outputs[i] as Out);
          }),
        (error: unknown) =>
          done(() => {
            for (const w of batch) w.reject(error);
          }),
      );
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
