/**
 * `npm run fuzz`: the pipeline properties of test/fuzz, run long, then every limit case of
 * test/fuzz/limit-cases.ts in a process of its own. FUZZ_RUNS (default 20,000) is the total number of
 * cases, split across the properties by weight; FUZZ_SEED replays a run; arguments filter the properties
 * by name (`limits` alone runs only the limit cases). Prints one line per property and per limit case,
 * then a summary; exit code 1 when anything fails.
 *
 *   npm run fuzz
 *   FUZZ_RUNS=100000 FUZZ_SEED=42 npm run fuzz -- deterministic
 *   npm run fuzz -- limits
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { LIMIT_CASES } from '../test/fuzz/limit-cases.ts';
import { type LimitMeasurement, violations } from '../test/fuzz/measure-limit-case.ts';
import { PROPERTIES, runsFor, SLOWEST, totalRuns } from '../test/fuzz/pipeline-properties.ts';

const MAX_REPORT = 8_000;
const MEASURE = fileURLToPath(new URL('../test/fuzz/measure-limit-case.ts', import.meta.url));
// Node 22 needs the flag to run TypeScript; on 24 it is the default and the flag is accepted.
const NODE_FLAGS = ['--experimental-strip-types', '--no-warnings'];

/** Counterexamples can hold megabytes (huge scalars): print the start, enough to replay with the seed. */
function cut(text: string): string {
  return text.length > MAX_REPORT
    ? `${text.slice(0, MAX_REPORT)}\n… (cut at ${MAX_REPORT} characters)`
    : text;
}

const total = totalRuns(process.env.FUZZ_RUNS, 20_000);
const seedEnv = Number(process.env.FUZZ_SEED);
const seed = Number.isInteger(seedEnv) ? seedEnv : Date.now() ^ (Math.random() * 0x100000000);
const filters = process.argv.slice(2);
const propertyFilters = filters.filter((f) => f !== 'limits');
const selected =
  filters.length === 0
    ? PROPERTIES
    : PROPERTIES.filter((p) => propertyFilters.some((f) => p.name.includes(f)));

/** Each limit case in a child process of its own, so its peak memory is its own. */
function runLimitCases(): number {
  console.log('limits: one process per case (time = load → rules → every renderer; peak RSS of the process)');
  let failed = 0;
  for (const c of LIMIT_CASES) {
    const child = spawnSync(process.execPath, [...NODE_FLAGS, MEASURE, c.name], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    let line: string;
    try {
      const m = JSON.parse(child.stdout) as LimitMeasurement;
      const problems = violations(c, m);
      if (problems.length > 0) failed++;
      // Notices read `file:line message`: the message is what a user sees.
      const notice = c.notice
        ? (m.notices.find((n) => c.notice!.test(n)) ?? '(no notice)').replace(/^\S+ /, '')
        : `${m.objects.toLocaleString('en-US')} objects loaded, ${m.findings.toLocaleString('en-US')} findings`;
      line = `${(problems.length > 0 ? 'FAILED' : 'ok').padEnd(6)} ${String(m.ms).padStart(7)} ms ${String(m.peakRssMb).padStart(5)} MB peak (${m.baselineRssMb} MB before)  ${c.name}: ${notice}${problems.length > 0 ? `\n       ${problems.join('; ')}` : ''}`;
    } catch {
      failed++;
      line = `FAILED ${c.name}: the measuring process ended with ${child.status ?? child.signal}: ${child.stderr.slice(0, 500)}`;
    }
    console.log(line);
  }
  return failed;
}

console.log(
  `fuzz: ${total.toLocaleString('en-US')} cases across ${selected.length} properties, seed ${seed}`,
);
const started = performance.now();
let cases = 0;
let failures = 0;
for (const p of selected) {
  const runs = runsFor(p, total, selected);
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
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    console.log(cut(`Error: ${error}`));
    console.log(cut(fc.defaultReportMessage(details) ?? ''));
  }
}
if (SLOWEST.ms > 0)
  console.log(
    `slowest generated case: ${Math.round(SLOWEST.ms)} ms (${SLOWEST.bytes.toLocaleString('en-US')} characters of input)`,
  );
if (filters.length === 0 || filters.includes('limits')) failures += runLimitCases();
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${cases.toLocaleString('en-US')} cases, ${failures} failure${failures === 1 ? '' : 's'} (properties and limit cases), ${seconds.toFixed(1)} s (seed ${seed})`,
);
process.exitCode = failures > 0 ? 1 : 0;
