import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';

export type Reaction = RestEndpointMethodTypes['reactions']['createForIssueComment']['parameters']['content'];

/** Acknowledges a slash command on the comment that carried it (e.g. `eyes`, `+1`, `-1`, `confused`). */
export async function reactToComment(
  octokit: GitHubClient,
  params: { owner: string; repo: string; comment_id: number; content: Reaction },
): Promise<{ ok: true } | PublishFailure> {
  try {
    await octokit.rest.reactions.createForIssueComment(params);
    return { ok: true };
  } catch (error) {
    return describeFailure(error, `reacting to comment ${params.comment_id}`);
  }
}
