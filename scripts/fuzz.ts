/**
 * `npm run fuzz`: the pipeline properties of test/fuzz run long. FUZZ_RUNS (default 20,000) is the total
 * number of cases, split across the properties by weight; FUZZ_SEED replays a run; arguments filter the
 * properties by name. Prints one line per property and a summary; exit code 1 when a property fails.
 *
 *   npm run fuzz
 *   FUZZ_RUNS=100000 FUZZ_SEED=42 npm run fuzz -- deterministic
 */
import fc from 'fast-check';
import { PROPERTIES, runsFor, totalRuns } from '../test/fuzz/pipeline-properties.ts';

const MAX_REPORT = 8_000;

const total = totalRuns(process.env.FUZZ_RUNS, 20_000);
const seedEnv = Number(process.env.FUZZ_SEED);
const seed = Number.isInteger(seedEnv) ? seedEnv : Date.now() ^ (Math.random() * 0x100000000);
const filters = process.argv.slice(2);
const selected = PROPERTIES.filter((p) => filters.length === 0 || filters.some((f) => p.name.includes(f)));

console.log(`fuzz: ${total.toLocaleString('en-US')} cases across ${selected.length} properties, seed ${seed}`);
const started = performance.now();
let cases = 0;
let failures = 0;
for (const p of selected) {
  const runs = runsFor(p, total);
  const t0 = performance.now();
  const details = fc.check(p.property, { numRuns: runs, seed });
  const ms = performance.now() - t0;
  cases += details.numRuns;
  const status = details.failed ? 'FAILED' : 'ok';
  if (details.failed) failures++;
  console.log(
    `${status.padEnd(6)} ${String(details.numRuns).padStart(7)} cases ${(ms / 1000).toFixed(1).padStart(7)} s  ${p.name}`,
  );
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const report = `${fc.defaultReportMessage(details) ?? ''}\nError: ${error}`;
    console.log(report.length > MAX_REPORT ? `${report.slice(0, MAX_REPORT)}\n… (report cut)` : report);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${cases.toLocaleString('en-US')} cases, ${failures} failing ${failures === 1 ? 'property' : 'properties'}, ${seconds.toFixed(1)} s (seed ${seed})`,
);
process.exitCode = failures > 0 ? 1 : 0;
