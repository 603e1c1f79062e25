import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';

export const CHECK_RUN_NAME = 'ingress-audit';

export interface StartCheckRunParams {
  owner: string;
  repo: string;
  headSha: string;
  name?: string;
  /** e.g. the PR number, so a `check_run.rerequested` handler can find its PR on fork PRs. */
  externalId?: string;
  detailsUrl?: string;
}

/** Creates the check run as `in_progress`, so the PR shows the audit is running before it finishes. */
export async function startCheckRun(
  octokit: GitHubClient,
  params: StartCheckRunParams,
): Promise<{ ok: true; checkRunId: number } | PublishFailure> {
  try {
    const { data } = await octokit.rest.checks.create({
      owner: params.owner,
      repo: params.repo,
      name: params.name ?? CHECK_RUN_NAME,
      head_sha: params.headSha,
      status: 'in_progress',
      started_at: new Date().toISOString(),
      external_id: params.externalId,
      details_url: params.detailsUrl,
    });
    return { ok: true, checkRunId: data.id };
  } catch (error) {
    return describeFailure(error, 'creating the check run');
  }
}
