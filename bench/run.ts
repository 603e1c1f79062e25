/**
 * `npm run bench` (first part): the performance targets of issue 6, measured side by side in one run
 * and printed as ratios to what the `yaml` library alone needs. Not a test.
 *
 *   node bench/run.ts [big-change] [big-repo] [scaling] [memory] [--scale 0.1]
 *
 * `--scale` shrinks every input (for a quick look; the targets are for scale 1). docs/performance.md
 * quotes the output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { audit } from '../src/core/audit.ts';
import type { SourceFile } from '../src/core/manifests/document.ts';
import { defaultConfig } from '../src/core/policy/config.ts';
import { bigChange, repo } from './generate.ts';

const config = defaultConfig();
const now = new Date('2026-11-22T00:00:00Z');
const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const SCALE = scaleAt === -1 ? 1 : Number(args[scaleAt + 1]);
const sections = args.filter((a, i) => !a.startsWith('--') && (scaleAt === -1 || i !== scaleAt + 1));
const scaled = (n: number) => Math.max(10, Math.round(n * SCALE));

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/**
 * Best of n for each of several measurements, taken in turns (a, b, a, b…) so that a change in the
 * machine's load hits all of them alike. The machine is shared: the minimum is the least noisy estimate.
 */
function sideBySide<T extends Record<string, () => unknown>>(n: number, fns: T): Record<keyof T, number> {
  const best = Object.fromEntries(Object.keys(fns).map((k) => [k, Number.POSITIVE_INFINITY])) as Record<
    keyof T,
    number
  >;
  for (let i = 0; i < n; i++)
    for (const key of Object.keys(fns) as (keyof T)[]) best[key] = Math.min(best[key], time(fns[key]).ms);
  return best;
}

function yamlAlone(files: SourceFile[]): number {
  let docs = 0;
  for (const f of files) docs += parseAllDocuments(String(f.content)).length;
  return docs;
}

