import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';
import { cleanupActionRuns, runAction } from './run-action.ts';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const NEWER = 'd'.repeat(40);

const ingress = (host: string) =>
  ingressYaml({
    name: 'shop',
    namespace: 'web',
    annotations: { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/check' },
    tls: true,
    host,
    backend: 'service-flow',
    quoteHosts: true,
  });
const SAFE = ingress('shop.example.com');
const WILDCARD = ingress('*.example.com');

function pullPayload(overrides: { headRepo?: string | null } = {}) {
  const repo = (full_name: string | null) =>
    full_name === null ? null : { full_name, fork: full_name !== 'acme/gitops' };
  return {
    action: 'opened',
    number: 7,
    pull_request: {
      number: 7,
      draft: false,
      user: { login: 'octocat' },
      head: {
        sha: HEAD,
        ref: 'feature',
        repo: repo(overrides.headRepo === undefined ? 'acme/gitops' : overrides.headRepo),
      },
      base: { sha: BASE, ref: 'main', repo: repo('acme/gitops') },
    },
    repository: { full_name: 'acme/gitops', owner: { login: 'acme' }, name: 'gitops' },
  };
}

const WRITES = [
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
];
const writeCount = (server: GitHubServer) => WRITES.reduce((n, route) => n + server.count(route), 0);

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ bot: { login: 'github-actions[bot]', type: 'Bot' } });
  server.addCommit(BASE, { 'apps/shop/ingress.yaml': SAFE, 'README.md': 'hi' });
  server.addCommit(HEAD, { 'apps/shop/ingress.yaml': WILDCARD, 'README.md': 'hi' }, [BASE]);
  server.addPull({ number: 7, base: BASE, head: HEAD });
});
afterEach(async () => {
  await server.close();
});
afterAll(cleanupActionRuns);

describe('pull_request with a token that can write', () => {
  it('publishes a check run and a sticky comment, sets outputs and the job summary, exits 1 on failure', async () => {
    const run = await runAction({ event: 'pull_request', payload: pullPayload(), apiUrl: server.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ conclusion: 'failure', 'risk-level': 'high', 'sarif-file': '' });
    expect(Number(run.outputs['risk-score'])).toBeGreaterThanOrEqual(20);
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(1);
    const report = JSON.parse(await readFile(run.outputs['report-json'], 'utf8'));
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'wildcard-host')).toBe(true);
    expect(run.outputs['report-json'].startsWith(run.runnerTemp)).toBe(true);

    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]).toMatchObject({
      head_sha: HEAD,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(server.state.checkRuns[0].annotations.length).toBeGreaterThan(0);
    const sticky = server.state.comments.filter((c) => c.issue_number === 7);
    expect(sticky).toHaveLength(1);
    expect(sticky[0].body).toMatch(/wildcard-host/);

    expect(run.summary).toMatch(/wildcard-host/);
    // With a check run written, findings are not repeated as workflow annotations, and the API's
    // expected 404s (no config file, no earlier check run) are not errors.
    expect(run.annotations.filter((a) => a.props.file || a.level === 'error')).toEqual([]);
  });

  it('a second run on the same head edits the one sticky comment instead of adding another', async () => {
    await runAction({ event: 'pull_request', payload: pullPayload(), apiUrl: server.url });
    await runAction({ event: 'pull_request', payload: pullPayload(), apiUrl: server.url });
    expect(server.state.comments.filter((c) => c.issue_number === 7)).toHaveLength(1);
  });

  it('inputs override the config: fail-on never passes, comment off writes no comment, sarif is written', async () => {
    const run = await runAction({
      event: 'pull_request',
      payload: pullPayload(),
      apiUrl: server.url,
      inputs: { 'fail-on': 'never', comment: 'off', 'inline-comments': 'false', sarif: 'out/ingress.sarif' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.conclusion).toBe('success');
    expect(server.state.comments).toEqual([]);
    expect(server.count('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews')).toBe(0);
    expect(run.outputs['sarif-file']).toBe(join(run.runnerTemp, 'out/ingress.sarif'));
    const sarif = JSON.parse(await readFile(run.outputs['sarif-file'], 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'wildcard-host')).toBe(true);
  });

  it('a bad input is one ::error:: line and exit code 2, before any request', async () => {
    const run = await runAction({
      event: 'pull_request',
      payload: pullPayload(),
      apiUrl: server.url,
      inputs: { 'fail-on': 'sometimes' },
    });
    expect(run.code).toBe(2);
    expect(run.annotations).toEqual([
      {
        level: 'error',
        props: {},
        message: 'input fail-on must be one of critical, high, medium, low, never (got "sometimes")',
      },
    ]);
    expect(server.count()).toBe(0);
  });
});

