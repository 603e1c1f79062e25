import { COMMENT_BODY_LIMIT, fitText } from './fit-text.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';

/** Posts a (rendered) reply on the PR conversation, e.g. why a command was refused or its help text. */
export async function replyToComment(
  octokit: GitHubClient,
  params: { owner: string; repo: string; issue_number: number; body: string },
): Promise<{ ok: true; commentId: number } | PublishFailure> {
  try {
    const { data } = await octokit.rest.issues.createComment({
      ...params,
      body: fitText(params.body, COMMENT_BODY_LIMIT),
    });
    return { ok: true, commentId: data.id };
  } catch (error) {
    return describeFailure(error, 'replying on the pull request');
  }
}
