import type { RestEndpointMethodTypes } from '@octokit/rest';
import { commentableLines } from './diff-hunks.ts';
import { COMMENT_BODY_LIMIT, fitText } from './fit-text.ts';
import type { GitHubClient } from './github-client.ts';
import { isOwnComment } from './own-comment.ts';
import { describeFailure } from './publish-failure.ts';

type CreateReviewParams = RestEndpointMethodTypes['pulls']['createReview']['parameters'];
type ReviewCommentDraft = NonNullable<CreateReviewParams['comments']>[number];

/** A rendered inline comment for one finding, on a head-side line. */
export interface InlineComment {
  path: string;
  line: number;
  body: string;
  /** The finding's stable fingerprint; a comment carrying it is never posted twice. */
  fingerprint: string;
}

export interface PublishReviewCommentsParams {
  owner: string;
  repo: string;
  pull_number: number;
  /** The head SHA the lines refer to. */
  commitId: string;
  /** In priority order: when over `maxInline`, the first ones are posted. */
  comments: readonly InlineComment[];
  /** Patches per head path (from readPullRequestChange): only lines inside their hunks are commented. */
  patches: ReadonlyMap<string, string>;
  maxInline: number;
  /** The review's own text (GitHub requires one for a COMMENT review). */
  reviewBody?: string;
  botLogin?: string;
}

export interface ReviewCommentsResult {
  ok: boolean;
  error?: string;
  status?: number;
  reviewId?: number;
  posted: InlineComment[];
  /** Already on the PR from an earlier run (same fingerprint). */
  alreadyPosted: InlineComment[];
  /** On lines outside the diff hunks: they stay in the summary. */
  outsideDiff: InlineComment[];
  /** Past `maxInline`: they stay in the summary. */
  overLimit: InlineComment[];
  /** Refused by GitHub (422) or lost to a failed request; they stay in the summary. */
  notPosted: InlineComment[];
}

const FINGERPRINT_MARKER = /<!-- ingress-audit:fp ([^\s>]+) -->/g;

// A fingerprint is a hash; stripping what could end the HTML comment keeps the marker well-formed.
const markerSafe = (fingerprint: string) => fingerprint.replace(/[\s>]/g, '');

/** The hidden marker a comment body carries for `fingerprint`. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- ingress-audit:fp ${markerSafe(fingerprint)} -->`;
}

function withFingerprint(comment: InlineComment): string {
  const marker = fingerprintMarker(comment.fingerprint);
  const body = comment.body.includes(marker) ? comment.body : `${comment.body}\n\n${marker}`;
  if (body.length <= COMMENT_BODY_LIMIT) return body;
  return `${fitText(comment.body, COMMENT_BODY_LIMIT - marker.length - 2)}\n\n${marker}`;
}

/**
 * Posts one COMMENT review with the inline comments that are inside the diff, new, and within
 * `maxInline`. On a 422 (GitHub disagrees about the diff) it re-reads the PR's patches and retries once
 * without the comments that no longer fit; if that does not help, no inline comments are posted and all
 * of them are returned as `notPosted` (still `ok`: the findings stay in the summary). `ok` is false only
 * when another failure left the step undone.
 */
export async function publishReviewComments(
  octokit: GitHubClient,
  params: PublishReviewCommentsParams,
): Promise<ReviewCommentsResult> {
  const { owner, repo, pull_number } = params;
  const result: ReviewCommentsResult = {
    ok: true,
    posted: [],
    alreadyPosted: [],
    outsideDiff: [],
    overLimit: [],
    notPosted: [],
  };
  const inside = inDiff(params.comments, params.patches);
  result.outsideDiff = inside.outside;
  if (inside.inside.length === 0) return result;

  let existing: Set<string>;
  try {
    const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number,
      per_page: 100,
    });
    existing = new Set(
      comments
        .filter((c) => isOwnComment(c.user, params.botLogin))
        .flatMap((c) => [...c.body.matchAll(FINGERPRINT_MARKER)].map((m) => m[1])),
    );
  } catch (error) {
    return {
      ...result,
      ...describeFailure(error, 'reading earlier review comments'),
      notPosted: inside.inside,
    };
  }
  const fresh: InlineComment[] = [];
  for (const comment of inside.inside) {
    const fp = markerSafe(comment.fingerprint);
    if (existing.has(fp)) result.alreadyPosted.push(comment);
    else {
      existing.add(fp); // two findings with one fingerprint: one comment
      fresh.push(comment);
    }
  }
  const toPost = fresh.slice(0, Math.max(0, params.maxInline));
  result.overLimit = fresh.slice(toPost.length);
  if (toPost.length === 0) return result;

  const attempt = await createReview(octokit, params, toPost);
  if (attempt.ok) return { ...result, posted: toPost, reviewId: attempt.reviewId };
  if (attempt.status !== 422) return { ...result, ...attempt, notPosted: toPost };

  // GitHub's 422 does not say which comment it refused: re-read the diff and drop what no longer fits.
  let retry: { inside: InlineComment[]; outside: InlineComment[] };
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner,
      repo,
      pull_number,
      per_page: 100,
    });
    const patches = new Map(
      files.flatMap((f) => (f.patch === undefined ? [] : [[f.filename, f.patch] as const])),
    );
    retry = inDiff(toPost, patches);
  } catch {
    retry = { inside: [], outside: toPost };
  }
  if (retry.outside.length === 0 || retry.inside.length === 0) {
    return { ...result, error: attempt.error, status: attempt.status, notPosted: toPost };
  }
  const second = await createReview(octokit, params, retry.inside);
  if (second.ok)
    return { ...result, posted: retry.inside, notPosted: retry.outside, reviewId: second.reviewId };
  return {
    ...result,
    error: second.error,
    status: second.status,
    ok: second.status === 422,
    notPosted: toPost,
  };
}

function inDiff(comments: readonly InlineComment[], patches: ReadonlyMap<string, string>) {
  const lines = new Map<string, Set<number>>();
  const inside: InlineComment[] = [];
  const outside: InlineComment[] = [];
  for (const comment of comments) {
    let commentable = lines.get(comment.path);
    if (!commentable) {
      commentable = commentableLines(patches.get(comment.path));
      lines.set(comment.path, commentable);
    }
    (commentable.has(comment.line) ? inside : outside).push(comment);
  }
  return { inside, outside };
}

async function createReview(
  octokit: GitHubClient,
  params: PublishReviewCommentsParams,
  comments: readonly InlineComment[],
): Promise<{ ok: true; reviewId: number } | { ok: false; error: string; status?: number }> {
  const drafts: ReviewCommentDraft[] = comments.map((c) => ({
    path: c.path,
    line: c.line,
    side: 'RIGHT',
    body: withFingerprint(c),
  }));
  try {
    const { data } = await octokit.rest.pulls.createReview({
      owner: params.owner,
      repo: params.repo,
      pull_number: params.pull_number,
      commit_id: params.commitId,
      event: 'COMMENT',
      body: params.reviewBody ?? `ingress-audit: ${comments.length} finding(s) on changed lines.`,
      comments: drafts,
    });
    return { ok: true, reviewId: data.id };
  } catch (error) {
    return describeFailure(error, 'posting inline review comments');
  }
}