describe('read-only token', () => {
  it('fork PR: no write is attempted; report in the job summary, findings as annotations, exit code still 1', async () => {
    const run = await runAction({
      event: 'pull_request',
      payload: pullPayload({ headRepo: 'mallory/gitops' }),
      apiUrl: server.url,
    });
    expect(run.code).toBe(1);
    expect(writeCount(server)).toBe(0);
    expect(run.outputs.conclusion).toBe('failure');
    expect(run.summary).toMatch(
      /No check run or comment was written: the pull request comes from mallory\/gitops/,
    );
    expect(run.summary).toMatch(/wildcard-host/);
    const errors = run.annotations.filter((a) => a.level === 'error' && a.props.file);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors[0]).toMatchObject({ props: { file: 'apps/shop/ingress.yaml', title: 'wildcard-host' } });
    expect(Number(errors[0].props.line)).toBeGreaterThan(1);
  });

  it('same-repo PR whose token cannot write: one refused write, then no more requests that write', async () => {
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    for (const route of WRITES) server.fault(route, ...Array.from({ length: 10 }, () => forbidden));
    const run = await runAction({ event: 'pull_request', payload: pullPayload(), apiUrl: server.url });
    expect(run.code).toBe(1);
    expect(writeCount(server)).toBe(1);
    expect(server.state.checkRuns).toEqual([]);
    expect(run.summary).toMatch(/No check run or comment was written: the token is read-only/);
    expect(run.annotations.some((a) => a.level === 'error' && a.props.title === 'wildcard-host')).toBe(true);
    // The refused writes are expected, not warnings: only the notice that says where the report went.
    expect(run.annotations.filter((a) => a.level === 'warning' && !a.props.file)).toEqual([]);
    expect(run.annotations.some((a) => a.level === 'notice' && /writes skipped/.test(a.message))).toBe(true);
  });
});

describe('pull_request_target', () => {
  it("a fork PR still gets its check run: the token is the base repository's", async () => {
    const run = await runAction({
      event: 'pull_request_target',
      payload: pullPayload({ headRepo: 'mallory/gitops' }),
      apiUrl: server.url,
      inputs: { comment: 'off', 'inline-comments': 'false' },
    });
    expect(run.code).toBe(1);
    expect(server.state.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([[HEAD, 'failure']]);
    expect(run.summary).not.toMatch(/No check run or comment was written/);
  });
});

describe('issue_comment', () => {
  it('/audit re-runs the audit with the check run on the PR head, not on GITHUB_SHA', async () => {
    server.setHead(7, HEAD);
    const comment = server.addComment(7, '/audit', { login: 'alice', type: 'User' });
    const run = await runAction({
      event: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 7, pull_request: { url: 'https://api.github.example/repos/acme/gitops/pulls/7' } },
        comment: { id: comment.id, body: comment.body, user: comment.user },
        repository: { full_name: 'acme/gitops' },
      },
      apiUrl: server.url,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(server.state.checkRuns.map((r) => r.head_sha)).toEqual([HEAD]);
    expect(server.state.reactions).toContainEqual({ comment_id: comment.id, content: 'eyes' });
    expect(run.outputs.conclusion).toBe('failure');
  });

  it('audits the head the PR has now, even when it moved since the comment', async () => {
    server.addCommit(NEWER, { 'apps/shop/ingress.yaml': SAFE, 'README.md': 'fixed' }, [HEAD]);
    server.setHead(7, NEWER);
    const comment = server.addComment(7, '/audit', { login: 'alice', type: 'User' });
    const run = await runAction({
      event: 'issue_comment',
      payload: { action: 'created', issue: { number: 7, pull_request: {} }, comment },
      apiUrl: server.url,
    });
    expect(run.code).toBe(0);
    expect(server.state.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([[NEWER, 'success']]);
  });

  it('a comment on an issue (not a PR) or without a command does nothing and exits 0', async () => {
    const onIssue = await runAction({
      event: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 3 },
        comment: { id: 1, body: '/audit', user: { login: 'a' } },
      },
      apiUrl: server.url,
    });
    const chatter = await runAction({
      event: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 7, pull_request: {} },
        comment: { id: 1, body: 'LGTM', user: { login: 'a', type: 'User' } },
      },
      apiUrl: server.url,
    });
    expect([onIssue.code, chatter.code]).toEqual([0, 0]);
    expect(writeCount(server)).toBe(0);
  });
});

