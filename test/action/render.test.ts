import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/core/audit.ts';
import { defaultConfig } from '../../src/core/policy/config.ts';
import {
  findRenderTools,
  insideRepo,
  type RenderOutput,
  renderSources,
  traceRendered,
  withRendered,
} from '../../src/sources/render.ts';
import { NOW } from '../support/audit-yaml.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';

const tools = findRenderTools();
const kustomizeMissing = tools.kustomize === null ? 'kubectl / kustomize not on PATH' : null;
if (kustomizeMissing) console.warn(`render tests with kustomize skipped: ${kustomizeMissing}`);

const cleanup: string[] = [];
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ia-render-'));
  cleanup.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

const INGRESS = ingressYaml({ name: 'shop', tls: true, host: 'shop.example.com', backend: 'service-flow' });
/** An overlay patch: the wildcard host is on line 7. */
const WILDCARD_PATCH = ingressYaml({
  name: 'shop',
  className: null,
  host: '*.example.com',
  backend: 'service-flow',
});
const KUSTOMIZE_BASE = {
  'base/ingress.yaml': INGRESS,
  'base/kustomization.yaml': 'resources:\n  - ingress.yaml\n',
  'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\n',
  'apps/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: other }\n',
};
const KUSTOMIZE_HEAD = {
  ...KUSTOMIZE_BASE,
  'overlays/prod/kustomization.yaml':
    'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: host.yaml\n',
  'overlays/prod/host.yaml': WILDCARD_PATCH,
};

describe('insideRepo', () => {
  it('keeps repository-relative paths and refuses absolute paths and .. escapes', () => {
    expect(insideRepo('overlays/prod/')).toBe('overlays/prod');
    expect(insideRepo('./a/../b')).toBe('b');
    expect(insideRepo('../outside')).toBeNull();
    expect(insideRepo('a/../../outside')).toBeNull();
    expect(insideRepo('/etc')).toBeNull();
    expect(insideRepo('C:/x')).toBeNull();
  });
});

