/**
 * The pipeline properties (pipeline-properties.ts) at `npm test` size: FUZZ_RUNS cases in all
 * (default 200), split by weight. `npm run fuzz` runs the same properties at 20,000 cases.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { PROPERTIES, runsFor, totalRuns } from './pipeline-properties.ts';

const TOTAL = totalRuns(process.env.FUZZ_RUNS, 200);

describe(`pipeline properties (${TOTAL} generated cases in all)`, () => {
  for (const p of PROPERTIES) {
    const runs = runsFor(p, TOTAL);
    it(`${p.name} (${runs} cases)`, () => {
      fc.assert(p.property, { numRuns: runs });
    });
  }
});
