import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRenderTools } from '../../src/sources/render.ts';
import { NOW } from '../support/audit-yaml.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';
import { runCli } from '../support/run-cli.ts';

const missing = findRenderTools().kustomize === null ? 'kubectl / kustomize not on PATH' : null;
if (missing) console.warn(`CLI --render tests skipped: ${missing}`);

const IDENTITY = ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false'];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const INGRESS = ingressYaml({ name: 'shop', tls: true, host: 'shop.example.com', backend: 'service-flow' });

async function repo(
  files: Record<string, string>,
): Promise<{ dir: string; git: (...a: string[]) => string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ia-cli-render-'));
  dirs.push(dir);
  const git = (...args: string[]) =>
    execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  return { dir, git };
}

function cli(args: string[], cwd: string) {
  return runCli(args, { cwd, now: NOW });
}

describe.skipIf(missing !== null)('ingress-audit diff --render (real kubectl kustomize)', () => {
  it('renders the base commit and the working tree, and points the finding at the overlay patch', async () => {
    const { dir, git } = await repo({
      '.github/ingress-audit.yml': 'render:\n  - kustomize: overlays/prod\n',
      'base/ingress.yaml': INGRESS,
      'base/kustomization.yaml': 'resources:\n  - ingress.yaml\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\n',
    });
    const base = git('rev-parse', 'HEAD');
    await writeFile(
      join(dir, 'overlays/prod/kustomization.yaml'),
      'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: host.yaml\n',
    );
    await writeFile(
      join(dir, 'overlays/prod/host.yaml'),
      INGRESS.replace('- host: shop.example.com', '- host: "*.example.com"'),
    );
    const run = await cli(['diff', '--base', base, '--render', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    const wildcard = report.findings.find((f: { ruleId: string }) => f.ruleId === 'wildcard-host');
    expect(wildcard).toMatchObject({ status: 'introduced', file: 'overlays/prod/host.yaml', line: 11 });
    expect(wildcard.object).toEqual({ kind: 'Ingress', namespace: 'prod', name: 'shop' });
    expect(run.code).toBe(1);
    // The temporary worktree of the base commit is gone again.
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('a render step that fails on one side makes the run neutral instead of passing it', async () => {
    const { dir, git } = await repo({
      '.github/ingress-audit.yml': 'render:\n  - kustomize: k\n',
      'k/kustomization.yaml': 'resources:\n  - broken.yaml\n',
    });
    const base = git('rev-parse', 'HEAD');
    await writeFile(join(dir, 'k/kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    const run = await cli(['diff', '--base', base, '--render', '--format', 'text'], dir);
    expect(run.stdout).toMatch(/render kustomize k failed/);
    const json = JSON.parse(
      (await cli(['diff', '--base', base, '--render', '--format', 'json'], dir)).stdout,
    );
    expect(json.conclusion).toBe('neutral');
    expect(run.code).toBe(0);
  });
});
