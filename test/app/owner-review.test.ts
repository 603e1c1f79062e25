/**
 * `requireOwnerReview` end to end: the real App server, the local GitHub test server with CODEOWNERS at
 * the base, reviews and team memberships. A high-risk change fails the check until one of the object's
 * owners approves; the review event re-runs the audit so the check turns green.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORD_JOINER } from '../../src/core/report/escape.ts';
import { type Harness, startHarness } from './support/e2e-harness.ts';
import { pullRequestEvent, pullRequestReviewEvent } from './support/payloads.ts';
import { SHOP, SHOP_BASE, SHOP_WILDCARD } from './support/scenario.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** wildcard-host is high; with failOn critical no finding fails the check by itself, only the gate can. */
function seed(codeowners: string, config = 'requireOwnerReview: true\nfailOn: critical\n') {
  h.gh.addCommit('base', { [SHOP]: SHOP_BASE, '.github/CODEOWNERS': codeowners });
  h.gh.addCommit('head', { [SHOP]: SHOP_WILDCARD, '.github/CODEOWNERS': codeowners }, ['base']);
  h.gh.addPull({ number: 1, base: 'base', head: 'head' });
  h.gh.setConfig('base', config);
}
const opened = () => pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' });
const review = (reviewer: string, state: string, action: 'submitted' | 'dismissed' = 'submitted') =>
  pullRequestReviewEvent(action, { number: 1, head: 'head', base: 'base', reviewer, state });
/** Text as a reader sees it: the word joiners that break mentions and markdown escapes removed. */
const readable = (s: string | undefined) => (s ?? '').replaceAll(WORD_JOINER, '').replace(/\\(.)/g, '$1');
const summary = () =>
  h.gh.state.comments.find((c) => c.body.startsWith('<!-- ingress-audit:summary -->'))?.body ?? '';

async function deliver(name: string, payload: unknown) {
  expect((await h.deliver(name, payload)).status).toBe(200);
  await h.settle();
}

describe('requireOwnerReview', () => {
  it('a high-risk change without an approval fails, naming the owner in the check and the summary without a mention', async () => {
    seed('apps/shop/ @acme/shop\n');
    await deliver('pull_request', opened());

    const [run] = h.gh.state.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.title).toMatch(/waiting for owner review$/);
    const message = 'Ingress web/shop (wildcard-host) needs an approving review from @acme/shop (CODEOWNERS)';
    expect(readable(run.output.summary)).toContain(message);
    expect(readable(summary())).toContain(message);
    // Rendered without pinging: every @ is followed by a word joiner.
    expect(summary()).not.toMatch(/@(?!\u2060)/);
  });

  it("an owner's approval (the review event) turns the same check run green", async () => {
    seed('apps/shop/ @alice\n');
    await deliver('pull_request', opened());
    expect(h.gh.state.checkRuns[0].conclusion).toBe('failure');

    h.gh.addReview(1, 'alice', 'APPROVED');
    await deliver('pull_request_review', review('alice', 'approved'));

    expect(h.gh.state.checkRuns).toHaveLength(1);
    const [run] = h.gh.state.checkRuns;
    expect(run.conclusion).toBe('success');
    expect(run.output.title).not.toMatch(/waiting/);
    expect(readable(run.output.summary)).toContain('Ingress web/shop: approved by @alice (CODEOWNERS)');
    expect(readable(summary())).toContain('approved by @alice');
  });

  it('an approval from someone who is not an owner leaves the check failing', async () => {
    seed('apps/shop/ @alice\n');
    h.gh.addReview(1, 'mallory', 'APPROVED');
    await deliver('pull_request_review', review('mallory', 'approved'));

    const [run] = h.gh.state.checkRuns;
    expect(run.conclusion).toBe('failure');
    expect(readable(run.output.summary)).toContain('needs an approving review from @alice (CODEOWNERS)');
  });

  it("a team owner is satisfied by a member's approval, looked up per approving reviewer", async () => {
    seed('apps/shop/ @acme/shop\n');
    h.gh.setTeam('acme/shop', ['carol']);
    h.gh.addReview(1, 'mallory', 'APPROVED');
    h.gh.addReview(1, 'carol', 'APPROVED');
    await deliver('pull_request_review', review('carol', 'approved'));

    const [run] = h.gh.state.checkRuns;
    expect(run.conclusion).toBe('success');
    expect(readable(run.output.summary)).toContain('approved by @acme/shop (CODEOWNERS)');
    const lookups = h.gh.requests.filter((r) => r.path.startsWith('/orgs/acme/teams/shop/memberships/'));
    expect(lookups.map((r) => r.path.split('/').pop())).toEqual(['mallory', 'carol']);
  });

  it('a comment-only review keeps the approval; its dismissal takes it back', async () => {
    seed('apps/shop/ @alice\n');
    h.gh.addReview(1, 'alice', 'APPROVED');
    h.gh.addReview(1, 'alice', 'COMMENTED'); // a comment keeps the approval
    await deliver('pull_request_review', review('alice', 'commented'));
    expect(h.gh.state.checkRuns[0].conclusion).toBe('success');

    h.gh.addReview(1, 'alice', 'DISMISSED');
    await deliver('pull_request_review', review('alice', 'dismissed', 'dismissed'));
    expect(h.gh.state.checkRuns[0].conclusion).toBe('failure');
  });

  it('without requireOwnerReview a review event audits nothing and writes nothing', async () => {
    seed('apps/shop/ @alice\n', 'failOn: critical\n');
    h.gh.addReview(1, 'alice', 'APPROVED');
    await deliver('pull_request_review', review('alice', 'approved'));

    expect(h.gh.state.checkRuns).toEqual([]);
    expect(h.gh.state.comments).toEqual([]);
    expect(h.gh.requests.some((r) => r.path === '/graphql' || r.path.endsWith('/files'))).toBe(false);
  });

  it('without a high-risk change the reviews are not even read', async () => {
    seed('apps/shop/ @alice\n');
    h.gh.addCommit('head', { [SHOP]: SHOP_BASE.replace('number: 80', 'number: 8080') }, ['base']);
    await deliver('pull_request', opened());

    expect(h.gh.state.checkRuns[0].conclusion).toBe('success');
    expect(h.gh.requests.some((r) => r.path.endsWith('/reviews') && r.method === 'GET')).toBe(false);
  });
});
