import type { GitHubClient } from './github-client.ts';

// A comment-only review neither gives nor takes back an approval (as on GitHub's own PR page).
const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/**
 * Logins (lower-cased) whose latest approving-or-not review of the pull request is an approval: a later
 * "request changes" or a dismissal (branch protection dismisses stale approvals on a push) takes it back.
 * One paginated `pulls.listReviews`. Throws when the reviews cannot be read.
 */
export async function readApprovers(
  octokit: GitHubClient,
  params: { owner: string; repo: string; pull_number: number },
): Promise<string[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...params, per_page: 100 });
  const latest = new Map<string, string>();
  // The API lists reviews oldest first.
  for (const review of reviews) {
    const login = review.user?.login;
    if (login && DECISIVE.has(review.state)) latest.set(login.toLowerCase(), review.state);
  }
  return [...latest].filter(([, state]) => state === 'APPROVED').map(([login]) => login);
}
