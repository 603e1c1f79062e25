/** End to end: pushes racing each other, and GitHub answering with errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStickyState } from '../../src/github/sticky-state.ts';
import { secondaryRateLimit } from '../support/github-server.ts';
import { type Harness, startHarness } from './support/e2e-harness.ts';
import { pullRequestEvent } from './support/payloads.ts';
import { ingress, SHOP, SHOP_BASE, SHOP_WILDCARD, seedWildcardPull } from './support/scenario.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const summaries = () =>
  h.gh.state.comments.filter((c) => c.body.startsWith('<!-- ingress-audit:summary -->'));
const push = (head: string) => pullRequestEvent('synchronize', { number: 1, head, base: 'base' });

/** main, then two pushes: `head1` makes the host a wildcard, `head2` (newer) drops its TLS instead. */
function seedTwoPushes() {
  h.gh.addCommit('base', { [SHOP]: SHOP_BASE });
  h.gh.addCommit('head1', { [SHOP]: SHOP_WILDCARD }, ['base']);
  h.gh.addCommit('head2', { [SHOP]: ingress('shop', 'shop.example.com', null) }, ['head1']);
  h.gh.addPull({ number: 1, base: 'base', head: 'head2' });
}

describe('two pushes in quick succession', () => {
  it('the newer head wins the summary when both runs overlap', async () => {
    seedTwoPushes();

    await Promise.all([h.deliver('pull_request', push('head1')), h.deliver('pull_request', push('head2'))]);
    await h.settle();

    expect(summaries()).toHaveLength(1);
    const body = summaries()[0].body;
    expect(readStickyState(body)).toMatchObject({ headSha: 'head2' });
    expect(body).toContain('tls-removed');
    expect(body).not.toContain('wildcard-host');
    expect(h.gh.state.reviewComments.every((c) => c.commit_id === 'head2')).toBe(true);
    // The check runs are per commit: both are completed, neither left in progress.
    expect(h.gh.state.checkRuns.map((r) => [r.head_sha, r.status]).sort()).toEqual([
      ['head1', 'completed'],
      ['head2', 'completed'],
    ]);
  });

  it('a run for the older head that arrives last never overwrites the newer summary', async () => {
    seedTwoPushes();

    await h.deliver('pull_request', push('head2'));
    await h.settle();
    const newer = summaries()[0].body;
    await h.deliver('pull_request', push('head1'));
    await h.settle();

    expect(summaries()).toHaveLength(1);
    expect(summaries()[0].body).toBe(newer);
    expect(h.gh.state.checkRuns.find((r) => r.head_sha === 'head1')?.status).toBe('completed');
  });
});

describe('GitHub answering with errors', () => {
  it('a 422 on the inline comments falls back to the summary, which says so', async () => {
    seedWildcardPull(h.gh);
    h.gh.fault('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: ['pull_request_review_thread.line must be part of the diff'],
      },
    });

    await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
    await h.settle();

    expect(h.gh.count('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews')).toBeGreaterThanOrEqual(1);
    expect(h.gh.state.reviewComments).toHaveLength(0);
    const body = summaries()[0].body;
    expect(body).toContain('wildcard-host');
    expect(body).toMatch(/inline comment\(s\) could not be placed/);
    expect(h.gh.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a secondary rate limit with retry-after is waited out and the run completes', async () => {
    seedWildcardPull(h.gh);
    h.gh.fault('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', secondaryRateLimit);

    await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
    await h.settle();

    expect(h.gh.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(2);
    expect(summaries()).toHaveLength(1);
    const [run] = h.gh.state.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.text ?? '').not.toContain('Publishing problems');
  });

  it('a 500 that persists concludes the check neutral with the reason, never leaving it in progress', async () => {
    seedWildcardPull(h.gh);
    h.gh.fault(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      ...Array.from({ length: 10 }, () => ({ status: 500 })),
    );

    await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
    await h.settle();

    const [run] = h.gh.state.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.summary).toContain('500');
    expect(summaries()).toHaveLength(0);
  });

  it('a check run that cannot be completed with its report is concluded neutral with the reason', async () => {
    await h.close();
    h = await startHarness({}, { inProgressAfterMs: 0 }); // marked in progress first, then completed
    seedWildcardPull(h.gh);
    // The completion (first PATCH after the in_progress one) keeps failing; the fallback then succeeds.
    h.gh.fault(
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      ...Array.from({ length: 4 }, () => ({ status: 502 })),
    );

    await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
    await h.settle();

    const [run] = h.gh.state.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.summary).toContain('502');
  });

  it('a fast run whose one check-run write keeps failing still ends with a neutral check run', async () => {
    await h.close();
    h = await startHarness({}, { inProgressAfterMs: 60_000 }); // one write: created already completed
    seedWildcardPull(h.gh);
    h.gh.fault(
      'POST /repos/{owner}/{repo}/check-runs',
      ...Array.from({ length: 4 }, () => ({ status: 502 })),
    );

    await h.deliver('pull_request', pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' }));
    await h.settle();

    expect(h.gh.state.checkRuns).toHaveLength(1);
    expect(h.gh.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(h.gh.state.checkRuns[0].output.summary).toContain('502');
  });
});
