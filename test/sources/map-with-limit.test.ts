import { describe, expect, it } from 'vitest';
import { mapWithLimit } from '../../src/sources/map-with-limit.ts';

describe('mapWithLimit', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let running = 0;
    let peak = 0;
    // Later items finish first: the order of results must still follow the input.
    const results = await mapWithLimit([30, 20, 10, 5, 1], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return `${i}:${ms}`;
    });

    expect(results).toEqual(['0:30', '1:20', '2:10', '3:5', '4:1']);
    expect(peak).toBe(2);
  });

  it('rejects when a call rejects, and maps nothing for no items', async () => {
    await expect(
      mapWithLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
    await expect(mapWithLimit([], 4, async () => 1)).resolves.toEqual([]);
  });
});
