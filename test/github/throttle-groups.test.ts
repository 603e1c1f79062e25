import { describe, expect, it } from 'vitest';
import {
  createConcurrencyGroup,
  createRetryLimiter,
  createWritePacer,
} from '../../src/github/throttle-groups.ts';

/** A clock that only moves when the pacer sleeps, so admission times are exact. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
  };
}

async function admitTimes(pacer: ReturnType<typeof createWritePacer>, n: number, clock: { now(): number }) {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      pacer.key('installation-1').schedule({}, async () => {
        times.push(clock.now());
      }),
    ),
  );
  return times;
}

describe('createWritePacer', () => {
  it('lets a burst go out at once, then one request per interval, in arrival order', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer({ burst: 3, intervalMs: 1000, ...clock });

    const times = await admitTimes(pacer, 6, clock);

    expect(times).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer({ burst: 2, intervalMs: 1000, ...clock });
    await admitTimes(pacer, 2, clock);

    clock.advance(60_000);
    const times = await admitTimes(pacer, 3, clock);

    expect(times).toEqual([60_000, 60_000, 61_000]);
  });

  it('does not charge a retry (weight 0) and keeps separate buckets per key', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer({ burst: 1, intervalMs: 1000, ...clock });
    const at: string[] = [];
    await pacer.key('a').schedule({}, async () => at.push(`a@${clock.now()}`));
    await pacer.key('a').schedule({ weight: 0 }, async () => at.push(`a-retry@${clock.now()}`));
    await pacer.key('b').schedule({}, async () => at.push(`b@${clock.now()}`));
    await pacer.key('a').schedule({}, async () => at.push(`a@${clock.now()}`));

    expect(at).toEqual(['a@0', 'a-retry@0', 'b@0', 'a@1000']);
  });

  it('passes the job result and failure through without blocking the next request', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer({ burst: 5, ...clock });
    const key = pacer.key('x');

    await expect(key.schedule({}, async () => 42)).resolves.toBe(42);
    await expect(key.schedule({}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(key.schedule({}, async () => 'after')).resolves.toBe('after');
  });
});

describe('createConcurrencyGroup', () => {
  it('keeps at most `max` jobs running per key, starts them in arrival order, and passes arguments', async () => {
    const group = createConcurrencyGroup(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const job = async (n: number) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return n * 10;
    };
    const results = [1, 2, 3, 4, 5].map((n) => group.key('a').schedule({}, job, n));
    // A job of another key is not held up by key a's queue.
    await expect(group.key('b').schedule({}, async (x: string) => x, 'other')).resolves.toBe('other');
    while (started.length < 5 || gates.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }

    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('frees the slot of a job that fails', async () => {
    const group = createConcurrencyGroup(1);
    await expect(group.key('a').schedule({}, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(group.key('a').schedule({}, async () => 'next')).resolves.toBe('next');
  });
});

describe('createRetryLimiter', () => {
  it('runs the job again after the milliseconds a "failed" listener answers, with the retry count', async () => {
    const slept: number[] = [];
    const limiter = createRetryLimiter(async (ms) => {
      slept.push(ms);
    });
    const seen: number[] = [];
    limiter.on('failed', (_error, info) => {
      seen.push(info.retryCount);
      return info.retryCount < 2 ? 250 : undefined;
    });
    let calls = 0;
    const job = async (a: string, b: number) => {
      calls++;
      throw new Error(`${a}${b}`);
    };

    await expect(limiter.schedule(job, 'x', 1)).rejects.toThrow('x1');
    expect(calls).toBe(3);
    expect(seen).toEqual([0, 1, 2]);
    expect(slept).toEqual([250, 250]);
  });

  it('returns what the job returns, also when called with Bottleneck-style job options first', async () => {
    const limiter = createRetryLimiter();
    await expect(limiter.schedule({ priority: 1 }, async (n: number) => n + 1, 41)).resolves.toBe(42);
    await expect(limiter.schedule(async () => 'plain')).resolves.toBe('plain');
  });
});
