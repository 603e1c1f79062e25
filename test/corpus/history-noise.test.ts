/**
 * Noise check on real history: a commit pair in which no Ingress-family document changed (the corpus
 * records this per pair as `ingress_docs_changed`) must not introduce or worsen anything. Pairs that did
 * change must audit without throwing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/core/audit.ts';
import { defaultConfig } from '../../src/core/policy/config.ts';

const HISTORY = fileURLToPath(new URL('../../../shared/corpus/history/', import.meta.url));
const NOW = new Date('2026-11-22T00:00:00Z');

interface Pair {
  name: string;
  path: string;
  base: string | null;
  head: string | null;
  changed: boolean;
}

function pairs(): Pair[] {
  const out: Pair[] = [];
  for (const repo of readdirSync(HISTORY)) {
    for (const n of readdirSync(join(HISTORY, repo))) {
      const dir = join(HISTORY, repo, n);
      if (!existsSync(join(dir, 'meta.json'))) continue;
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
      out.push({
        name: `${repo}/${n}`,
        path: meta.path,
        base: read('base.yaml'),
        head: read('head.yaml'),
        changed: meta.ingress_docs_changed !== false,
      });
    }
  }
  return out;
}

describe.skipIf(!existsSync(HISTORY))('real history pairs (shared corpus)', () => {
  const all = existsSync(HISTORY) ? pairs() : [];
  const auditPair = (p: Pair) =>
    audit(
      {
        base: p.base === null ? [] : [{ path: p.path, content: p.base }],
        head: p.head === null ? [] : [{ path: p.path, content: p.head }],
        baseRef: 'parent',
        headRef: 'commit',
      },
      { config: defaultConfig(), now: NOW },
    );

  it('has pairs of both kinds', () => {
    expect(all.filter((p) => !p.changed).length).toBeGreaterThan(50);
    expect(all.filter((p) => p.changed).length).toBeGreaterThan(50);
  });

  // A pair is one file: rules that need the rest of the repository (a Service moved to another file)
  // cannot judge it; and a Secret or another document may change in the same file (a rotated key is
  // rightly reported), so only findings on the unchanged entry points count here.
  const NEEDS_REPO = new Set(['dangling-backend', 'backend-no-readiness-probe']);
  it('a pair where no Ingress-family document changed introduces and worsens nothing on its entry points', () => {
    const noisy = all
      .filter((p) => !p.changed)
      .flatMap((p) => {
        const result = auditPair(p);
        const entryPoints = new Set(result.objects.map((o) => `${o.kind}/${o.namespace}/${o.name}`));
        return result.findings
          .filter((f) => f.status === 'introduced' || f.status === 'worsened')
          .filter((f) => !NEEDS_REPO.has(f.ruleId))
          .filter(
            (f) =>
              f.object !== null && entryPoints.has(`${f.object.kind}/${f.object.namespace}/${f.object.name}`),
          )
          .map((f) => `${p.name} ${f.ruleId} ${f.file}:${f.line} ${f.message}`);
      });
    expect(noisy).toEqual([]);
  });

  it('every pair that changed audits without throwing and every finding points at a line', () => {
    for (const p of all.filter((x) => x.changed)) {
      const result = auditPair(p);
      for (const f of result.findings) expect(f.line, p.name).toBeGreaterThanOrEqual(1);
    }
  });
});
