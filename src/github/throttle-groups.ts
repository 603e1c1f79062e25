/**
 * The limiters we hand to @octokit/plugin-throttling in place of its Bottleneck ones.
 *
 * Writes (and GraphQL queries, which are POSTs) are paced by a token bucket: up to `burst` requests go
 * out at once, then one per `intervalMs`. The plugin's own write group spaces every write 1 s apart, which is GitHub's advice for "a large number" of writes but
 * costs a one-file pull request several idle seconds (check run, GraphQL read, comment, completion);
 * the bucket keeps the same long-run rate (60 a minute, under the 80 content-creating requests a
 * minute GitHub allows) and lets a small run finish at once.
 *
 * Shaped like the Bottleneck.Group the plugin expects for `throttle.write`: the plugin only calls
 * `write.key(id).schedule(jobOptions, noop)` and waits for it before sending the request.
 */

export interface WritePacerOptions {
  /** Requests that may go out without waiting. Default 8. */
  burst?: number;
  /** Milliseconds per token once the burst is spent. Default 1000. */
  intervalMs?: number;
  /** Injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What plugin-throttling passes: a retry carries weight 0 (it already paid for its first attempt). */
interface JobOptions {
  weight?: number;
}

/** The part of a Bottleneck.Group plugin-throttling uses: `group.key(id).schedule(options, fn, ...args)`. */
export interface ThrottleGroup {
  key(id: string): {
    schedule<T, A extends unknown[]>(
      options: JobOptions,
      job: (...args: A) => Promise<T>,
      ...args: A
    ): Promise<T>;
  };
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One limiter per throttle id (per installation in the App), made on first use, as the plugin's groups are keyed. */
function keyed<L>(make: () => L): { key(id: string): L } {
  const byId = new Map<string, L>();
  return {
    key(id: string) {
      let limiter = byId.get(id);
      if (!limiter) {
        limiter = make();
        byId.set(id, limiter);
      }
      return limiter;
    },
  };
}

export function createWritePacer(options: WritePacerOptions = {}): ThrottleGroup {
  const burst = options.burst ?? 8;
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;

  function bucket() {
    let tokens = burst;
    let updated = now();
    // Requests take tokens in arrival order: each waits for the one before it to be admitted.
    let queue: Promise<void> = Promise.resolve();
    const refill = () => {
      const t = now();
      tokens = Math.min(burst, tokens + (t - updated) / intervalMs);
      updated = t;
    };
    const admit = async (weight: number) => {
      refill();
      while (tokens < weight) {
        await sleep(Math.ceil((weight - tokens) * intervalMs));
        refill();
      }
      tokens -= weight;
    };
    return {
      schedule<T, A extends unknown[]>(
        jobOptions: JobOptions,
        job: (...args: A) => Promise<T>,
        ...args: A
      ): Promise<T> {
        const weight = jobOptions.weight ?? 1;
        const admitted = queue.then(() => admit(weight));
        queue = admitted.catch(() => {});
        return admitted.then(() => job(...args));
      },
    };
  }

  return keyed(bucket);
}

/**
 * At most `max` requests in flight per key, started in arrival order: what the plugin's `global` group
 * (10 at once) and `auth` group (1) do, without Bottleneck's yields to the event loop (setTimeout 0,
 * several per job), for a limit our callers never come near. `node bench/action-cold-start.ts` prints
 * the cost of one request with the plugin's limiters and with ours.
 */
export function createConcurrencyGroup(max: number): ThrottleGroup {
  function limit() {
    let running = 0;
    const waiting: (() => void)[] = [];
    return {
      async schedule<T, A extends unknown[]>(
        _options: JobOptions,
        job: (...args: A) => Promise<T>,
        ...args: A
      ): Promise<T> {
        // A finishing job hands its slot straight to the next waiter, so a newcomer cannot slip in between.
        if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
        else running++;
        try {
          return await job(...args);
        } finally {
          const next = waiting.shift();
          if (next) next();
          else running--;
        }
      },
    };
  }
  return keyed(limit);
}

/**
 * Comments and other writes that notify people: the plugin spaces them 3 s apart; a run posts one or
 * two, so they too go out at once and are paced after a burst.
 */
export const NOTIFICATION_PACING: WritePacerOptions = { burst: 3, intervalMs: 3000 };

type FailedHandler = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * The plugin's `retryLimiter`: it runs every request through `schedule(fn, ...args)` and listens to
 * "failed"; a handler that answers a number of milliseconds gets the request run again after that long
 * (how Bottleneck retries, which the plugin relies on for rate-limit answers). Without Bottleneck's
 * queueing, whose event-loop yields cost each request a few milliseconds.
 */
export function createRetryLimiter(sleep: (ms: number) => Promise<void> = sleepFor) {
  const handlers: FailedHandler[] = [];
  return {
    on(event: string, handler: FailedHandler) {
      if (event === 'failed') handlers.push(handler);
    },
    async schedule(...call: unknown[]): Promise<unknown> {
      // Bottleneck's schedule takes optional job options first.
      const [job, ...args] = (typeof call[0] === 'function' ? call : call.slice(1)) as [
        (...a: unknown[]) => Promise<unknown>,
        ...unknown[],
      ];
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await job(...args);
        } catch (error) {
          const answers = await Promise.all(handlers.map((h) => h(error, { args, retryCount })));
          const wait = answers.find((a) => a != null);
          if (typeof wait !== 'number') throw error;
          await sleep(wait);
        }
      }
    },
  };
}

/**
 * The groups the plugin schedules through, for `throttle: { ...throttleGroups(), ...clientThrottle() }`:
 * one set may serve many clients (keyed by their throttle id). Typed `never` because the plugin types
 * them as Bottleneck objects; it calls only `key(id).schedule()` on them.
 */
export function throttleGroups(writePacing?: WritePacerOptions): {
  write: never;
  notifications: never;
  global: never;
  auth: never;
} {
  return {
    write: createWritePacer(writePacing) as never,
    notifications: createWritePacer(NOTIFICATION_PACING) as never,
    global: createConcurrencyGroup(10) as never,
    auth: createConcurrencyGroup(1) as never,
  };
}

/**
 * What each client needs of its own: a retry limiter (the plugin adds a "failed" listener per client).
 * The plugin reads `retryLimiter` (`state.retryLimiter ?? new Bottleneck()`) though its types omit it,
 * hence `object`; were a version to drop it, requests would only be slower again.
 */
export function clientThrottle(): object {
  return { retryLimiter: createRetryLimiter() };
}
