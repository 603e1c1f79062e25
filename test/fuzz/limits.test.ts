/**
 * Each load limit (file size, document count, alias expansion, nesting depth) stops hostile input with a
 * clear notice, and time and memory stay bounded on the way — through load, rules and every renderer.
 * Peak memory here is the test process's (it only grows), so each bound also covers the cases before
 * it; `npm run fuzz` measures every case in a process of its own for docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import { LIMIT_CASES } from './limit-cases.ts';
import { measureLimitCase, violations } from './measure-limit-case.ts';

describe('load limits: bounded time and memory, a notice for what was refused', () => {
  for (const c of LIMIT_CASES.filter((x) => !x.fuzzOnly)) {
    const what = c.notice ? `stopped with a notice matching ${c.notice}` : 'loads, with no notice';
    it(`${c.name}: ${what}, under ${c.maxMs} ms and ${c.maxRssMb} MB`, () => {
      const m = measureLimitCase(c);
      expect(violations(c, m), JSON.stringify(m)).toEqual([]);
    });
  }
});
