/**
 * The properties of issue 6 ("Bad input"), each a fast-check property over the whole pipeline. `weight`
 * is the share of the run budget a property gets (FUZZ_RUNS is split by weight, see `runsFor`).
 */
import fc from 'fast-check';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { benignChange, changeSet, type FuzzChange, largeChangeSet } from './change-set-arbitrary.ts';
import {
  check,
  checkGitHubLimits,
  checkLocated,
  checkMarkers,
  findingKey,
  newFindings,
} from './pipeline-checks.ts';
import { auditInput, type PipelineInput, renderAll, runPipeline } from './run-pipeline.ts';

export interface FuzzProperty {
  name: string;
  weight: number;
  property: fc.IProperty<[never]> | fc.IProperty<unknown[]>;
}

function input(c: FuzzChange): PipelineInput {
  return { base: c.base, head: c.head, unchanged: c.unchanged };
}

function describeFindings(
  findings: { ruleId: string; status: string; file: string; line: number; message: string }[],
) {
  return findings.map((f) => `${f.ruleId} ${f.status} ${f.file}:${f.line} ${f.message}`).join('\n');
}

/**
 * A case that takes longer than this is a complexity bug (a regular expression retried from every
 * position of a long value took 97 s on 220 KB); typical cases take 10–100 ms.
 */
export const CASE_TIME_LIMIT_MS = 10_000;

/** The slowest case of the run so far, for the `npm run fuzz` summary. */
export const SLOWEST = { ms: 0, bytes: 0 };

function inputBytes(c: FuzzChange): number {
  return [...(c.base ?? []), ...c.head, ...c.unchanged].reduce((sum, f) => sum + f.content.length, 0);
}

/** Generated and mutated PRs: nothing throws, problems are located, output fits and keeps its shape. */
const neverThrows = fc.property(changeSet, (c) => {
  const start = performance.now();
  const out = runPipeline(input(c));
  const ms = performance.now() - start;
  if (ms > SLOWEST.ms) Object.assign(SLOWEST, { ms, bytes: inputBytes(c) });
  check(
    ms < CASE_TIME_LIMIT_MS,
    () => `the pipeline took ${Math.round(ms)} ms on ${inputBytes(c)} characters of input`,
  );
  checkLocated(input(c), out.result);
  checkGitHubLimits(out);
  checkMarkers(
    out,
    out.result.findings.map((f) => f.fingerprint),
  );
});

/**
 * Auditing a tree against itself finds nothing new — byte for byte, with a comment appended to every
 * file (so the engine cannot set them aside as unchanged), or with every file moved.
 */
const selfAudit = fc.property(benignChange, ({ edit, base, head }) => {
  const result = auditInput({ base, head });
  const fresh = newFindings(result);
  check(fresh.length === 0, () => `audit(x, x) (${edit}) reports new findings:\n${describeFindings(fresh)}`);
  check(result.conclusion !== 'failure', () => `audit(x, x) (${edit}) fails the policy`);
});

/** Same input twice → same bytes on every surface; files in another order → the same findings. */
const deterministic = fc.property(
  changeSet.chain((c) => {
    const shuffle = (files: SourceFile[]) =>
      fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length });
    return fc.tuple(fc.constant(c), shuffle(c.base ?? []), shuffle(c.head), shuffle(c.unchanged));
  }),
  ([c, base, head, unchanged]) => {
    const first = runPipeline(input(c));
    const again = renderAll(auditInput(input(c)));
    for (const key of Object.keys(again) as (keyof typeof again)[]) {
      const a = JSON.stringify(first[key]);
      const b = JSON.stringify(again[key]);
      check(a === b, () => `${key}: the same input rendered differently on a second run`);
    }
    const permuted = auditInput({ base: c.base === null ? null : base, head, unchanged });
    const before = first.result.findings.map(findingKey).sort();
    const after = permuted.findings.map(findingKey).sort();
    const onlyBefore = before.filter((k) => !after.includes(k));
    const onlyAfter = after.filter((k) => !before.includes(k));
    check(
      JSON.stringify(before) === JSON.stringify(after),
      () =>
        `file order changed the findings:\nonly in the given order:\n${onlyBefore.join('\n')}\nonly when permuted:\n${onlyAfter.join('\n')}`,
    );
  },
);

/** Reports far too big for GitHub are cut to fit, and keep their shape when cut. */
const withinLimits = fc.property(largeChangeSet, (c) => {
  const out = runPipeline(input(c));
  checkGitHubLimits(out);
  checkMarkers(
    out,
    out.result.findings.map((f) => f.fingerprint),
  );
});

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'load → diff → rules → every renderer never throws; problems are located; output fits',
    weight: 10,
    property: neverThrows,
  },
  { name: 'audit(x, x) introduces and worsens nothing', weight: 5, property: selfAudit },
  { name: 'output is deterministic and independent of file order', weight: 4, property: deterministic },
  { name: 'reports too big for GitHub are cut to its limits', weight: 1, property: withinLimits },
];

/**
 * FUZZ_RUNS is the total number of cases across the properties that run, split by weight (at least
 * one each).
 */
export function runsFor(
  p: FuzzProperty,
  total: number,
  running: readonly FuzzProperty[] = PROPERTIES,
): number {
  const weights = running.reduce((sum, q) => sum + q.weight, 0);
  return Math.max(1, Math.round((total * p.weight) / weights));
}

export function totalRuns(env: string | undefined, fallback: number): number {
  const n = Number(env);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
