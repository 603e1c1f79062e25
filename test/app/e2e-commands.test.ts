/** End to end: `/audit` commands in PR comments, over the real server and signed webhooks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStickyState } from '../../src/github/sticky-state.ts';
import { type Harness, startHarness } from './support/e2e-harness.ts';
import { issueCommentEvent, pullRequestEvent } from './support/payloads.ts';
import { ingress, SHOP, seedWildcardPull } from './support/scenario.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const PERMISSION = 'GET /repos/{owner}/{repo}/collaborators/{username}/permission';
const summary = () => h.gh.state.comments.find((c) => c.body.startsWith('<!-- ingress-audit:summary -->'));
const replies = () =>
  h.gh.state.comments.filter(
    (c) => c.user.login === 'ingress-audit[bot]' && !c.body.startsWith('<!-- ingress-audit:summary -->'),
  );
const conclusion = (sha = 'head') => h.gh.state.checkRuns.find((r) => r.head_sha === sha)?.conclusion;

/** A comment that exists on "GitHub" (reactions need it) and the webhook announcing it. */
function comment(
  body: string,
  login: string,
  action: 'created' | 'edited' = 'created',
  type: 'User' | 'Bot' = 'User',
) {
  const posted = h.gh.addComment(1, body, { login, type });
  return issueCommentEvent(action, { id: posted.id, body, login, type, pull_number: 1 });
}

async function openPull() {
  seedWildcardPull(h.gh);
  await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
  await h.settle();
}

describe('/audit waive', () => {
  it('is refused for a read-only user, with a reply saying why, and changes nothing', async () => {
    seedWildcardPull(h.gh);
    h.gh.setPermission('reader', 'read');
    const event = comment('/audit waive wildcard-host web/shop -- we accept it', 'reader');

    await h.deliver('issue_comment', event);
    await h.settle();

    expect(h.gh.count(PERMISSION)).toBe(1);
    expect(h.gh.state.reactions).toEqual([{ comment_id: event.comment.id, content: 'confused' }]);
    expect(replies()).toHaveLength(1);
    expect(replies()[0].body).toMatch(
      /^@reader .*needs one of these permissions.*admin, maintain, write \(you have read\)/,
    );
    expect(summary()).toBeUndefined();
    expect(h.gh.state.checkRuns).toHaveLength(0);
  });

  it('by a writer is recorded in the summary state (who, why, when, object hash) and turns the check green; unwaive undoes it', async () => {
    await openPull();
    expect(conclusion()).toBe('failure');
    h.gh.setPermission('lead', 'write');

    const waive = comment('/audit waive wildcard-host web/shop -- wildcard is intended for tenants', 'lead');
    await h.deliver('issue_comment', waive);
    await h.settle();

    expect(h.gh.state.reactions).toContainEqual({ comment_id: waive.comment.id, content: '+1' });
    const state = readStickyState(summary()?.body ?? '');
    expect(state?.waivers).toEqual([
      expect.objectContaining({
        rule: 'wildcard-host',
        object: 'web/shop',
        by: 'lead',
        reason: 'wildcard is intended for tenants',
        objectHash: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      }),
    ]);
    expect(summary()?.body).toContain('waived by lead');
    expect(conclusion()).toBe('success');
    expect(h.gh.state.checkRuns).toHaveLength(1);

    const unwaive = comment('/audit unwaive wildcard-host web/shop', 'lead');
    await h.deliver('issue_comment', unwaive);
    await h.settle();

    expect(h.gh.state.reactions).toContainEqual({ comment_id: unwaive.comment.id, content: '+1' });
    expect(readStickyState(summary()?.body ?? '')?.waivers).toEqual([]);
    expect(conclusion()).toBe('failure');
  }, 60_000);

  it('lapses when the waived object changes in a later push', async () => {
    await openPull();
    h.gh.setPermission('lead', 'write');
    await h.deliver('issue_comment', comment('/audit waive wildcard-host web/shop -- intended', 'lead'));
    await h.settle();
    expect(conclusion()).toBe('success');

    h.gh.addCommit(
      'head2',
      { [SHOP]: ingress('shop', '*.example.com').replace('number: 80', 'number: 8080') },
      ['head'],
    );
    h.gh.setHead(1, 'head2');
    await h.deliver(
      'pull_request',
      pullRequestEvent('synchronize', { number: 1, head: 'head2', base: 'base' }),
    );
    await h.settle();

    expect(conclusion('head2')).toBe('failure');
    expect(summary()?.body).not.toContain('waived by lead');
  }, 60_000);
});

describe('comments that are not commands for us', () => {
  it.each([
    ['an edited comment', () => comment('/audit', 'lead', 'edited')],
    ['a comment by a bot', () => comment('/audit', 'renovate[bot]', 'created', 'Bot')],
  ])('%s is ignored: no reaction, no reply, no audit', async (_, event) => {
    seedWildcardPull(h.gh);
    h.gh.setPermission('lead', 'write');

    await h.deliver('issue_comment', event());
    await h.settle();

    expect(h.gh.state.reactions).toHaveLength(0);
    expect(replies()).toHaveLength(0);
    expect(h.gh.state.checkRuns).toHaveLength(0);
    expect(h.gh.count(PERMISSION)).toBe(0);
  });
});

describe('/audit', () => {
  it('re-runs the audit on the current head, acknowledged with eyes', async () => {
    seedWildcardPull(h.gh);
    const event = comment('please take another look\n/audit', 'octocat');

    await h.deliver('issue_comment', event);
    await h.settle();

    expect(h.gh.state.reactions).toEqual([{ comment_id: event.comment.id, content: 'eyes' }]);
    expect(h.gh.state.checkRuns).toEqual([
      expect.objectContaining({ head_sha: 'head', status: 'completed', conclusion: 'failure' }),
    ]);
    expect(summary()).toBeDefined();
  });
});
