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
  return { ...pullRequestTarget(params, data), state: data.state };
}

/** The fields of a pull request (as webhooks and the pulls API give it) that an audit needs. */
export interface PullRequestFields {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
  user?: { login: string } | null;
  draft?: boolean | null;
}

/** What to audit, from a pull request object of an event payload or an API answer. */
export function pullRequestTarget(
  repo: { owner: string; repo: string },
  pr: PullRequestFields,
): PullRequestTarget {
  return {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    author: pr.user?.login ?? '',
    draft: pr.draft === true,
  };
}
