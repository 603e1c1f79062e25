/**
 * The owner-review gate and the review event in the bundled Action. The shared test server has no
 * review list, so a gated run there cannot read the reviews: the gate must then fail closed, saying why.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORD_JOINER } from '../../src/core/report/escape.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';
import { cleanupActionRuns, runAction } from './run-action.ts';
import { seedPull } from './seed-pull.ts';

const ingress = (host: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: web }
spec:
  ingressClassName: nginx
  rules:
    - host: "${host}"
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: shop, port: { number: 80 } } } }
`;
const readable = (s: string) => s.replaceAll(WORD_JOINER, '').replace(/\\(.)/g, '$1');

let server: GitHubServer;
let repo: ScriptedRepo;
let payload: object;
beforeEach(async () => {
  server = await startGitHubServer({ bot: { login: 'github-actions[bot]', type: 'Bot' } });
  repo = new ScriptedRepo();
  const { baseSha, headSha } = seedPull(
    repo,
    server,
    {
      'apps/shop/ingress.yaml': ingress('shop.example.com'),
      '.github/CODEOWNERS': 'apps/shop/ @acme/shop\n',
      // wildcard-host is high: with failOn critical only the gate can fail the run.
      '.github/ingress-audit.yml': 'requireOwnerReview: true\nfailOn: critical\n',
    },
    { 'apps/shop/ingress.yaml': ingress('*.example.com') },
  );
  const side = (sha: string, ref: string) => ({ sha, ref, repo: { full_name: 'acme/gitops', fork: false } });
  payload = {
    action: 'submitted',
    pull_request: {
      number: 7,
      draft: false,
      user: { login: 'octocat' },
      head: side(headSha, 'feature'),
      base: side(baseSha, 'main'),
    },
    repository: { full_name: 'acme/gitops' },
  };
});
afterEach(async () => {
  await server.close();
  repo.remove();
});
afterAll(cleanupActionRuns);

describe('requireOwnerReview in the Action', () => {
  it('reviews that cannot be read leave the gate unmet: failure, with the reason in the check run and job summary', async () => {
    const run = await runAction({ event: 'pull_request', payload, apiUrl: server.url, workspace: repo.dir });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
    expect(readable(run.summary)).toMatch(
      /owner review could not be checked: reading the reviews of the pull request: 404/,
    );
    expect(server.state.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(server.state.checkRuns[0].output.title).toMatch(/waiting for owner review$/);
    expect(
      run.annotations.some(
        (a) => a.level === 'warning' && /owner review could not be checked/.test(a.message),
      ),
    ).toBe(true);
  });
});

describe('pull_request_review', () => {
  it('runs the full audit (never a bare pass) and reads through the API, not the checkout', async () => {
    const run = await runAction({
      event: 'pull_request_review',
      payload,
      apiUrl: server.url,
      workspace: repo.dir,
    });
    expect(run.stderr).toBe('');
    // No config through the API here (the shared server has no contents API): defaults, failOn high.
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/reading the change from the checkout/);
    expect(server.state.checkRuns.map((r) => r.conclusion)).toEqual(['failure']);
  });
});
