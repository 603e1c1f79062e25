/**
 * The Probot app with GitHub faked by nock (no network): which events it handles, which it ignores, and
 * what a command does, request by request.
 */
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllowlist } from '../../src/app/allowlist.ts';
import { type AppOptions, ingressAuditApp } from '../../src/app/app.ts';
import {
  checkRunRerequested,
  checkSuiteRerequested,
  issueCommentEvent,
  pullRequestEvent,
} from './support/payloads.ts';
import { ingress } from './support/scenario.ts';

const API = 'https://api.github.com';
const CONFIG = /\/contents\/\.github(%2F|\/)ingress-audit\.yml/;

let probot: Probot;
async function load(options: AppOptions = {}) {
  probot = new Probot({
    githubToken: 'test-token',
    logLevel: 'fatal',
    // A function so it applies after Probot's own defaults (an object would lose to its throttle options).
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })) as typeof ProbotOctokit,
  });
  await probot.load(
    ingressAuditApp({
      slug: 'ingress-audit',
      appId: 1,
      now: () => new Date('2026-05-01T00:00:00Z'),
      ...options,
    }),
  );
}
beforeEach(async () => {
  nock.disableNetConnect();
  await load();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const receive = (name: string, payload: unknown) =>
  probot.receive({ id: 'delivery-1', name, payload } as Parameters<Probot['receive']>[0]);
const command = (
  body: string,
  login = 'alice',
  extra: Partial<Parameters<typeof issueCommentEvent>[1]> = {},
) => issueCommentEvent('created', { id: 555, body, login, pull_number: 1, ...extra });
const pull = (author = 'octocat') => ({
  number: 1,
  state: 'open',
  draft: false,
  user: { login: author, type: 'User' },
  head: { sha: 'head', ref: 'pr-1' },
  base: { sha: 'base', ref: 'main' },
});
/** No config in the repository nor in the org's `.github`. */
function noConfig(scope: nock.Scope) {
  return scope.get(CONFIG).query(true).times(2).reply(404, { message: 'Not Found' });
}
/** Expects the command comment's `reaction` and a reply on the PR, whose text `body` then holds. */
function expectReply(scope: nock.Scope, reaction: string) {
  const reply = { body: '' };
  scope
    .post('/repos/acme/gitops/issues/comments/555/reactions', { content: reaction })
    .reply(201, {})
    .post('/repos/acme/gitops/issues/1/comments', (body) => {
      reply.body = body.body;
      return true;
    })
    .reply(201, { id: 9 });
  return reply;
}

describe('commands that need no repository access', () => {
  it('/audit explain RULE reacts +1 and replies with the rule text', async () => {
    const scope = nock(API);
    const reply = expectReply(scope, '+1');

    await receive('issue_comment', command('/audit explain wildcard-host'));

    expect(scope.isDone()).toBe(true);
    expect(reply.body).toMatch(/^@alice /);
    expect(reply.body).toContain('`wildcard-host`');
    expect(reply.body).toContain('How to fix');
  });

  it('an unknown command gets help with the closest command, and a confused reaction', async () => {
    const scope = nock(API);
    const reply = expectReply(scope, 'confused');

    await receive('issue_comment', command('/audit wave wildcard-host -- ok'));

    expect(scope.isDone()).toBe(true);
    expect(reply.body).toContain('Did you mean `/audit waive`?');
    expect(reply.body).toContain('/audit explain RULE');
  });

  it('explaining an unknown rule suggests the closest rule id', async () => {
    const reply = expectReply(nock(API), 'confused');

    await receive('issue_comment', command('/audit explain wildcard-hosts'));

    expect(reply.body).toContain('Did you mean `wildcard-host`?');
  });
});

describe('waive permissions', () => {
  it('the PR author cannot waive (selfWaive off), even with write permission', async () => {
    const scope = nock(API)
      .get('/repos/acme/gitops/pulls/1')
      .reply(200, pull('alice'))
      .get('/repos/acme/gitops/collaborators/alice/permission')
      .reply(200, { permission: 'write', role_name: 'write', user: { login: 'alice' } });
    const reply = expectReply(scope, 'confused');
    noConfig(scope);

    await receive('issue_comment', command('/audit waive wildcard-host web/shop -- mine', 'alice'));

    expect(scope.isDone()).toBe(true);
    expect(reply.body).toContain('author of a pull request cannot waive');
  });

  it('looks the permission up through the API on every command, never trusting the payload', async () => {
    const scope = nock(API)
      .get('/repos/acme/gitops/pulls/1')
      .times(2)
      .reply(200, pull())
      .get('/repos/acme/gitops/collaborators/bob/permission')
      .times(2)
      .reply(200, { permission: 'read', role_name: 'read', user: { login: 'bob' } })
      .post('/repos/acme/gitops/issues/comments/555/reactions')
      .times(2)
      .reply(201, {})
      .post('/repos/acme/gitops/issues/1/comments')
      .times(2)
      .reply(201, { id: 9 });
    scope.get(CONFIG).query(true).times(4).reply(404, {});
    const event = command('/audit waive wildcard-host -- fine', 'bob');
    // The payload claims an owner; only the API's answer counts.
    event.comment.author_association = 'OWNER';

    await receive('issue_comment', event);
    await receive('issue_comment', event);

    expect(scope.isDone()).toBe(true);
  });
});

describe('events that are ignored', () => {
  // With the network disabled and no interceptors, any request would make receive() reject.
  it('a comment on an issue (not a pull request)', async () => {
    await expect(
      receive('issue_comment', command('/audit', 'alice', { onIssue: true })),
    ).resolves.toBeUndefined();
  });

  it('a comment that is not a command', async () => {
    await expect(receive('issue_comment', command('LGTM, thanks'))).resolves.toBeUndefined();
  });

  it('a re-run of another check than ours', async () => {
    await expect(
      receive('check_run', checkRunRerequested({ id: 3, headSha: 'head', name: 'lint', pulls: [1] })),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['ALLOWED_REPOS', { ALLOWED_REPOS: 'acme/other, acme/infra' }],
    ['ALLOWED_INSTALLATIONS', { ALLOWED_INSTALLATIONS: '1,2' }],
  ])('a pull request from outside %s', async (_, env) => {
    await load({ allow: parseAllowlist(env) });

    await expect(
      receive('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' })),
    ).resolves.toBeUndefined();
  });

  it('a draft when the base config says drafts: false (no check run is created)', async () => {
    const scope = nock(API)
      .get(CONFIG)
      .query({ ref: 'base' })
      .reply(200, 'drafts: false\n', { 'content-type': 'application/vnd.github.raw' });

    await receive(
      'pull_request',
      pullRequestEvent('opened', { number: 1, head: 'head', base: 'base', draft: true }),
    );

    expect(scope.isDone()).toBe(true);
  });
});

describe('re-run events', () => {
  it('check_suite.rerequested without PRs in the payload asks GitHub which open PRs have that head', async () => {
    const scope = nock(API)
      .get('/repos/acme/gitops/commits/abc123/pulls')
      .query(true)
      .reply(200, [
        { number: 4, state: 'closed', head: { sha: 'abc123' } },
        { number: 5, state: 'open', head: { sha: 'other' } },
      ]);

    await receive('check_suite', checkSuiteRerequested({ headSha: 'abc123' }));

    expect(scope.isDone()).toBe(true);
  });
});

describe('/audit history', () => {
  it('replies with the exposure changes of the object, from the commits that touched its file', async () => {
    const v1 = ingress('shop', 'shop.example.com');
    const v2 = ingress('shop', '*.example.com', '*.example.com');
    const blobs: Record<string, string> = {
      'oid-shop': v2,
      'c1:apps/shop/ingress.yaml': v1,
      'c2:apps/shop/ingress.yaml': v2,
    };
    let query: Record<string, string> = {};
    const scope = nock(API)
      .get('/repos/acme/gitops/pulls/1')
      .reply(200, pull())
      .get('/repos/acme/gitops/git/trees/head')
      .query({ recursive: 'true' })
      .reply(200, {
        sha: 'head',
        truncated: false,
        tree: [{ path: 'apps/shop/ingress.yaml', type: 'blob', sha: 'oid-shop' }],
      })
      // The body matcher sees the parsed request (the reply callback does not, under nock 15).
      .post('/graphql', (body: { variables: Record<string, string> }) => {
        query = body.variables;
        return true;
      })
      .times(2)
      .reply(200, () => {
        const repository: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(query)) {
          if (!/^v\d+$/.test(name)) continue;
          const text = blobs[value];
          repository[`f${name.slice(1)}`] =
            text === undefined ? null : { oid: value, text, isBinary: false, isTruncated: false };
        }
        return { data: { repository } };
      })
      .get('/repos/acme/gitops/commits')
      .query({ sha: 'head', path: 'apps/shop/ingress.yaml', per_page: '20' })
      .reply(200, [
        {
          sha: 'c2',
          parents: [{ sha: 'c1' }],
          author: { login: 'mallory' },
          commit: {
            message: 'Open shop to all subdomains (#12)',
            author: { name: 'M', email: 'm@x', date: '2026-04-02T10:00:00Z' },
          },
        },
        {
          sha: 'c1',
          parents: [],
          author: { login: 'alice' },
          commit: {
            message: 'Add shop (#3)',
            author: { name: 'A', email: 'a@x', date: '2026-03-01T10:00:00Z' },
          },
        },
      ]);
    const reply = expectReply(scope, '+1');
    noConfig(scope);

    await receive('issue_comment', command('/audit history web/shop'));

    expect(scope.isDone()).toBe(true);
    expect(reply.body).toContain('Exposure history of web/shop');
    // Newest first; the PR number is written inert so the reply does not cross-reference #12.
    expect(reply.body).toMatch(
      /\| `c2` \| mallory \| \\#\u206012 \| Ingress web\/shop \| modified \| wildcard-host /,
    );
    expect(reply.body.indexOf('`c2`')).toBeLessThan(reply.body.indexOf('`c1`'));
  });
});
