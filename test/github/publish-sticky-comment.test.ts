import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findStickyComment, SUMMARY_MARKER } from '../../src/github/find-sticky-comment.ts';
import { COMMENT_BODY_LIMIT } from '../../src/github/fit-text.ts';
import { publishStickyComment } from '../../src/github/publish-sticky-comment.ts';
import { readStickyState, withStickyState } from '../../src/github/sticky-state.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const CREATE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const EDIT = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
  server.addCommit('base', { 'a.yaml': 'x: 1\n' });
  server.addCommit('head', { 'a.yaml': 'x: 2\n' }, ['base']);
  server.addCommit('newer', { 'a.yaml': 'x: 3\n' }, ['head']);
  server.addPull({ number: 7, base: 'base', head: 'head' });
});
afterEach(async () => {
  await server.close();
});
const octokit = () => testOctokit(server.url);
const publish = (body: string, extra: { headSha?: string; state?: Record<string, unknown> } = {}) =>
  publishStickyComment(octokit(), {
    owner: 'acme',
    repo: 'gitops',
    issue_number: 7,
    headSha: 'head',
    body,
    ...extra,
  });
const ours = () => server.state.comments.filter((c) => c.body.startsWith(SUMMARY_MARKER));

describe('publishStickyComment', () => {
  it('creates the comment, then edits it in place, then skips the request when nothing changed', async () => {
    expect(await publish('## Risk 20')).toMatchObject({ ok: true, action: 'created' });
    expect(await publish('## Risk 60')).toMatchObject({ ok: true, action: 'updated' });
    expect(await publish('## Risk 60')).toMatchObject({ ok: true, action: 'unchanged' });

    expect(ours()).toHaveLength(1);
    expect(ours()[0].body).toContain('## Risk 60');
    expect(server.count(CREATE)).toBe(1);
    expect(server.count(EDIT)).toBe(1);
  });

  it('refuses to overwrite when the PR has a newer head than the run ("stale")', async () => {
    await publish('## for head');
    server.setHead(7, 'newer');

    const result = await publish('## late result for the old head');

    expect(result).toMatchObject({ ok: true, action: 'stale' });
    expect(ours()[0].body).toContain('## for head');
    expect(server.count(EDIT)).toBe(0);
  });

  it('keeps the hidden state (e.g. waivers) when a run does not pass new state, and records the head SHA', async () => {
    await publish('## one', { state: { waivers: [{ rule: 'wildcard-host', by: 'alice' }] } });
    await publish('## two');

    expect(readStickyState(ours()[0].body)).toEqual({
      waivers: [{ rule: 'wildcard-host', by: 'alice' }],
      headSha: 'head',
    });
  });

  it('ignores a user comment that copies the marker and a forged state, and never edits it', async () => {
    const forged = server.addComment(
      7,
      withStickyState(`${SUMMARY_MARKER}\nfake`, { waivers: [{ rule: 'tls-removed' }] }),
      { login: 'mallory', type: 'User' },
    );

    const found = await findStickyComment(octokit(), { owner: 'acme', repo: 'gitops', issue_number: 7 });
    expect(found).toEqual({ ok: true, comment: null });
    expect(await publish('## real')).toMatchObject({ action: 'created' });
    expect(server.state.comments.find((c) => c.id === forged.id)?.body).toContain('fake');
    expect(readStickyState(ours().find((c) => c.user.type === 'Bot')!.body)).toEqual({ headSha: 'head' });
  });

  it('with botLogin, only that account’s comment counts', async () => {
    server.addComment(7, `${SUMMARY_MARKER}\nanother app`, { login: 'other-app[bot]', type: 'Bot' });

    const result = await publishStickyComment(octokit(), {
      owner: 'acme',
      repo: 'gitops',
      issue_number: 7,
      headSha: 'head',
      body: '## mine',
      botLogin: server.bot.login,
    });

    expect(result).toMatchObject({ action: 'created' });
    expect(ours()).toHaveLength(2);
  });

  it('leaves exactly one summary when two racing runs created two', async () => {
    server.addComment(7, `${SUMMARY_MARKER}\nfirst`, server.bot);
    server.addComment(7, `${SUMMARY_MARKER}\nsecond`, server.bot);

    expect(await publish('## merged')).toMatchObject({ action: 'updated' });

    expect(ours()).toHaveLength(1);
    expect(ours()[0].body).toContain('## merged');
  });

  it('cuts an oversized body to GitHub’s limit and keeps the state marker whole', async () => {
    const result = await publish(`## huge\n${'x'.repeat(80_000)}`, { state: { waivers: [] } });

    expect(result).toMatchObject({ ok: true, action: 'created' });
    const body = ours()[0].body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT);
    expect(body).toContain('Truncated');
    expect(readStickyState(body)).toEqual({ waivers: [], headSha: 'head' });
  });

  it('finds the comment among more than 100 (paginated)', async () => {
    for (let i = 0; i < 120; i++) server.addComment(7, `chatter ${i}`, { login: 'dev', type: 'User' });
    await publish('## first');
    await publish('## second');

    expect(ours()).toHaveLength(1);
    expect(ours()[0].body).toContain('## second');
  });

  it('returns a read-only token’s 403 as a failure instead of throwing', async () => {
    server.fault(CREATE, { status: 403, body: { message: 'Resource not accessible by integration' } });

    const result = await publish('## summary');

    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(result.ok === false && result.error).toContain('Resource not accessible by integration');
  });
});
