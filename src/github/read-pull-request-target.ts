import type { PullRequestTarget } from './audit-pull-request.ts';
import type { GitHubClient } from './github-client.ts';

/**
 * A pull request as it is now (head, base tip, author, draft), read through the API: what a command or a
 * re-run audits, whatever SHA the triggering event carried.
 */
export async function readPullRequestTarget(
  octokit: GitHubClient,
  params: { owner: string; repo: string; pull_number: number },
): Promise<PullRequestTarget & { state: string }> {
  const { data } = await octokit.rest.pulls.get(params);
  return {
    owner: params.owner,
    repo: params.repo,
    pull_number: params.pull_number,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    author: data.user?.login ?? '',
    draft: data.draft === true,
    state: data.state,
  };
}
