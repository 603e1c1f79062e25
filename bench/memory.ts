/**
 * Peak memory of one audit of the big change, in a process of its own so that nothing else (the
 * yaml baseline, other sections, the generator's garbage) is counted. The files are read from disk,
 * as the CLI reads them. Spawned by bench/run.ts; prints one JSON line: resident set after reading
 * the files, and peak resident set (maxRSS) — Node itself and loading the modules included.
 *
 *   node bench/memory.ts DIR        DIR holds base/ and head/ (written by bench/run.ts)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { audit } from '../src/core/audit.ts';
import type { SourceFile } from '../src/core/manifests/document.ts';
import { defaultConfig } from '../src/core/policy/config.ts';

function readTree(root: string): SourceFile[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ path: relative(root, path), content: readFileSync(path, 'utf8') }));
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/memory.ts DIR');
const base = readTree(join(dir, 'base'));
const head = readTree(join(dir, 'head'));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const inputMb = mb(process.memoryUsage().rss);
const result = audit(
  { base, head, baseRef: 'base', headRef: 'head' },
  { config: defaultConfig(), now: new Date('2026-11-22T00:00:00Z') },
);
const peakMb = mb(process.resourceUsage().maxRSS * 1024);
console.log(
  JSON.stringify({ files: base.length + head.length, inputMb, peakMb, findings: result.findings.length }),
);