describe('drift (schedule / workflow_dispatch with live-file)', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ia-workspace-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });
  const put = async (path: string, text: string) => {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), text);
  };
  const API = ingress('api.example.com').replace('name: shop', 'name: api');
  /** Objects as `kubectl get -o yaml` prints them: in a List, with server bookkeeping and status. */
  const exportOf = (...manifests: string[]) =>
    stringify({
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: manifests.map((m) => {
        const o = parse(m);
        o.metadata = {
          ...o.metadata,
          resourceVersion: '81723',
          uid: '9b1c4c0e-0000-4000-8000-000000000000',
          generation: 3,
          creationTimestamp: '2026-01-02T03:04:05Z',
          managedFields: [{ manager: 'kubectl', operation: 'Update', time: '2026-01-02T03:04:05Z' }],
          annotations: {
            ...o.metadata.annotations,
            'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(o),
          },
        };
        return { ...o, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } };
      }),
    });

  it('what runs matches the repository apart from server noise → no drift, exit 0', async () => {
    await put('apps/shop/ingress.yaml', SAFE);
    await put('apps/api/ingress.yaml', API);
    await put('live.yaml', exportOf(SAFE, API));
    const run = await runAction({
      event: 'schedule',
      payload: {},
      workspace,
      inputs: { 'live-file': 'live.yaml' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ drift: '0', conclusion: 'success', findings: '0' });
    expect(run.summary).toMatch(/No drift/);
  });

  it('auth removed by hand in the cluster and an extra object → drift reported, auth-removed introduced, exit 1', async () => {
    await put('apps/shop/ingress.yaml', SAFE);
    await put('apps/api/ingress.yaml', API);
    const shopWithoutAuth = SAFE.replace(/\n {2}annotations:\n.*auth-url.*"/, '');
    const debug = ingress('debug.example.com').replace('name: shop', 'name: debug');
    const liveFile = join(workspace, '..', `${workspace.split('/').pop()}-live.yaml`);
    await writeFile(liveFile, exportOf(shopWithoutAuth, API, debug));
    try {
      const run = await runAction({
        event: 'workflow_dispatch',
        payload: {},
        workspace,
        inputs: { 'live-file': liveFile },
      });
      expect(run.code).toBe(1);
      expect(run.outputs).toMatchObject({ drift: '2', conclusion: 'failure' });
      expect(run.summary).toMatch(/2 object\(s\) drifted/);
      expect(run.summary).toMatch(
        /Ingress web\/shop \| differs from the repository \| `apps\/shop\/ingress.yaml`/,
      );
      expect(run.summary).toMatch(/Ingress web\/debug \| running, not in the repository/);
      const report = JSON.parse(await readFile(run.outputs['report-json'], 'utf8'));
      expect(report.findings).toContainEqual(
        expect.objectContaining({ ruleId: 'auth-removed', status: 'introduced' }),
      );
      expect(report.findings.filter((f: { object: { name: string } }) => f.object?.name === 'api')).toEqual(
        report.findings.filter(
          (f: { object: { name: string }; status: string }) =>
            f.object?.name === 'api' && f.status === 'preexisting',
        ),
      );
    } finally {
      await rm(liveFile, { force: true });
    }
  });

  it('without live-file a scheduled run says what it needs and exits 2', async () => {
    const run = await runAction({ event: 'schedule', payload: {}, workspace });
    expect(run.code).toBe(2);
    expect(run.annotations[0]).toMatchObject({ level: 'error' });
    expect(run.annotations[0].message).toMatch(/set input live-file/);
  });
});
