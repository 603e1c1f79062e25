import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPermission } from '../../src/github/get-permission.ts';
import { reactToComment } from '../../src/github/react-to-comment.ts';
import { replyToComment } from '../../src/github/reply-to-comment.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
const repo = { owner: 'acme', repo: 'gitops' };

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  await server.close();
});
const octokit = () => testOctokit(server.url);

describe('getPermission', () => {
  it.each(['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const)(
    'reports the %s role',
    async (role) => {
      server.setPermission('alice', role);

      expect(await getPermission(octokit(), { ...repo, username: 'alice' })).toEqual({
        ok: true,
        permission: role,
      });
    },
  );

  it('gives none for a user GitHub does not know (404)', async () => {
    expect(await getPermission(octokit(), { ...repo, username: 'ghost' })).toEqual({
      ok: true,
      permission: 'none',
    });
  });

  it('gives none with the failure when the look-up keeps failing, so a waive is refused', async () => {
    server.setPermission('alice', 'admin');
    server.fault(PERMISSION, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });

    const result = await getPermission(octokit(), { ...repo, username: 'alice' });

    expect(result).toMatchObject({ ok: false, permission: 'none', status: 500 });
  });
});

describe('reactToComment and replyToComment', () => {
  it('reacts to the command comment and replies on the PR', async () => {
    const command = server.addComment(5, '/audit waive wildcard-host -- ok', { login: 'bob', type: 'User' });

    expect(await reactToComment(octokit(), { ...repo, comment_id: command.id, content: 'eyes' })).toEqual({
      ok: true,
    });
    const reply = await replyToComment(octokit(), {
      ...repo,
      issue_number: 5,
      body: 'Refused: you need write access.',
    });

    expect(server.state.reactions).toEqual([{ comment_id: command.id, content: 'eyes' }]);
    expect(reply).toMatchObject({ ok: true });
    expect(server.state.comments.at(-1)).toMatchObject({
      issue_number: 5,
      body: 'Refused: you need write access.',
    });
  });

  it('returns failures instead of throwing', async () => {
    const reaction = await reactToComment(octokit(), { ...repo, comment_id: 424242, content: '+1' });

    expect(reaction).toMatchObject({ ok: false, status: 404 });
  });
});
