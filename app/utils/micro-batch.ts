// Groups calls that arrive while earlier ones are being handled into one handling of all of them
// ("natural batching"): the first call starts a batch at once, and those that come in while it runs
// wait for it and go together in the next. Nothing waits on a timer, so an idle system answers as
// fast as an unbatched one and a busy one does more per round trip.

export type BatchResults<K, R> = Map<K, { ok: true; value: R } | { ok: false; error: unknown }>;

export type MicroBatcher<K, R> = {
  /** Handles `key` in the next batch; settles with that key's own result. */
  add: (key: K) => Promise<R>;
  /** Batches running now (for tests). */
  inFlight: () => number;
};

export function createMicroBatcher<K, R>(
  handle: (keys: K[]) => Promise<BatchResults<K, R>>,
  {
    maxBatch,
    maxInFlight,
    gatherSameTurn = false,
  }: {
    maxBatch: number;
    maxInFlight: number;
    /**
     * Start a batch only once the current turn of the event loop is over (setImmediate), so calls
     * made together (a loop over a batch's items) go in one batch instead of the first alone.
     */
    gatherSameTurn?: boolean;
  },
): MicroBatcher<K, R> {
  type Waiter = { key: K; resolve: (value: R) => void; reject: (error: unknown) => void };
  const pending: Waiter[] = [];
  let running = 0;
  let scheduled = false;

  const pump = () => {
    while (running < maxInFlight && pending.length > 0) {
      const batch = pending.splice(0, maxBatch);
      running += 1;
      const settle = (results: BatchResults<K, R> | null, failure?: unknown) => {
        for (const waiter of batch) {
          const result = results?.get(waiter.key);
          if (result?.ok) waiter.resolve(result.value);
          else waiter.reject(result ? result.error : (failure ?? new Error("the batch gave no result for this key")));
        }
      };
      handle(batch.map((waiter) => waiter.key))
        .then((results) => settle(results), (error: unknown) => settle(null, error))
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  };

  return {
    add: (key) =>
      new Promise<R>((resolve, reject) => {
        pending.push({ key, resolve, reject });
        if (!gatherSameTurn) pump();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            pump();
          });
        }
      }),
    inFlight: () => running,
  };
}
