import type { GitHubClient } from './github-client.ts';

/**
 * The commit GitHub's PR diff is taken against. Reading the base side there (not at the base branch's
 * tip) keeps changes made on the base branch since the PR branched from showing up as the PR's own.
 */
export async function findMergeBase(
  octokit: GitHubClient,
  params: { owner: string; repo: string; baseSha: string; headSha: string },
): Promise<string> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner: params.owner,
    repo: params.repo,
    basehead: `${params.baseSha}...${params.headSha}`,
    per_page: 1,
  });
  return data.merge_base_commit.sha;
}
