import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, outsidePathsGlob } from '../../src/action/config-overrides.ts';
import { stripLiveExport } from '../../src/action/drift.ts';
import { getBooleanInput, InputError, inputName, readInputs } from '../../src/action/inputs.ts';
import { guardWrites, isWrite } from '../../src/action/read-only.ts';
import { formatOutput, runnerFiles } from '../../src/action/runner-files.ts';
import {
  escapeData,
  escapeProperty,
  planAnnotations,
  workflowCommand,
} from '../../src/action/workflow-commands.ts';
import { parseConfig } from '../../src/core/policy/config.ts';
import type { Annotation } from '../../src/core/report/check-run.ts';
import { makeMatcher } from '../../src/sources/globs.ts';
import { startGitHubServer } from '../support/github-server.ts';
import { parseOutputFile } from './run-action.ts';

const dirs: string[] = [];
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('inputs', () => {
  it('are read from INPUT_<NAME> with spaces as _ and hyphens kept', () => {
    expect(inputName('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputName('my input')).toBe('INPUT_MY_INPUT');
    const inputs = readInputs({
      'INPUT_GITHUB-TOKEN': ' t ',
      'INPUT_FAIL-ON': 'medium',
      INPUT_PATHS: 'apps/shop\n  charts/x , ',
      INPUT_RENDER: 'True',
      INPUT_CONFIG: './ci/audit.yml',
    });
    expect(inputs).toMatchObject({
      githubToken: 't',
      failOn: 'medium',
      paths: ['apps/shop', 'charts/x'],
      render: true,
      config: 'ci/audit.yml',
      comment: null,
      inlineComments: null,
      sarif: null,
      liveFile: null,
    });
  });

  it('reject values the runner would not call booleans, unknown levels and configs outside the repo', () => {
    expect(() => getBooleanInput({ INPUT_RENDER: 'yes' }, 'render')).toThrow(InputError);
    expect(() => readInputs({ INPUT_COMMENT: 'always' })).toThrow(/comment must be sticky or off/);
    expect(() => readInputs({ INPUT_CONFIG: '../secrets.yml' })).toThrow(/inside the repository/);
    expect(() => readInputs({ INPUT_CONFIG: '/etc/passwd' })).toThrow(/inside the repository/);
  });
});

describe('outputs and job summary files', () => {
  it('write outputs in heredoc form that survives newlines and lookalike delimiters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ia-out-'));
    dirs.push(dir);
    const output = join(dir, 'out');
    const summary = join(dir, 'summary');
    await writeFile(output, 'earlier<<X\nkept\nX\n');
    await writeFile(summary, '');
    const files = runnerFiles({ GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
    files.setOutput('risk-score', 40);
    files.setOutput('note', 'two\nlines<<EOF\nEOF');
    files.appendSummary('# one');
    files.appendSummary('# two\n');
    expect(parseOutputFile(await readFile(output, 'utf8'))).toEqual({
      earlier: 'kept',
      'risk-score': '40',
      note: 'two\nlines<<EOF\nEOF',
    });
    expect(await readFile(summary, 'utf8')).toBe('# one\n# two\n');
  });

  it('refuse a value that contains the delimiter', () => {
    expect(() => formatOutput('x', 'a\nD\nb', 'D')).toThrow(/delimiter/);
  });

  it('skip a summary section that would push the step over 1 MiB, and say so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ia-sum-'));
    dirs.push(dir);
    const summary = join(dir, 'summary');
    await writeFile(summary, '');
    const logged: string[] = [];
    const files = runnerFiles({ GITHUB_STEP_SUMMARY: summary }, (l) => logged.push(l));
    files.appendSummary('x'.repeat(1024 * 1024 + 1));
    files.appendSummary('small');
    expect(await readFile(summary, 'utf8')).toBe('small\n');
    expect(logged[0]).toMatch(/over 1 MiB/);
  });
});

describe('workflow commands', () => {
  it('escape data and properties so a message cannot end the command or add properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(
      workflowCommand('error', 'bad\n::set-output name=x::y', { file: 'a,b.yaml', line: 3, title: 'r:1' }),
    ).toBe('::error file=a%2Cb.yaml,line=3,title=r%3A1::bad%0A::set-output name=x::y');
    expect(workflowCommand('warning', 'plain')).toBe('::warning::plain');
  });

  const annotation = (level: Annotation['annotation_level'], i: number): Annotation => ({
    path: `f${i}.yaml`,
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: level,
    title: `rule-${i}`,
    message: `m${i}`,
  });

  it('show at most 10 per level, most important first, and say how many were left out', () => {
    const plan = planAnnotations([
      ...Array.from({ length: 14 }, (_, i) => annotation('failure', i)),
      ...Array.from({ length: 3 }, (_, i) => annotation('warning', 20 + i)),
      ...Array.from({ length: 12 }, (_, i) => annotation('notice', 40 + i)),
    ]);
    const levels = plan.lines.map((l) => /^::(\w+)/.exec(l)?.[1]);
    expect(levels.filter((l) => l === 'error')).toHaveLength(10);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(3);
    expect(levels.filter((l) => l === 'notice')).toHaveLength(10); // 9 findings + the note
    expect(plan.lines[0]).toBe('::error file=f0.yaml,line=1,endLine=1,title=rule-0::m0');
    expect(plan.shown).toBe(22);
    expect(plan.leftOut).toBe(7);
    expect(plan.lines.at(-1)).toMatch(
      /^::notice title=ingress-audit%3A annotations left out::7 of 29 findings/,
    );
  });

  it('add no note when everything fits', () => {
    const plan = planAnnotations([annotation('failure', 0), annotation('notice', 1)]);
    expect(plan).toMatchObject({ shown: 2, leftOut: 0 });
    expect(plan.lines).toHaveLength(2);
  });
});

