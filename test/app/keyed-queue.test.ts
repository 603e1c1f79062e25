import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/app/keyed-queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createKeyedQueue', () => {
  it('runs tasks for one key one after the other, in arrival order', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };

    const results = await Promise.all([queue.run('pr#1', 'a', task('a')), queue.run('pr#1', 'b', task('b'))]);

    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('runs tasks for different keys side by side', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };

    await Promise.all([queue.run('pr#1', 'x', task('1')), queue.run('pr#2', 'x', task('2'))]);

    expect(log.slice(0, 2)).toEqual(['start 1', 'start 2']);
  });

  it('an identical task that is still waiting is joined, not run again', async () => {
    const queue = createKeyedQueue();
    let runs = 0;
    const task = async () => {
      runs += 1;
      await tick();
      return runs;
    };

    const first = queue.run('pr#1', 'audit head', task);
    await new Promise((resolve) => setImmediate(resolve)); // the first one is running now
    const later = [1, 2, 3].map(() => queue.run('pr#1', 'audit head', task));

    // The running one cannot be joined (it may have read GitHub already); the three waiting ones are one run.
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 2, 2]);
    expect(runs).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('a failed task does not block the next one for the same key', async () => {
    const queue = createKeyedQueue();

    const failed = queue.run('pr#1', 'a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('pr#1', 'b', async () => 'ok');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