describe.skipIf(kustomizeMissing !== null)('kustomize rendering (real kubectl kustomize)', () => {
  it('renders an overlay into one file named after the folder, and lists the files it read', async () => {
    const root = await tree(KUSTOMIZE_HEAD);
    const out = await renderSources({ root, entries: [{ kustomize: 'overlays/prod' }], tools });
    expect(out.toolingErrors).toEqual([]);
    expect(out.files.map((f) => [f.path, f.renderedFrom])).toEqual([
      ['overlays/prod/rendered.kustomize.yaml', 'overlays/prod'],
    ]);
    expect(String(out.files[0].content)).toMatch(/namespace: prod/);
    expect([...out.consumed].sort()).toEqual([
      'base/ingress.yaml',
      'base/kustomization.yaml',
      'overlays/prod/host.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
  });

  it('a patch that makes the host a wildcard → wildcard-host introduced, pointing at the patch line', async () => {
    const baseRoot = await tree(KUSTOMIZE_BASE);
    const headRoot = await tree(KUSTOMIZE_HEAD);
    const entries = [{ kustomize: 'overlays/prod' }];
    const base = await renderSources({ root: baseRoot, entries, tools });
    const head = await renderSources({ root: headRoot, entries, tools });
    const raw = audit(
      {
        base: withRendered([{ path: 'base/ingress.yaml', content: INGRESS }], base),
        head: withRendered([{ path: 'base/ingress.yaml', content: INGRESS }], head),
        baseRef: 'base',
        headRef: 'head',
      },
      { config: defaultConfig(), now: NOW },
    );
    const result = traceRendered(raw, { base: base.traces, head: head.traces });
    const wildcard = result.findings.find((f) => f.ruleId === 'wildcard-host');
    expect(wildcard).toMatchObject({
      status: 'introduced',
      file: 'overlays/prod/host.yaml',
      line: 7,
      object: { kind: 'Ingress', namespace: 'prod', name: 'shop' },
    });
    // The raw base file is audited through the render only: no second, namespace-less "shop".
    expect(result.objects.filter((o) => o.name === 'shop')).toHaveLength(1);
    expect(result.findings.every((f) => !f.file.endsWith('rendered.kustomize.yaml'))).toBe(true);
  });

  it('an object no file in the tree defines stays on the rendered output, with a notice', async () => {
    // namePrefix renames the object: no file in the tree has that kind and name.
    const root = await tree({
      'k/kustomization.yaml': 'resources:\n  - ing.yaml\nnamePrefix: prod-\n',
      'k/ing.yaml': INGRESS.replace('shop.example.com\n      http', '"*.example.com"\n      http'),
    });
    const out = await renderSources({ root, entries: [{ kustomize: 'k' }], tools });
    const raw = audit(
      { base: null, head: out.files, baseRef: null, headRef: 'head' },
      { config: defaultConfig(), now: NOW },
    );
    const result = traceRendered(raw, { head: out.traces });
    const wildcard = result.findings.find((f) => f.ruleId === 'wildcard-host');
    expect(wildcard?.file).toBe('k/rendered.kustomize.yaml');
    expect(result.notices.some((n) => /point at the rendered output/.test(n.message))).toBe(true);
  });

  it('a broken kustomization is a tooling error and a notice, not a crash', async () => {
    const root = await tree({ 'k/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    const out = await renderSources({ root, entries: [{ kustomize: 'k' }], tools });
    expect(out.files).toEqual([]);
    expect(out.toolingErrors).toHaveLength(1);
    expect(out.toolingErrors[0]).toMatch(/^render kustomize k failed: /);
    expect(out.notices[0]).toMatchObject({ file: 'k', kind: 'render' });
    expect(out.consumed.size).toBe(0);
  });
});

describe('render safety', () => {
  const fakeTool = (script: string) => ({ kustomize: ['node', '-e', script], helm: null });

  it('refuses folders outside the checkout without running anything', async () => {
    const root = await tree({ 'a/kustomization.yaml': 'resources: []\n' });
    const marker = join(root, 'ran');
    const out = await renderSources({
      root,
      entries: [{ kustomize: '../' }, { kustomize: '/etc' }, { kustomize: 'a/../../x' }],
      tools: fakeTool(`require('fs').writeFileSync(${JSON.stringify(marker)}, '')`),
    });
    expect(out.toolingErrors).toHaveLength(3);
    for (const e of out.toolingErrors) expect(e).toMatch(/inside the repository/);
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('refuses a symlink that leads out of the checkout', async () => {
    const root = await tree({ 'a/kustomization.yaml': 'resources: []\n' });
    const outside = await tree({ 'kustomization.yaml': 'resources: []\n' });
    await symlink(outside, join(root, 'link'));
    const out = await renderSources({ root, entries: [{ kustomize: 'link' }], tools: fakeTool('') });
    expect(out.toolingErrors[0]).toMatch(/inside the repository/);
  });

  it('shell metacharacters in a folder name reach the tool as one argument, never a shell', async () => {
    const name = 'x; touch pwned $(id)';
    const root = await tree({ [`${name}/kustomization.yaml`]: 'resources: []\n' });
    const out = await renderSources({
      root,
      entries: [{ kustomize: name }],
      tools: fakeTool('console.log(JSON.stringify({kind: "List", args: process.argv.slice(1)}))'),
    });
    expect(out.toolingErrors).toEqual([]);
    expect(JSON.parse(String(out.files[0].content)).args).toEqual([`./${name}`]);
    await expect(readFile(join(root, 'pwned'))).rejects.toThrow();
  });

  it('stops a tool that hangs, and one whose output is too large', async () => {
    const root = await tree({ k: '' });
    await rm(join(root, 'k'));
    await mkdir(join(root, 'k'));
    const slow = await renderSources({
      root,
      entries: [{ kustomize: 'k' }],
      tools: fakeTool('setTimeout(() => {}, 20000)'),
      timeoutMs: 300,
    });
    expect(slow.toolingErrors[0]).toMatch(/no answer within 0.3s/);
    const big = await renderSources({
      root,
      entries: [{ kustomize: 'k' }],
      tools: fakeTool("process.stdout.write('x'.repeat(100000))"),
      maxOutputBytes: 1000,
    });
    expect(big.toolingErrors[0]).toMatch(/output over the limit/);
  });

  it('a missing tool is a tooling error that names it', async () => {
    const root = await tree({ 'k/kustomization.yaml': '' });
    const out: RenderOutput = await renderSources({
      root,
      entries: [{ kustomize: 'k' }, { helm: 'k' }],
      tools: { kustomize: null, helm: null },
    });
    expect(out.toolingErrors).toEqual([
      'render kustomize k failed: neither kubectl nor kustomize is installed',
      'render helm k failed: helm is not installed',
    ]);
  });
});

describe('helm rendering (a stand-in helm that prints what helm template prints)', () => {
  it('passes chart, release, namespace and values as arguments and traces objects to their template', async () => {
    const root = await tree({
      'charts/web/Chart.yaml': 'name: web\nversion: 1.0.0\n',
      'charts/web/templates/ingress.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  rules:\n    - host: {{ .Values.host | quote }}\n',
      'charts/web/values-prod.yaml': 'host: "*.example.com"\n',
    });
    const argsFile = join(root, 'args.json');
    const script = [
      `require('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));`,
      'console.log(["---", "# Source: web/templates/ingress.yaml", "apiVersion: networking.k8s.io/v1",',
      '"kind: Ingress", "metadata:", "  name: shop", "spec:", "  rules:", "    - host: \\"*.example.com\\""].join("\\n"))',
    ].join('');
    const wrapper = join(root, 'helm');
    await writeFile(wrapper, `#!${process.execPath}\n${script}\n`, { mode: 0o755 });
    const rendered = await renderSources({
      root,
      entries: [
        {
          helm: 'charts/web',
          releaseName: 'shop',
          namespace: 'web',
          values: ['charts/web/values-prod.yaml'],
        },
      ],
      tools: { kustomize: null, helm: wrapper },
    });
    expect(rendered.toolingErrors).toEqual([]);
    expect(JSON.parse(await readFile(argsFile, 'utf8'))).toEqual([
      'template',
      'shop',
      './charts/web',
      '--namespace',
      'web',
      '--values',
      './charts/web/values-prod.yaml',
    ]);
    const raw = audit(
      { base: null, head: rendered.files, baseRef: null, headRef: 'head' },
      { config: defaultConfig(), now: NOW },
    );
    const result = traceRendered(raw, { head: rendered.traces });
    expect(result.findings.find((f) => f.ruleId === 'wildcard-host')?.file).toBe(
      'charts/web/templates/ingress.yaml',
    );
  });

  it('refuses a release name or namespace that is not a DNS label', async () => {
    const root = await tree({ 'c/Chart.yaml': 'name: c\n' });
    const out = await renderSources({
      root,
      entries: [
        { helm: 'c', releaseName: '--post-renderer=/bin/sh' },
        { helm: 'c', namespace: 'a b' },
      ],
      tools: { kustomize: null, helm: '/nonexistent/helm' },
    });
    expect(out.toolingErrors[0]).toMatch(/releaseName .* is not a valid release name/);
    expect(out.toolingErrors[1]).toMatch(/namespace "a b" is not valid/);
  });
});
