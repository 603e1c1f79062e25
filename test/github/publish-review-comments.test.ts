import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fingerprintMarker,
  type InlineComment,
  publishReviewComments,
} from '../../src/github/publish-review-comments.ts';
import { readPullRequestChange } from '../../src/sources/github-pr.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const REVIEW = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const lines = (n: number, change: Record<number, string> = {}) =>
  `${Array.from({ length: n }, (_, i) => change[i + 1] ?? `line${i + 1}: v`).join('\n')}\n`;

let server: GitHubServer;
let patches: Map<string, string>;
beforeEach(async () => {
  server = await startGitHubServer();
  server.addCommit('base', { 'a.yaml': lines(40) });
  // Lines 10 and 30 change: hunks cover head lines 7-13 and 27-33.
  server.addCommit('head', { 'a.yaml': lines(40, { 10: 'host: "*"', 30: 'tls: []' }) }, ['base']);
  server.addPull({ number: 3, base: 'base', head: 'head' });
  patches = (await read()).patches;
});
afterEach(async () => {
  await server.close();
});
const octokit = () => testOctokit(server.url);
const read = () =>
  readPullRequestChange(octokit(), {
    owner: 'acme',
    repo: 'gitops',
    pull_number: 3,
    baseSha: 'base',
    headSha: 'head',
    include: ['**'],
    exclude: [],
  });
const comment = (line: number, fingerprint = `fp-${line}`): InlineComment => ({
  path: 'a.yaml',
  line,
  body: `**wildcard-host** on line ${line}`,
  fingerprint,
});
const publish = (
  comments: InlineComment[],
  extra: { maxInline?: number; patches?: Map<string, string> } = {},
) =>
  publishReviewComments(octokit(), {
    owner: 'acme',
    repo: 'gitops',
    pull_number: 3,
    commitId: 'head',
    comments,
    patches: extra.patches ?? patches,
    maxInline: extra.maxInline ?? 30,
  });

describe('publishReviewComments', () => {
  it('posts one review with comments only on lines inside the hunks (added or context)', async () => {
    const result = await publish([comment(10), comment(8), comment(1), comment(20), comment(30)]);

    expect(result.ok).toBe(true);
    expect(result.posted.map((c) => c.line)).toEqual([10, 8, 30]);
    expect(result.outsideDiff.map((c) => c.line)).toEqual([1, 20]);
    expect(server.count(REVIEW)).toBe(1);
    expect(server.state.reviews).toEqual([expect.objectContaining({ event: 'COMMENT' })]);
    expect(server.state.reviewComments.map((c) => [c.line, c.side])).toEqual([
      [10, 'RIGHT'],
      [8, 'RIGHT'],
      [30, 'RIGHT'],
    ]);
    expect(server.state.reviewComments[0].body).toContain(fingerprintMarker('fp-10'));
  });

  it('never posts a fingerprint twice: a re-run posts only the new finding', async () => {
    await publish([comment(10), comment(30)]);
    const rerun = await publish([comment(10), comment(30), comment(31)]);

    expect(rerun.alreadyPosted.map((c) => c.line)).toEqual([10, 30]);
    expect(rerun.posted.map((c) => c.line)).toEqual([31]);
    expect(server.state.reviewComments).toHaveLength(3);
  });

  it('makes no request at all when every comment is already posted', async () => {
    await publish([comment(10)]);
    const reviewsBefore = server.count(REVIEW);

    const rerun = await publish([comment(10)]);

    expect(rerun.posted).toEqual([]);
    expect(server.count(REVIEW)).toBe(reviewsBefore);
  });

  it('ignores fingerprints planted in comments by users', async () => {
    server.state.reviewComments.push({
      id: 1,
      pull_number: 3,
      pull_request_review_id: 1,
      commit_id: 'head',
      path: 'a.yaml',
      line: 10,
      side: 'RIGHT',
      body: `lol ${fingerprintMarker('fp-10')}`,
      user: { login: 'mallory', type: 'User' },
    });

    const result = await publish([comment(10)]);

    expect(result.posted.map((c) => c.line)).toEqual([10]);
  });

  it('posts at most maxInline comments and returns the rest for the summary', async () => {
    const result = await publish([comment(8), comment(9), comment(10), comment(11)], { maxInline: 2 });

    expect(result.posted.map((c) => c.line)).toEqual([8, 9]);
    expect(result.overLimit.map((c) => c.line)).toEqual([10, 11]);
    expect(server.state.reviewComments).toHaveLength(2);
  });

  it('on a 422 from stale patches, re-reads the diff and retries once without the offending comment', async () => {
    // The caller believes line 20 is in the diff; GitHub does not.
    const stale = new Map([
      ['a.yaml', `${patches.get('a.yaml')}\n@@ -18,3 +18,3 @@\n line18: v\n line19: v\n line20: v`],
    ]);

    const result = await publish([comment(10), comment(20)], { patches: stale });

    expect(result.ok).toBe(true);
    expect(result.posted.map((c) => c.line)).toEqual([10]);
    expect(result.notPosted.map((c) => c.line)).toEqual([20]);
    expect(server.count(REVIEW)).toBe(2);
    expect(server.state.reviewComments.map((c) => c.line)).toEqual([10]);
  });

  it('when a 422 cannot be explained, posts no inline comments and hands them all back', async () => {
    server.fault(REVIEW, {
      status: 422,
      body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] },
    });

    const result = await publish([comment(10), comment(30)]);

    expect(result).toMatchObject({ ok: true, status: 422, posted: [] });
    expect(result.notPosted.map((c) => c.line)).toEqual([10, 30]);
    expect(result.error).toContain('Line could not be resolved');
    expect(server.state.reviewComments).toHaveLength(0);
  });

  it('returns a persistent server error as a failure with the comments not posted', async () => {
    server.fault(REVIEW, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });

    const result = await publish([comment(10)]);

    expect(result).toMatchObject({ ok: false, status: 500, posted: [] });
    expect(result.notPosted.map((c) => c.line)).toEqual([10]);
  });

  it('keeps each comment body within 65,536 characters with its fingerprint intact', async () => {
    const result = await publish([{ ...comment(10), body: 'y'.repeat(70_000) }]);

    expect(result.ok).toBe(true);
    const body = server.state.reviewComments[0].body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.endsWith(fingerprintMarker('fp-10'))).toBe(true);
  });
});
