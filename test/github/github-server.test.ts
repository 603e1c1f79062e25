/** The test server must reject what GitHub rejects, or the publisher tests prove nothing. */
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';

let server: GitHubServer;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'gitops' };
const annotation = {
  path: 'a.yaml',
  start_line: 1,
  end_line: 1,
  annotation_level: 'warning' as const,
  message: 'm',
};

beforeAll(async () => {
  server = await startGitHubServer();
  server.addCommit('base', { 'a.yaml': 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n' });
  server.addCommit('head', { 'a.yaml': 'a\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n' }, ['base']);
  server.addPull({ number: 1, base: 'base', head: 'head' });
  octokit = new Octokit({ baseUrl: server.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
});
afterAll(async () => {
  await server.close();
});

describe('test GitHub server', () => {
  it('answers 422 to more than 50 annotations in one request', async () => {
    const { data: run } = await octokit.rest.checks.create({ ...repo, name: 'x', head_sha: 'head' });
    const output = { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) };

    await expect(octokit.rest.checks.update({ ...repo, check_run_id: run.id, output })).rejects.toMatchObject(
      {
        status: 422,
      },
    );
  });

  it('answers 422 to a summary over 65,535 characters and to unknown enum values', async () => {
    const create = (body: Record<string, unknown>) =>
      octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        ...repo,
        name: 'x',
        head_sha: 'head',
        ...body,
      });

    await expect(create({ output: { title: 't', summary: 'x'.repeat(65_536) } })).rejects.toMatchObject({
      status: 422,
    });
    await expect(create({ conclusion: 'passed' })).rejects.toMatchObject({ status: 422 });
    await expect(create({ status: 'done' })).rejects.toMatchObject({ status: 422 });
    await expect(
      create({
        output: { title: 't', summary: 's', annotations: [{ ...annotation, annotation_level: 'error' }] },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('answers 422 to a comment body over 65,536 characters, counting characters not bytes', async () => {
    await expect(
      octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'x'.repeat(65_537) }),
    ).rejects.toMatchObject({ status: 422 });
    const ok = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: 'é'.repeat(65_536),
    });
    expect(ok.status).toBe(201);
  });

  it('answers 422 to a review comment outside the diff hunks and to an unknown review event', async () => {
    const review = (line: number, event = 'COMMENT') =>
      octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...repo,
        pull_number: 1,
        event: event as 'COMMENT', // deliberately wrong values get through to the server
        body: 'b',
        comments: [{ path: 'a.yaml', line, side: 'RIGHT', body: 'c' }],
      });

    await expect(review(2)).rejects.toMatchObject({ status: 422 }); // the hunk is lines 7-10
    await expect(review(10, 'COMMENT_LOUDLY')).rejects.toMatchObject({ status: 422 });
    expect((await review(7)).status).toBe(200);
  });
});
