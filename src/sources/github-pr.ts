/** Reads a pull request's change through the GitHub API, in batches: the pieces of a core ChangeSet. */
import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { Notice, SourceFile } from '../core/manifests/document.ts';
import { countRequests } from '../github/count-requests.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { type BlobRef, readBlobs } from '../github/read-blobs.ts';
import { makeMatcher } from './globs.ts';

/** GitHub's PR files API stops at this many files; past it the review is partial. */
export const PR_FILES_CAP = 3000;

// Right after a push, the files list and the head tree can answer 404 for a moment: retry those
// (plugin-retry leaves 404s alone unless asked per request; without the plugin this is inert).
const RETRY_TRANSIENT_404 = { retries: 2, retryAfter: 1 };

type DiffEntry = RestEndpointMethodTypes['pulls']['listFiles']['response']['data'][number];

export interface ReadPullRequestParams {
  owner: string;
  repo: string;
  pull_number: number;
  /**
   * Where the base side is read. Pass the merge base (see findMergeBase): the files API diffs against it.
   * May be a promise: the files are listed while it is being found (one round trip less).
   */
  baseSha: string | Promise<string>;
  headSha: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Also read every other manifest at head (repo-wide context, e.g. host collisions). */
  withContext?: boolean;
}

export interface PullRequestChange {
  /** Changed files as they were at base (renamed files under their previous path). */
  base: SourceFile[];
  /** Changed files as they are at head. */
  head: SourceFile[];
  /** With `withContext`: the other manifests at head that the PR does not touch. */
  unchanged: SourceFile[];
  /** Unified patch per head path, for placing review comments (absent for binary or very large files). */
  patches: Map<string, string>;
  /** True when GitHub's 3,000-file cap was reached: files past it were not read. */
  truncated: boolean;
  /** Requests this read made (pages and GraphQL queries; Octokit's retries not counted). */
  requests: number;
  /** What the audit should say about what it could not read. */
  notices: Notice[];
}

/** The side(s) a changed file has: a move keeps its previous path on the base side. */
function sides(file: DiffEntry): { basePath: string | null; headPath: string | null } {
  switch (file.status) {
    case 'added':
    case 'copied': // the source of a copy is still there, unchanged; only the new path is a change
      return { basePath: null, headPath: file.filename };
    case 'removed':
      return { basePath: file.filename, headPath: null };
    case 'renamed':
      return { basePath: file.previous_filename ?? file.filename, headPath: file.filename };
    default:
      return { basePath: file.filename, headPath: file.filename };
  }
}

/**
 * Lists the PR's files (pages of 100), then reads both sides in GraphQL batches. Requests:
 * ceil(N/100) pages + ceil(blobs/100) queries (+1 per blob GraphQL cannot give as text); `withContext`
 * adds one recursive tree call + ceil(other manifests/100) queries. Throws when GitHub cannot be read:
 * the caller reports that (there is nothing to audit).
 */
export async function readPullRequestChange(
  octokit: GitHubClient,
  params: ReadPullRequestParams,
): Promise<PullRequestChange> {
  const counter = countRequests(octokit);
  try {
    const { owner, repo } = params;
    const wanted = makeMatcher(params.include, params.exclude);
    // Paged by hand: octokit.paginate drops the per-request retry option after building the first URL.
    const files: DiffEntry[] = [];
    for (let page = 1; ; page++) {
      const response = await octokit.rest.pulls.listFiles({
        owner,
        repo,
        pull_number: params.pull_number,
        per_page: 100,
        page,
        request: RETRY_TRANSIENT_404,
      });
      files.push(...response.data);
      if (!/\brel="next"/.test(response.headers.link ?? '')) break;
    }
    const baseSha = await params.baseSha;
    const truncated = files.length >= PR_FILES_CAP;
    const notices: Notice[] = [];
    if (truncated) {
      notices.push({
        file: '',
        line: 0,
        kind: 'limit',
        message: `GitHub lists at most ${PR_FILES_CAP} files of a pull request; files past that were not audited`,
      });
    }

    const patches = new Map<string, string>();
    const refs: BlobRef[] = [];
    const basePaths: string[] = [];
    const headPaths: string[] = [];
    // A pure move has the same bytes on both sides: read it once, use it twice.
    const sameContent = new Map<string, string>();
    for (const file of files) {
      const { basePath, headPath } = sides(file);
      const keepBase = basePath !== null && wanted(basePath);
      const keepHead = headPath !== null && wanted(headPath);
      if (keepHead) {
        headPaths.push(headPath);
        refs.push({ key: `head:${headPath}`, expression: `${params.headSha}:${headPath}` });
        if (file.patch !== undefined) patches.set(headPath, file.patch);
      }
      if (keepBase) {
        basePaths.push(basePath);
        const unchangedMove = keepHead && file.status === 'renamed' && file.changes === 0;
        if (unchangedMove) sameContent.set(`base:${basePath}`, `head:${headPath}`);
        else refs.push({ key: `base:${basePath}`, expression: `${baseSha}:${basePath}` });
      }
    }
    const blobs = await readBlobs(octokit, { owner, repo, refs });
    const collect = (side: 'base' | 'head', paths: string[], sha: string): SourceFile[] =>
      paths.flatMap((path) => {
        const key = `${side}:${path}`;
        const content = blobs.get(sameContent.get(key) ?? key);
        if (content !== undefined) return [{ path, content }];
        notices.push({
          file: path,
          line: 0,
          kind: 'other',
          message: `could not read ${path} at ${sha.slice(0, 7)}`,
        });
        return [];
      });
    const base = collect('base', basePaths, baseSha);
    const head = collect('head', headPaths, params.headSha);

    const unchanged = params.withContext
      ? await readContext(octokit, params, wanted, new Set(headPaths), notices)
      : [];
    return { base, head, unchanged, patches, truncated, requests: counter.count, notices };
  } finally {
    counter.stop();
  }
}

/** Every other manifest at head: one recursive tree call, then blobs by oid in batches. */
async function readContext(
  octokit: GitHubClient,
  params: ReadPullRequestParams,
  wanted: (path: string) => boolean,
  alreadyRead: ReadonlySet<string>,
  notices: Notice[],
): Promise<SourceFile[]> {
  const { owner, repo } = params;
  const { data: tree } = await octokit.rest.git.getTree({
    owner,
    repo,
    tree_sha: params.headSha,
    recursive: 'true',
    request: RETRY_TRANSIENT_404,
  });
  if (tree.truncated) {
    notices.push({
      file: '',
      line: 0,
      kind: 'limit',
      message: 'the repository tree is too large for one API answer; repository-wide checks saw part of it',
    });
  }
  const entries = tree.tree.filter(
    (entry): entry is typeof entry & { path: string; sha: string } =>
      entry.type === 'blob' &&
      !!entry.path &&
      !!entry.sha &&
      wanted(entry.path) &&
      !alreadyRead.has(entry.path),
  );
  const blobs = await readBlobs(octokit, {
    owner,
    repo,
    refs: entries.map((entry) => ({ key: entry.path, oid: entry.sha })),
  });
  return entries.flatMap((entry) => {
    const content = blobs.get(entry.path);
    return content === undefined ? [] : [{ path: entry.path, content }];
  });
}
