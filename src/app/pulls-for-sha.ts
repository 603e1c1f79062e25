import type { GitHubClient } from '../github/github-client.ts';

/**
 * The open pull requests whose head is `sha`, for re-run events. The payload's list is used when it has
 * one; fork PRs are missing from it, so the check run's `external_id` (our PR number) comes next, and
 * the commit's associated PRs last.
 */
export async function pullsForSha(
  octokit: GitHubClient,
  params: {
    owner: string;
    repo: string;
    sha: string;
    fromPayload: readonly number[];
    externalId?: string | null;
  },
): Promise<number[]> {
  if (params.fromPayload.length > 0) return [...new Set(params.fromPayload)];
  const fromExternalId = Number(params.externalId);
  if (params.externalId && Number.isInteger(fromExternalId) && fromExternalId > 0) return [fromExternalId];
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: params.owner,
    repo: params.repo,
    commit_sha: params.sha,
    per_page: 100,
  });
  return data.filter((pr) => pr.state === 'open' && pr.head.sha === params.sha).map((pr) => pr.number);
}
