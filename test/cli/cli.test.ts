/** The real binary against a temporary git repository: what a user runs on a laptop or in CI. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingressYaml } from '../support/ingress-yaml.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/ingress-audit.js', import.meta.url));
const alice = { name: 'Alice', email: 'alice@example.com' };

async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ingress = (opts: { host: string; auth: boolean; snippet?: boolean }) =>
  ingressYaml({
    name: 'shop',
    namespace: 'web',
    annotations: {
      ...(opts.auth
        ? {
            'nginx.ingress.kubernetes.io/auth-type': 'basic',
            'nginx.ingress.kubernetes.io/auth-secret': 'web/htpasswd',
          }
        : {}),
      ...(opts.snippet ? { 'nginx.ingress.kubernetes.io/server-snippet': 'return 200;' } : {}),
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    },
    tls: true,
    host: opts.host,
  });

describe('ingress-audit CLI (real binary, temporary git repository)', () => {
  let repo: ScriptedRepo;
  beforeAll(() => {
    repo = new ScriptedRepo();
    repo.commit(
      {
        'apps/shop/ingress.yaml': ingress({ host: 'shop.example.com', auth: true }),
        '.github/ingress-audit.yml': 'failOn: high\n',
        'apps/shop/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop, namespace: web}\n',
      },
      'base',
      alice,
      '2026-11-01T10:00:00Z',
    );
    repo.git(['checkout', '-q', '-b', 'feature']);
  });
  afterAll(() => repo.remove());

  it('diff between two refs: auth removed fails the policy with the line of the path', async () => {
    repo.commit(
      { 'apps/shop/ingress.yaml': ingress({ host: 'shop.example.com', auth: false }) },
      'drop auth',
      alice,
      '2026-11-02T10:00:00Z',
    );
    const r = await cli(['diff', '--base', 'main', '--head', 'feature', '--format', 'json'], repo.dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { ruleId: string }) => x.ruleId === 'auth-removed');
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'critical',
      file: 'apps/shop/ingress.yaml',
      line: 17,
      host: 'shop.example.com',
    });
    expect(report.conclusion).toBe('failure');
    expect(report.base).toBeTruthy();
  });

  it('a moved file with reordered keys is no change: exit 0 and no finding above info', async () => {
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'move']);
    const moved = ingress({ host: 'shop.example.com', auth: true })
      .replace('  name: shop\n  namespace: web\n', '  namespace: web\n  name: "shop"\n')
      .replace(/# .*\n/g, '');
    repo.commit(
      { 'apps/shop/ingress.yaml': null, 'deploy/web/shop-ingress.yml': `# moved\n${moved}` },
      'move',
      alice,
      '2026-11-03T10:00:00Z',
    );
    const r = await cli(['diff', '--base', 'main', '--head', 'move', '--format', 'json'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
    expect(report.objects).toContainEqual(expect.objectContaining({ name: 'shop', change: 'moved' }));
  });

  it('diff against the working tree, head config cannot relax the gate (config comes from the base ref)', async () => {
    repo.git(['checkout', '-q', 'main']);
    repo.git(['checkout', '-q', '-b', 'relax']);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(repo.dir, '.github/ingress-audit.yml'),
      'failOn: never\nrules: {snippet-annotation: off}\n',
    );
    writeFileSync(
      join(repo.dir, 'apps/shop/ingress.yaml'),
      ingress({ host: 'shop.example.com', auth: true, snippet: true }),
    );
    const r = await cli(['diff', '--base', 'main'], repo.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('snippet-annotation');
    repo.git(['checkout', '-q', '--', '.']);
  });

  it('sarif output is valid SARIF 2.1.0 with the finding region', async () => {
    repo.git(['checkout', '-q', 'feature']);
    const out = join(repo.dir, 'out.sarif');
    const r = await cli(
      ['diff', '--base', 'main', '--head', 'feature', '--format', 'sarif', '--output', out],
      repo.dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'auth-removed');
    expect(result.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'apps/shop/ingress.yaml' },
      region: { startLine: 17 },
    });
  });

  it('scan reports present findings for the working tree', async () => {
    repo.git(['checkout', '-q', 'feature']);
    const r = await cli(['scan', 'apps', '--format', 'json', '--fail-on', 'never'], repo.dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.base).toBeNull();
    expect(report.findings.every((f: { status: string }) => f.status === 'present')).toBe(true);
  });

  it('usage and operational errors are one line on stderr with exit code 2, never a stack trace', async () => {
    for (const args of [
      ['diff', '--base', 'no-such-ref'],
      ['diff', '--format', 'yaml'],
      ['diff', '--base-dir', 'nowhere', '--head-dir', 'nowhere-either'],
      ['frobnicate'],
      ['explain', 'wildcard-hosts'],
    ]) {
      const r = await cli(args, repo.dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ingress-audit: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    expect((await cli(['explain', 'wildcard-hosts'], repo.dir)).stderr).toContain(
      'did you mean wildcard-host',
    );
  });

  it('rules and explain print the catalogue from the rule metadata', async () => {
    const rules = await cli(['rules'], repo.dir);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(/^auth-removed\s+critical\s+Authentication removed$/m);
    const explain = await cli(['explain', 'tls-removed'], repo.dir);
    expect(explain.stdout).toContain('tls-removed (high)');
    expect(explain.stdout).toContain('Fix:');
  });

  it('a templated file in the change is a notice with its file, and the rest is still audited', async () => {
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['checkout', '-q', '-b', 'templated']);
    repo.commit(
      {
        'charts/web/templates/ingress.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\n',
      },
      'chart',
      alice,
      '2026-11-04T10:00:00Z',
    );
    const r = await cli(['diff', '--base', 'main', '--head', 'templated', '--format', 'json'], repo.dir);
    const report = JSON.parse(r.stdout);
    expect(
      report.notices.some(
        (n: { file: string; line: number }) => n.file === 'charts/web/templates/ingress.yaml' && n.line >= 1,
      ),
    ).toBe(true);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'auth-removed')).toBe(true);
  });
});
