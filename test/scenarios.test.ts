/**
 * Scenario fixtures: each folder under fixtures/scenarios holds a repository at base and at head and
 * the findings a reviewer should see (expected.json). Findings above info must match exactly; info
 * findings listed there must be present. Config is read from the base side, as the front doors do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.ts';
import { audit } from '../src/core/audit.ts';
import type { Finding } from '../src/core/findings.ts';
import type { SourceFile } from '../src/core/manifests/document.ts';
import { parseConfig } from '../src/core/policy/config.ts';
import { NOW } from './support/audit-yaml.ts';

const ROOT = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const CONFIG_FILE = '.github/ingress-audit.yml';

interface ExpectedFinding {
  ruleId: string;
  status: Finding['status'];
  file: string;
  line: number;
  host?: string;
  severity: Finding['severity'];
  waived?: boolean;
}

interface Expected {
  description: string;
  findings: ExpectedFinding[];
  conclusion?: 'success' | 'failure' | 'neutral';
}

/** Every file under `dir`, by repository-relative path with forward slashes. */
function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, c] of readTree(join(dir, entry.name), path)) files.set(p, c);
    else files.set(path, readFileSync(join(dir, entry.name), 'utf8'));
  }
  return files;
}

/** Splits the two trees the way `git diff` does: changed files per side, identical files as context. */
function changeSetOf(base: Map<string, string> | null, head: Map<string, string>) {
  const manifests = (m: Map<string, string>) => [...m].filter(([p]) => !p.startsWith('.github/'));
  const toFile = ([path, content]: [string, string]): SourceFile => ({ path, content });
  if (base === null) return { base: null, head: manifests(head).map(toFile), unchanged: [] };
  const same = (p: string) => base.has(p) && head.has(p) && base.get(p) === head.get(p);
  return {
    base: manifests(base)
      .filter(([p]) => !same(p))
      .map(toFile),
    head: manifests(head)
      .filter(([p]) => !same(p))
      .map(toFile),
    unchanged: manifests(head)
      .filter(([p]) => same(p))
      .map(toFile),
  };
}

/** Audits `dir/base` against `dir/head` (scan mode when there is no base folder). */
function runFolder(dir: string) {
  const base = existsSync(join(dir, 'base')) ? readTree(join(dir, 'base')) : null;
  const head = readTree(join(dir, 'head'));
  // Policy comes from the base branch: the change under review cannot loosen its own rules.
  const { config, problems } = parseConfig(base?.get(CONFIG_FILE) ?? null, CONFIG_FILE, {
    knownRuleIds: allRules.map((r) => r.meta.id),
  });
  const changeSet = changeSetOf(base, head);
  return audit(
    { ...changeSet, baseRef: base ? 'base' : null, headRef: 'head' },
    { config, configProblems: problems, configFile: CONFIG_FILE, now: NOW },
  );
}

const shape = (f: Finding | ExpectedFinding): ExpectedFinding => ({
  ruleId: f.ruleId,
  status: f.status,
  file: f.file,
  line: f.line,
  ...(f.host ? { host: f.host } : {}),
  severity: f.severity,
  ...(f.waived ? { waived: true } : {}),
});

const order = (a: ExpectedFinding, b: ExpectedFinding) =>
  a.file.localeCompare(b.file) ||
  a.line - b.line ||
  a.ruleId.localeCompare(b.ruleId) ||
  a.status.localeCompare(b.status);

const scenarios = existsSync(ROOT)
  ? readdirSync(ROOT)
      .filter((n) => existsSync(join(ROOT, n, 'expected.json')))
      .sort()
  : [];

/** Every rule in the catalogue must be shown firing, with its line, by some scenario. */
const COVERED_RULES = allRules.map((r) => r.meta.id);

describe('scenario fixtures', () => {
  it('there are scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it('every catalogue rule is shown firing by at least one scenario', () => {
    const firing = new Set(
      scenarios.flatMap((name) =>
        (JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as Expected).findings
          .filter((f) => f.status === 'introduced' || f.status === 'worsened')
          .map((f) => f.ruleId),
      ),
    );
    expect(COVERED_RULES.filter((id) => !firing.has(id))).toEqual([]);
  });

  describe.each(scenarios)('%s', (name) => {
    const expected = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as Expected;
    const result = runFolder(join(ROOT, name));
    const detail = JSON.stringify(
      result.findings.map((f) => ({ ...shape(f), message: f.message })),
      null,
      1,
    );

    it(`${expected.description}: findings above info match exactly`, () => {
      const actual = result.findings
        .filter((f) => f.severity !== 'info')
        .map(shape)
        .sort(order);
      const wanted = expected.findings
        .filter((f) => f.severity !== 'info')
        .map(shape)
        .sort(order);
      expect(actual, detail).toEqual(wanted);
    });

    const info = expected.findings.filter((f) => f.severity === 'info');
    if (info.length > 0)
      it('the info findings it lists are reported', () => {
        const actual = result.findings.filter((f) => f.severity === 'info').map(shape);
        for (const f of info) expect(actual, detail).toContainEqual(shape(f));
      });

    if (expected.conclusion)
      it(`concludes ${expected.conclusion}`, () => {
        expect(result.conclusion).toBe(expected.conclusion);
      });
  });
});

describe('the bundled example (`npm start`)', () => {
  const result = runFolder(fileURLToPath(new URL('../fixtures/example/', import.meta.url)));
  const statuses = (ruleId: string) =>
    result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.status);

  it('fails, with new, worsened and preexisting findings to show', () => {
    expect(result.conclusion).toBe('failure');
    expect(statuses('wildcard-host')).toEqual(['introduced']);
    expect(statuses('auth-removed')).toEqual(['introduced']);
    expect(statuses('source-range-widened')).toEqual(['worsened']);
    expect(statuses('snippet-annotation')).toEqual(['introduced']);
    expect(statuses('https-redirect-disabled')).toEqual(['preexisting']);
  });

  it('reports nothing for the reordered blog Ingress or the moved search Ingress', () => {
    const quiet = result.findings.filter(
      (f) => f.file.startsWith('apps/blog/') || f.file.startsWith('apps/catalog/'),
    );
    expect(quiet).toEqual([]);
    expect(result.objects.find((o) => o.name === 'search')).toMatchObject({
      change: 'moved',
      previousFile: 'apps/search/ingress.yaml',
    });
    expect(result.objects.find((o) => o.name === 'blog')?.change).toBe('unchanged');
  });
});
