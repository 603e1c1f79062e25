/**
 * Runs tasks one at a time per key (a pull request), so two events for one PR never publish over each
 * other, and a task queued while an identical one is still waiting joins it instead of running twice
 * (a webhook redelivered five times while the first is busy costs one extra run, not four).
 * Per process only: replicas stay correct because every publisher is idempotent on its own.
 */
export interface KeyedQueue {
  run<T>(key: string, dedupeKey: string, task: () => Promise<T>): Promise<T>;
  /** Tasks waiting or running. */
  readonly size: number;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  const waiting = new Map<string, Promise<unknown>>();
  let size = 0;
  return {
    get size() {
      return size;
    },
    run<T>(key: string, dedupeKey: string, task: () => Promise<T>): Promise<T> {
      const joinKey = `${key}\u0000${dedupeKey}`;
      const queued = waiting.get(joinKey);
      if (queued) return queued as Promise<T>;
      size += 1;
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous
        .catch(() => undefined)
        .then(() => {
          waiting.delete(joinKey); // started: a new identical event must run again (the head may differ)
          return task();
        });
      waiting.set(joinKey, result);
      const tail = result
        .catch(() => undefined)
        .finally(() => {
          size -= 1;
          if (tails.get(key) === tail) tails.delete(key);
        });
      tails.set(key, tail);
      return result;
    },
  };
}
