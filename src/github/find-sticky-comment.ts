import type { GitHubClient } from './github-client.ts';
import { isOwnComment } from './own-comment.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';
import { readStickyState, type StickyState } from './sticky-state.ts';

/** First line of our summary comment; how we find it again. */
export const SUMMARY_MARKER = '<!-- ingress-audit:summary -->';

export interface StickyComment {
  id: number;
  body: string;
  state: StickyState | null;
  /** Further copies (e.g. from two racing runs); the oldest one is the sticky comment. */
  duplicateIds: number[];
}

export interface FindStickyCommentParams {
  owner: string;
  repo: string;
  issue_number: number;
  /** Our login, e.g. `my-app[bot]`; without it any bot's comment starting with the marker counts. */
  botLogin?: string;
}

/** Our summary comment on the PR, or null. Also how a caller reads the waivers kept in its state. */
export async function findStickyComment(
  octokit: GitHubClient,
  params: FindStickyCommentParams,
): Promise<{ ok: true; comment: StickyComment | null } | PublishFailure> {
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: params.owner,
      repo: params.repo,
      issue_number: params.issue_number,
      per_page: 100,
    });
    const ours = comments.filter(
      (c) => isOwnComment(c.user, params.botLogin) && (c.body ?? '').trimStart().startsWith(SUMMARY_MARKER),
    );
    const [first, ...rest] = ours;
    if (!first) return { ok: true, comment: null };
    const body = first.body ?? '';
    return {
      ok: true,
      comment: { id: first.id, body, state: readStickyState(body), duplicateIds: rest.map((c) => c.id) },
    };
  } catch (error) {
    return describeFailure(error, 'reading the PR comments');
  }
}
