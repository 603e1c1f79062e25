/**
 * Pull request runs that read from the workflow's checkout: the bundled Action as a child process, a real
 * git repository as GITHUB_WORKSPACE holding both commits, and the local GitHub test server seeded with
 * the same commits (for the merge base and the writes). Content must cost no request, the findings must
 * be those of the API read, and `pull_request_target` must never use the checkout.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRenderTools } from '../../src/sources/render.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';
import { cleanupActionRuns, runAction } from './run-action.ts';
import { AUTHOR, seedPull } from './seed-pull.ts';

const ingress = (host: string) =>
  ingressYaml({ name: 'shop', namespace: 'web', tls: true, host, backend: 'service-flow', quoteHosts: true });

/** Requests that read repository content: through the API these are how the change is read. */
const CONTENT = [
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'POST /graphql',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
];
/** Everything else a run may ask: merge base, the PR's head, comments, check runs and their writes. */
const NOT_CONTENT = [
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
];
const sum = (server: GitHubServer, routes: string[]) => routes.reduce((n, r) => n + server.count(r), 0);

let server: GitHubServer;
let repo: ScriptedRepo;
beforeEach(async () => {
  server = await startGitHubServer({ bot: { login: 'github-actions[bot]', type: 'Bot' } });
  repo = new ScriptedRepo();
});
afterEach(async () => {
  await server.close();
  repo.remove();
});
afterAll(cleanupActionRuns);

/** PR #7 in the workspace repository and on the test server (see `seedPull`), with its event payload. */
function seed(base: Record<string, string>, head: Record<string, string | null>) {
  const { baseSha, headSha } = seedPull(repo, server, base, head);
  return { baseSha, headSha, payload: pullPayload(baseSha, headSha) };
}

function pullPayload(baseSha: string, headSha: string) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      draft: false,
      user: { login: 'octocat' },
      head: { sha: headSha, ref: 'feature', repo: { full_name: 'acme/gitops', fork: false } },
      base: { sha: baseSha, ref: 'main', repo: { full_name: 'acme/gitops', fork: false } },
    },
    repository: { full_name: 'acme/gitops', owner: { login: 'acme' }, name: 'gitops' },
  };
}

async function findingsOf(run: { outputs: Record<string, string> }) {
  return JSON.parse(await readFile(run.outputs['report-json'], 'utf8')).findings;
}

