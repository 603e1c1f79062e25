/** Exact request shapes at the GitHub boundary, checked with nock (no network). */
import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPermission } from '../../src/github/get-permission.ts';
import { publishCheckRun } from '../../src/github/publish-check-run.ts';
import { fingerprintMarker, publishReviewComments } from '../../src/github/publish-review-comments.ts';
import { readBlobs } from '../../src/github/read-blobs.ts';

const API = 'https://api.github.com';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => new Octokit({ auth: 't', log: quiet });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('readBlobs', () => {
  it('sends one GraphQL query with aliased object() fields and the expressions as variables', async () => {
    let sent: { query: string; variables: Record<string, string> } | undefined;
    nock(API)
      .post('/graphql', (body) => {
        sent = body;
        return true;
      })
      .reply(200, {
        data: {
          repository: {
            f0: { oid: 'o1', text: 'a: 1\n', isBinary: false, isTruncated: false },
            f1: null,
          },
        },
      });

    const blobs = await readBlobs(octokit(), {
      owner: 'acme',
      repo: 'gitops',
      refs: [
        { key: 'x', expression: 'abc:apps/a.yaml' },
        { key: 'y', expression: 'abc:apps/we"ird") { x } .yaml' },
      ],
    });

    expect(sent?.query).toContain('f0: object(expression: $v0) { ...blob }');
    expect(sent?.query).toContain('fragment blob on Blob { oid text isBinary isTruncated }');
    expect(sent?.query).not.toContain('we"ird');
    expect(sent?.variables).toEqual({
      owner: 'acme',
      name: 'gitops',
      v0: 'abc:apps/a.yaml',
      v1: 'abc:apps/we"ird") { x } .yaml',
    });
    expect([...blobs]).toEqual([['x', 'a: 1\n']]);
  });

  it('keeps the blobs of a query where GitHub could not resolve one field', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, {
        data: {
          repository: { f0: { oid: 'o1', text: 'a: 1\n', isBinary: false, isTruncated: false }, f1: null },
        },
        errors: [
          { type: 'NOT_FOUND', path: ['repository', 'f1'], message: 'Could not resolve to an object' },
        ],
      });

    const blobs = await readBlobs(octokit(), {
      owner: 'acme',
      repo: 'gitops',
      refs: [
        { key: 'x', expression: 'abc:a.yaml' },
        { key: 'y', oid: 'deadbeef' },
      ],
    });

    expect([...blobs]).toEqual([['x', 'a: 1\n']]);
  });

  it('throws when GitHub answers the query with errors only', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, {
        data: null,
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
      });

    await expect(
      readBlobs(octokit(), { owner: 'acme', repo: 'gitops', refs: [{ key: 'x', expression: 'abc:a.yaml' }] }),
    ).rejects.toThrow('Resource not accessible by integration');
  });
});

describe('publishReviewComments', () => {
  it('creates one COMMENT review on the head commit with RIGHT-side line comments carrying fingerprints', async () => {
    let review: Record<string, unknown> | undefined;
    nock(API).get('/repos/acme/gitops/pulls/3/comments').query({ per_page: 100 }).reply(200, []);
    nock(API)
      .post('/repos/acme/gitops/pulls/3/reviews', (body) => {
        review = body;
        return true;
      })
      .reply(200, { id: 77 });

    const result = await publishReviewComments(octokit(), {
      owner: 'acme',
      repo: 'gitops',
      pull_number: 3,
      commitId: 'headsha',
      comments: [{ path: 'a.yaml', line: 2, body: 'wildcard host', fingerprint: 'f1' }],
      patches: new Map([['a.yaml', '@@ -1,1 +1,2 @@\n a\n+b']]),
      maxInline: 30,
    });

    expect(result).toMatchObject({ ok: true, reviewId: 77 });
    expect(review).toEqual({
      commit_id: 'headsha',
      event: 'COMMENT',
      body: expect.any(String),
      comments: [
        { path: 'a.yaml', line: 2, side: 'RIGHT', body: `wildcard host\n\n${fingerprintMarker('f1')}` },
      ],
    });
  });
});

describe('publishCheckRun', () => {
  it('concludes with output and the first 50 annotations, then sends the next batch with the output again', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(API)
      .patch('/repos/acme/gitops/check-runs/5', (body) => {
        bodies.push(body);
        return true;
      })
      .twice()
      .reply(200, { id: 5 });
    const annotation = {
      path: 'a.yaml',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning' as const,
      message: 'm',
    };

    await publishCheckRun(octokit(), {
      owner: 'acme',
      repo: 'gitops',
      headSha: 'h',
      checkRunId: 5,
      conclusion: 'failure',
      output: { title: 'Risk 60/100', summary: 'sum', text: 'txt' },
      annotations: Array.from({ length: 60 }, () => annotation),
    });

    expect(bodies[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      completed_at: expect.any(String),
    });
    expect(bodies[0].output).toMatchObject({ title: 'Risk 60/100', summary: 'sum', text: 'txt' });
    expect((bodies[0].output as { annotations: unknown[] }).annotations).toHaveLength(50);
    expect(bodies[1]).not.toHaveProperty('conclusion');
    expect(bodies[1].output).toMatchObject({ title: 'Risk 60/100', summary: 'sum' });
    expect((bodies[1].output as { annotations: unknown[] }).annotations).toHaveLength(10);
  });
});

describe('getPermission', () => {
  it('maps a custom role to the base role its flags grant', async () => {
    nock(API)
      .get('/repos/acme/gitops/collaborators/carol/permission')
      .reply(200, {
        permission: 'write',
        role_name: 'security-reviewer',
        user: {
          login: 'carol',
          permissions: { admin: false, maintain: true, push: true, triage: true, pull: true },
        },
      });

    expect(await getPermission(octokit(), { owner: 'acme', repo: 'gitops', username: 'carol' })).toEqual({
      ok: true,
      permission: 'maintain',
    });
  });
});
