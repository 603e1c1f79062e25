/**
 * The shared orchestration without Probot (as the Action calls it): a plain Octokit, a contents-API
 * config loader, and each surface switched on or off.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditPullRequest, type PullRequestTarget } from '../../src/github/audit-pull-request.ts';
import { createOctokit } from '../../src/github/create-octokit.ts';
import { readConfigFile } from '../../src/github/load-config.ts';
import { type AppGitHubServer, generateAppKey, startAppGitHubServer } from './support/app-github-server.ts';
import { SHOP, SHOP_BASE, SHOP_WILDCARD, seedWildcardPull } from './support/scenario.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const target: PullRequestTarget = {
  owner: 'acme',
  repo: 'gitops',
  pull_number: 1,
  headSha: 'head',
  baseSha: 'base',
  baseRef: 'main',
  author: 'octocat',
  draft: false,
};

let gh: AppGitHubServer;
const key = generateAppKey();
beforeEach(async () => {
  gh = await startAppGitHubServer({ privateKey: key, bot: { login: 'github-actions[bot]', type: 'Bot' } });
  seedWildcardPull(gh);
});
afterEach(async () => {
  await gh.close();
});

function run(over: Partial<Parameters<typeof auditPullRequest>[0]> = {}) {
  const octokit = createOctokit({
    baseUrl: gh.gheUrl,
    auth: gh.installationToken,
    retryAfterBaseValue: 1,
    throttle: false,
    log: quiet,
  });
  return auditPullRequest({
    octokit,
    target,
    botLogin: 'github-actions[bot]',
    now: new Date('2026-05-01T00:00:00Z'),
    loadConfig: (ref) => readConfigFile(octokit, { owner: 'acme', repo: 'gitops', ref }),
    publish: { checkRun: true, sticky: true, inline: true },
    ...over,
  });
}

describe('auditPullRequest', () => {
  it('publishes the check run, the summary and the inline comments, and reports what it did', async () => {
    const outcome = await run();

    expect(outcome.failures).toEqual([]);
    expect(outcome.result?.conclusion).toBe('failure');
    expect(outcome.published.checkRun).toMatchObject({ ok: true, annotationsMissing: 0 });
    expect(outcome.published.sticky).toMatchObject({ ok: true, action: 'created' });
    expect(outcome.published.inline?.posted.length).toBeGreaterThan(0);
    expect(outcome.requests).toBe(gh.requests.length);
  });

  it('with every surface switched off it only reads', async () => {
    const outcome = await run({ publish: { checkRun: false, sticky: false, inline: false } });

    expect(outcome.result?.conclusion).toBe('failure');
    expect(gh.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('graphql'))).toEqual([]);
  });

  it('reports a bad config value with its key path and line, and concludes neutral when nothing else fails', async () => {
    gh.addCommit('head', { 'README.md': 'changed\n' }, ['base']);
    gh.setConfig('base', 'failOn: high\ncomments:\n  maxInline: lots\n');

    const outcome = await run();

    const finding = outcome.result?.findings.find((f) => f.ruleId === 'invalid-config');
    expect(finding).toMatchObject({ file: '.github/ingress-audit.yml', line: 3, path: 'comments.maxInline' });
    expect(outcome.result?.conclusion).toBe('neutral');
    expect(gh.state.checkRuns[0].conclusion).toBe('neutral');
  });

  it('a config loader that throws still gives a finished check, with the error as a config finding', async () => {
    const outcome = await run({
      loadConfig: async () => {
        throw new Error('boom');
      },
    });

    expect(
      outcome.result?.findings.some((f) => f.ruleId === 'invalid-config' && f.message.includes('boom')),
    ).toBe(true);
    expect(gh.state.checkRuns[0].status).toBe('completed');
  });

  it('skips a draft when the base config says drafts: false, creating no check run', async () => {
    gh.setConfig('base', 'drafts: false\n');

    const outcome = await run({ target: { ...target, draft: true } });

    expect(outcome.skipped).toMatch(/draft/);
    expect(gh.state.checkRuns).toHaveLength(0);
  });

  it('lists the owners of changed objects from CODEOWNERS at the base, by name, without notifying them', async () => {
    gh.addCommit('base', {
      [SHOP]: SHOP_BASE,
      '.github/CODEOWNERS': '* @acme/platform\napps/shop/ @acme/shop-team alice@example.com\n',
    });
    gh.addCommit('head', { [SHOP]: SHOP_WILDCARD, '.github/CODEOWNERS': '* @mallory\n' }, ['base']);

    await run();

    const body = gh.state.comments[0].body;
    expect(body).toContain('#### Owners');
    expect(body).toMatch(/Ingress web\/shop: .*acme.*shop-team/);
    expect(body).not.toMatch(/(^|[^\w`])@acme\/shop-team/); // rendered inert: no team is pinged
    expect(body).not.toContain('mallory'); // the PR cannot name its own reviewers
  });

  it('posts at most comments.maxInline inline comments; the rest stay in the summary', async () => {
    gh.setConfig('base', 'comments:\n  maxInline: 1\n');

    const outcome = await run();

    expect(gh.state.reviewComments).toHaveLength(1);
    expect(outcome.published.inline?.overLimit.length).toBeGreaterThan(0);
    for (const f of outcome.result?.findings ?? []) expect(gh.state.comments[0].body).toContain(f.ruleId);
  });

  it('a surface that cannot be published is reported in the check run, which still concludes', async () => {
    gh.fault(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      ...Array.from({ length: 4 }, () => ({ status: 500 })),
    );

    const outcome = await run();

    expect(outcome.failures).toEqual([expect.stringMatching(/^creating the summary comment: 500/)]);
    const [checkRun] = gh.state.checkRuns;
    expect(checkRun).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checkRun.output.text).toMatch(/## Publishing problems\n\n- creating the summary comment: 500/);
  });
});