describe('pull_request with a checkout holding both commits', () => {
  it('reads content from git (zero content requests) and finds exactly what the API read finds', async () => {
    const { payload, headSha } = seed(
      {
        'apps/shop/ingress.yaml': ingress('shop.example.com'),
        'apps/api/ingress.yaml': ingress('api.example.com').replace('name: shop', 'name: api'),
        '.github/CODEOWNERS': 'apps/ @acme/platform\n',
      },
      { 'apps/shop/ingress.yaml': ingress('*.example.com') },
    );

    const viaGit = await runAction({
      event: 'pull_request',
      payload,
      apiUrl: server.url,
      workspace: repo.dir,
    });
    expect(viaGit.stderr).toBe('');
    expect(viaGit.code).toBe(1);
    expect(viaGit.stdout).toMatch(/reading the change from the checkout/);
    expect(sum(server, CONTENT)).toBe(0);
    // Nothing else either (the config and CODEOWNERS come from the checkout too).
    const existingRuns = server.count(`GET /repos/acme/gitops/commits/${headSha}/check-runs`);
    expect(server.count()).toBe(sum(server, NOT_CONTENT) + existingRuns);
    // Inline comments were placed with the patches from `git diff`.
    const fresh = (await findingsOf(viaGit)).filter((f: { status: string }) => f.status === 'introduced');
    expect(fresh.length).toBeGreaterThan(0);
    expect(server.state.reviewComments.map((c) => `${c.path}:${c.line}`).sort()).toEqual(
      fresh.map((f: { file: string; line: number }) => `${f.file}:${f.line}`).sort(),
    );
    // CODEOWNERS read from the checkout reaches the summary.
    expect(server.state.comments[0].body).toMatch(/platform/);

    server.resetCounts();
    const viaApi = await runAction({ event: 'pull_request', payload, apiUrl: server.url });
    expect(sum(server, CONTENT)).toBeGreaterThan(0);
    expect(viaApi.outputs.conclusion).toBe(viaGit.outputs.conclusion);
    expect(viaApi.outputs['risk-score']).toBe(viaGit.outputs['risk-score']);
    const git = await findingsOf(viaGit);
    expect(git.map((f: { ruleId: string }) => f.ruleId)).toContain('wildcard-host');
    expect(await findingsOf(viaApi)).toEqual(git);
  });

  it('a shallow checkout holding base and head but not their merge base falls back to the API read', async () => {
    const mergeBase = repo.commit(
      { 'apps/shop/ingress.yaml': ingress('shop.example.com') },
      'm',
      AUTHOR,
      '2026-01-01T00:00:00Z',
    );
    const baseTip = repo.commit({ 'README.md': 'main moved on\n' }, 'b', AUTHOR, '2026-01-02T00:00:00Z');
    repo.git(['checkout', '-q', '-b', 'feature', mergeBase]);
    const headSha = repo.commit(
      { 'apps/shop/ingress.yaml': ingress('*.example.com') },
      'h',
      AUTHOR,
      '2026-01-03T00:00:00Z',
    );
    server.addCommit(mergeBase, { 'apps/shop/ingress.yaml': ingress('shop.example.com') });
    server.addCommit(
      baseTip,
      { 'apps/shop/ingress.yaml': ingress('shop.example.com'), 'README.md': 'main moved on\n' },
      [mergeBase],
    );
    server.addCommit(headSha, { 'apps/shop/ingress.yaml': ingress('*.example.com') }, [mergeBase]);
    server.addPull({ number: 7, base: baseTip, head: headSha });
    // What a depth-1 checkout of both tips looks like: the two commits, no history.
    const shallow = new ScriptedRepo();
    try {
      shallow.git(['remote', 'add', 'origin', `file://${repo.dir}`]);
      shallow.git(['fetch', '-q', '--depth=1', 'origin', 'main', 'feature']);
      expect(() => shallow.git(['cat-file', '-e', `${mergeBase}^{commit}`])).toThrow();
      const run = await runAction({
        event: 'pull_request',
        payload: pullPayload(baseTip, headSha),
        apiUrl: server.url,
        workspace: shallow.dir,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/the checkout lacks the merge base/);
      expect(server.count('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')).toBe(1);
      expect((await findingsOf(run)).some((f: { ruleId: string }) => f.ruleId === 'wildcard-host')).toBe(
        true,
      );
    } finally {
      shallow.remove();
    }
  });
});

describe('pull_request_target never reads or renders the checkout', () => {
  it('with a workspace holding both commits and render on, the change is still read through the API', async () => {
    const { payload } = seed(
      {
        'apps/shop/ingress.yaml': ingress('shop.example.com'),
        '.github/ingress-audit.yml': 'render:\n  - kustomize: overlays/prod\n',
      },
      { 'apps/shop/ingress.yaml': ingress('*.example.com') },
    );
    const run = await runAction({
      event: 'pull_request_target',
      payload,
      apiUrl: server.url,
      workspace: repo.dir,
      inputs: { render: 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/reading the change from the checkout/);
    expect(server.count('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')).toBe(1);
    expect(server.count('POST /graphql')).toBeGreaterThan(0);
    const notice = run.annotations.find((a) => a.level === 'notice' && /input render/.test(a.message));
    expect(notice?.message).toMatch(/not run: under pull_request_target/);
    expect((await findingsOf(run)).some((f: { file: string }) => f.file.includes('rendered'))).toBe(false);
  });
});

const tools = findRenderTools();
const noKustomize = tools.kustomize === null ? 'kubectl / kustomize not on PATH' : null;
if (noKustomize) console.warn(`Action render test skipped: ${noKustomize}`);

describe.skipIf(noKustomize !== null)('render in a pull_request run (real kubectl kustomize)', () => {
  /** An overlay patch: the wildcard host is on line 7. */
  const WILDCARD_PATCH = ingressYaml({
    name: 'shop',
    className: null,
    host: '*.example.com',
    backend: 'service-flow',
  });

  it('renders both commits and points the finding at the overlay patch that made the host a wildcard', async () => {
    const { payload } = seed(
      {
        '.github/ingress-audit.yml': 'render:\n  - kustomize: overlays/prod\n',
        'base/ingress.yaml': ingress('shop.example.com').replace('  namespace: web\n', ''),
        'base/kustomization.yaml': 'resources:\n  - ingress.yaml\n',
        'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\n',
      },
      {
        'overlays/prod/kustomization.yaml':
          'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: host.yaml\n',
        'overlays/prod/host.yaml': WILDCARD_PATCH,
      },
    );
    const run = await runAction({
      event: 'pull_request',
      payload,
      apiUrl: server.url,
      workspace: repo.dir,
      inputs: { render: 'true' },
    });
    expect(run.stderr).toBe('');
    expect(sum(server, CONTENT)).toBe(0);
    const wildcard = (await findingsOf(run)).find((f: { ruleId: string }) => f.ruleId === 'wildcard-host');
    expect(wildcard).toMatchObject({
      status: 'introduced',
      file: 'overlays/prod/host.yaml',
      line: 7,
      object: { kind: 'Ingress', namespace: 'prod', name: 'shop' },
    });
    expect(
      server.state.reviewComments.some((c) => c.path === 'overlays/prod/host.yaml' && c.line === 7),
    ).toBe(true);
    // Both trees were rendered in temporary worktrees, which are gone again.
    expect(repo.git(['worktree', 'list']).trim().split('\n')).toHaveLength(1);
  });
});