describe('config overrides from inputs', () => {
  const none = { failOn: null, comment: null, inlineComments: null, paths: [] };

  it('leave the text alone without overrides, and set keys (keeping the rest) with them', () => {
    const text = '# ours\nfailOn: critical\nrules:\n  default-namespace: off\n';
    expect(applyOverrides(text, none)).toBe(text);
    const changed = applyOverrides(text, {
      ...none,
      failOn: 'medium',
      comment: 'off',
      inlineComments: false,
    });
    const { config, problems } = parseConfig(changed, 'c.yml');
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      failOn: 'medium',
      comments: { summary: 'off', inline: false },
      rules: { 'default-namespace': 'off' },
    });
    expect(changed).toMatch(/^# ours/);
  });

  it('work without a config file', () => {
    expect(parseConfig(applyOverrides(null, { ...none, failOn: 'never' }), 'c.yml').config.failOn).toBe(
      'never',
    );
  });

  it('paths narrow the files on top of the config excludes', () => {
    const text = applyOverrides('exclude: ["**/secret/**"]\n', {
      ...none,
      paths: ['apps/shop', './charts/x.yaml'],
    });
    const { config } = parseConfig(text, 'c.yml');
    const matches = makeMatcher(config.include, config.exclude);
    expect(
      [
        'apps/shop/ing.yaml',
        'apps/shop/secret/a.yaml',
        'apps/shopping/a.yaml',
        'charts/x.yaml',
        'other/a.yaml',
      ].filter(matches),
    ).toEqual(['apps/shop/ing.yaml', 'charts/x.yaml']);
    expect(outsidePathsGlob(['a{b}', '.'])).toBe('!{a\\{b\\},a\\{b\\}/**}');
  });

  it('leave invalid YAML for the config reader to report', () => {
    expect(applyOverrides('failOn: [', { ...none, failOn: 'low' })).toBe('failOn: [');
  });
});

describe('write guard', () => {
  it('tells reads from writes, GraphQL queries included', () => {
    expect(isWrite({ method: 'GET', url: '/repos/a/b' })).toBe(false);
    expect(isWrite({ method: 'POST', url: '/graphql', query: 'query { viewer { login } }' })).toBe(false);
    expect(isWrite({ method: 'POST', url: '/graphql', query: 'mutation { minimizeComment }' })).toBe(true);
    expect(isWrite({ method: 'PATCH', url: '/repos/a/b/check-runs/1' })).toBe(true);
  });

  it('after one refusal as read-only, later writes fail without a request; reads still go out', async () => {
    const server = await startGitHubServer();
    try {
      server.addCommit('s1', { 'a.yaml': 'x' });
      const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
      server.fault('POST /repos/{owner}/{repo}/check-runs', forbidden, forbidden);
      const octokit = new Octokit({ baseUrl: server.url, log: quiet });
      const guard = guardWrites(octokit);
      const create = () =>
        octokit.rest.checks.create({ owner: 'acme', repo: 'gitops', name: 'x', head_sha: 's1' });
      await expect(create()).rejects.toMatchObject({ status: 403 });
      await expect(create()).rejects.toMatchObject({
        status: 403,
        message: /not attempted: the token is read-only/,
      });
      await expect(
        octokit.rest.issues.createComment({ owner: 'acme', repo: 'gitops', issue_number: 1, body: 'x' }),
      ).rejects.toMatchObject({ status: 403 });
      await octokit.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 }).catch(() => null);
      expect(server.count('POST /repos/{owner}/{repo}/check-runs')).toBe(1);
      expect(server.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(0);
      expect(server.count('GET /repos/{owner}/{repo}/pulls/{pull_number}')).toBe(1);
      expect(guard).toMatchObject({ refused: 1, skipped: 2 });
    } finally {
      await server.close();
    }
  });

  it('a 403 for another reason (a secondary rate limit) does not close the guard', async () => {
    const server = await startGitHubServer();
    try {
      server.fault('POST /repos/{owner}/{repo}/check-runs', {
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit' },
      });
      const octokit = new Octokit({ baseUrl: server.url, log: quiet });
      const guard = guardWrites(octokit);
      await octokit.rest.checks
        .create({ owner: 'acme', repo: 'gitops', name: 'x', head_sha: 'nope' })
        .catch(() => null);
      expect(guard.reason).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('live export noise', () => {
  it('drops status, server bookkeeping and last-applied-configuration, keeps everything else', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: shop
      namespace: web
      uid: u
      resourceVersion: "1"
      generation: 2
      creationTimestamp: "2026-01-01T00:00:00Z"
      managedFields: [{ manager: kubectl }]
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: "{}"
        nginx.ingress.kubernetes.io/ssl-redirect: "false"
      labels: { app: shop }
    spec: { ingressClassName: nginx }
    status: { loadBalancer: {} }
`;
    expect(stripLiveExport(text)).toBe(`apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: shop
      namespace: web
      annotations:
        nginx.ingress.kubernetes.io/ssl-redirect: "false"
      labels:
        app: shop
    spec:
      ingressClassName: nginx
`);
  });

  it('drops the namespace of a live object the repository defines without one, when the match is unique', () => {
    const text =
      'kind: List\nitems:\n  - { apiVersion: v1, kind: Ingress, metadata: { name: a, namespace: prod } }\n';
    expect(stripLiveExport(text, [{ kind: 'Ingress', name: 'a', namespace: null }])).not.toMatch(/namespace/);
    expect(stripLiveExport(text, [{ kind: 'Ingress', name: 'a', namespace: 'prod' }])).toMatch(
      /namespace: prod/,
    );
  });
});
