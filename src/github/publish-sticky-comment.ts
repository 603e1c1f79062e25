import { type FindStickyCommentParams, findStickyComment, SUMMARY_MARKER } from './find-sticky-comment.ts';
import { COMMENT_BODY_LIMIT, fitText } from './fit-text.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';
import { type StickyState, withStickyState } from './sticky-state.ts';

export interface PublishStickyCommentParams extends FindStickyCommentParams {
  /** The head SHA this run audited. */
  headSha: string;
  /** The rendered markdown; the marker is added when missing. */
  body: string;
  /** Hidden state to store; when absent the existing comment's state is kept. `headSha` is always set. */
  state?: StickyState;
}

export type StickyCommentResult =
  | {
      ok: true;
      /** `stale`: the PR has a newer head than this run; nothing was written. */
      action: 'created' | 'updated' | 'unchanged' | 'stale';
      commentId?: number;
    }
  | PublishFailure;

/**
 * Creates or edits the one summary comment of a PR, skipping the write when nothing changed. A run for
 * an older head never overwrites a newer one: the PR's current head is checked right before writing.
 */
export async function publishStickyComment(
  octokit: GitHubClient,
  params: PublishStickyCommentParams,
): Promise<StickyCommentResult> {
  const { owner, repo, issue_number } = params;
  const found = await findStickyComment(octokit, params);
  if (!found.ok) return found;
  const existing = found.comment;

  let step = 'reading the pull request head';
  try {
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: issue_number });
    if (pull.head.sha !== params.headSha) return { ok: true, action: 'stale', commentId: existing?.id };

    const state = { ...(params.state ?? existing?.state ?? {}), headSha: params.headSha };
    const stateless = withStickyState('', state);
    const visible = params.body.trimStart().startsWith(SUMMARY_MARKER)
      ? params.body
      : `${SUMMARY_MARKER}\n${params.body}`;
    const body = withStickyState(fitText(visible, COMMENT_BODY_LIMIT - stateless.length), state);

    if (!existing) {
      step = 'creating the summary comment';
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
      return { ok: true, action: 'created', commentId: data.id };
    }
    step = 'removing duplicate summary comments';
    for (const comment_id of existing.duplicateIds) {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id });
    }
    if (existing.body === body) return { ok: true, action: 'unchanged', commentId: existing.id };
    step = 'editing the summary comment';
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { ok: true, action: 'updated', commentId: existing.id };
  } catch (error) {
    return describeFailure(error, step);
  }
}