/** Splits two full trees into changed files (both sides) and files identical on both sides, as git does. */
function split(base: SourceFile[], head: SourceFile[]) {
  const baseByPath = new Map(base.map((f) => [f.path, f]));
  const unchanged: SourceFile[] = [];
  const changedHead: SourceFile[] = [];
  const changedBase: SourceFile[] = [];
  for (const f of head) {
    const b = baseByPath.get(f.path);
    if (b && b.content === f.content) unchanged.push(f);
    else {
      changedHead.push(f);
      if (b) changedBase.push(b);
    }
  }
  return { changedBase, changedHead, unchanged };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

function bigChangeSection() {
  const apps = scaled(10_000);
  const { base, head } = bigChange(apps);
  const { changedBase, changedHead, unchanged } = split(base, head);
  const t = sideBySide(2, {
    yaml: () => yamlAlone(base) + yamlAlone(head),
    full: () => audit({ base, head, baseRef: 'base', headRef: 'head' }, { config, now }),
    split: () =>
      audit(
        { base: changedBase, head: changedHead, unchanged, baseRef: 'base', headRef: 'head' },
        { config, now },
      ),
  });
  const ratio = t.full / t.yaml;
  console.log(
    `## Big change: ${(apps * 4).toLocaleString('en-US')} documents per side, ${apps.toLocaleString('en-US')} Ingresses; ${changedHead.length} of ${head.length} files changed (1 Ingress in 10)`,
  );
  console.log(`yaml.parseAllDocuments alone, both sides:        ${ms(t.yaml)}`);
  console.log(`audit, every file of both sides (folder diff):   ${ms(t.full)}  ratio ${ratio.toFixed(3)}`);
  console.log(
    `audit, changed files + unchanged context (git):  ${ms(t.split)}  ratio ${(t.split / t.yaml).toFixed(3)}`,
  );
  console.log(`target: ratio <= 0.5 — ${verdict(ratio <= 0.5)}`);
}

function bigRepoSection() {
  // ~50,000 documents at head: 2,000 apps (Ingress, Deployment, Service, ConfigMap) and 10,500 more
  // apps' worth of platform documents without Ingresses; 5 files changed.
  const apps = scaled(2_000);
  const changedApps = 50;
  const head = repo(apps, (i) => i < changedApps, 10);
  const base = repo(apps, () => false, 10);
  const filler = repo(scaled(10_500), () => false, 50).map((f, i) => ({
    path: `platform/filler-${i}.yaml`,
    content: String(f.content).replace(
      /kind: Ingress[\s\S]*?(?=---\n|$)/g,
      'kind: ConfigMap\nmetadata: {name: x}\n',
    ),
  }));
  const all = [...head, ...filler];
  const { changedBase, changedHead, unchanged } = split([...base, ...filler], all);
  const t = sideBySide(2, {
    yaml: () => yamlAlone(all),
    audit: () =>
      audit(
        { base: changedBase, head: changedHead, unchanged, baseRef: 'base', headRef: 'head' },
        { config, now },
      ),
  });
  const docs = all.reduce((n, f) => n + String(f.content).split('\n---\n').length, 0);
  const ratio = t.audit / t.yaml;
  console.log(
    `\n## Big repo, small change: ${docs.toLocaleString('en-US')} documents at head, ${apps.toLocaleString('en-US')} Ingresses, ${changedHead.length} changed files, repo-wide context on`,
  );
  console.log(`yaml.parseAllDocuments alone, every file at head: ${ms(t.yaml)}`);
  console.log(`audit with context:                               ${ms(t.audit)}  ratio ${ratio.toFixed(3)}`);
  console.log(`target: ratio < 0.2 — ${verdict(ratio < 0.2)}`);
}

/** Runs a bench script in a fresh Node process and returns the JSON it prints last. */
function child<T>(script: string, args: string[]): T {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const run = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}

function scalingSection() {
  // Each size in a process of its own (a 10x heap left over from other sections would skew it),
  // in turns, best of 2 x 3 runs.
  const smallApps = scaled(1_000);
  const sizes = [smallApps, smallApps * 10];
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let round = 0; round < 2; round++)
    sizes.forEach((apps, i) => {
      best[i] = Math.min(best[i], child<{ ms: number }>('./scaling.ts', [String(apps), '3']).ms);
    });
  const ratio = best[1] / best[0];
  console.log(
    `\n## Scaling: ${smallApps.toLocaleString('en-US')} vs ${(smallApps * 10).toLocaleString('en-US')} Ingresses (4 documents each, every file of both sides; each size in its own process: bench/scaling.ts)`,
  );
  console.log(`1x: ${ms(best[0])}, 10x: ${ms(best[1])}, cost ratio ${ratio.toFixed(2)}`);
  console.log(`target: ratio <= 11 — ${verdict(ratio <= 11)}`);
}

function memorySection() {
  const apps = scaled(10_000);
  const dir = mkdtempSync(join(tmpdir(), 'ingress-audit-bench-'));
  try {
    const { base, head } = bigChange(apps);
    for (const [side, files] of [['base', base] as const, ['head', head] as const])
      for (const f of files) {
        const path = join(dir, side, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
    const { inputMb, peakMb } = child<{ inputMb: number; peakMb: number }>('./memory.ts', [dir]);
    console.log(
      `\n## Peak memory of the big change (${(apps * 4).toLocaleString('en-US')} documents per side; the audit alone, in a process of its own: bench/memory.ts)`,
    );
    console.log(`resident after reading the files: ${inputMb} MB; peak resident set (maxRSS): ${peakMb} MB`);
    console.log(`target: peak < 500 MB — ${verdict(peakMb < 500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const want = (name: string) => sections.length === 0 || sections.includes(name);
console.log(`node ${process.version}, scale ${SCALE}\n`);
if (want('big-change')) bigChangeSection();
if (want('big-repo')) bigRepoSection();
if (want('scaling')) scalingSection();
if (want('memory')) memorySection();
