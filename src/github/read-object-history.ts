/**
 * `/audit history NAMESPACE/NAME` through the API: find the file(s) defining the object at `ref`, list
 * the commits that touched them (repos.listCommits with `path`), read every version in batches, and let
 * the core replay them. The commits API does not follow renames, so we do: when a file's listing ends
 * before `limit` (at the commit that created the path), repos.getCommit tells whether that commit renamed
 * it, and the listing goes on under the previous path from the commit's parent, sharing the `limit`, for
 * at most `MAX_RENAME_HOPS` hops. Requests: 1 tree + ceil(manifests/100) + ceil(versions/100), and per
 * file 1 listCommits, plus 1 getCommit when the listing ends before `limit` at a non-root commit, plus
 * 1 listCommits + 1 getCommit (same condition) per rename followed (a getCommit of over 300 files pages).
 */

import { renderObjectHistory } from '../core/history/render-object-history.ts';
import type { HistoryCommit } from '../core/history/timeline.ts';
import { isRelevantKind } from '../core/manifests/kinds.ts';
import { loadFiles } from '../core/manifests/load.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { inlineCode } from '../core/report/escape.ts';
import { makeMatcher } from '../sources/globs.ts';
import type { GitHubClient } from './github-client.ts';
import { readBlobs } from './read-blobs.ts';

/** At most this many files are followed for one object (one is the normal case). */
const MAX_FILES = 3;
/** Renames followed per file: real reorganisations move a file a few times; a crafted history costs no more. */
export const MAX_RENAME_HOPS = 5;
/** GitHub lists the files of a commit 300 a page, up to 3000. */
const MAX_COMMIT_FILE_PAGES = 10;

export interface ObjectHistoryParams {
  owner: string;
  repo: string;
  /** Where to look: the PR head, so the PR's own commits are part of the story. */
  ref: string;
  /** `namespace/name` or `name`. */
  object: string;
  config: Config;
  now: Date;
  /** Commits per file at `ref`, renames included: its earlier paths share it (default 20). */
  limit?: number;
}

/** A rename the history went through: `commit` moved the file from `from` to `to`. */
export interface FollowedRename {
  commit: string;
  from: string;
  to: string;
}

export interface ObjectHistory {
  /** Files that define the object at `ref`; empty when it is not found. */
  files: string[];
  /** Renames followed back from those files, newest first. */
  renames: FollowedRename[];
  /** The rendered timeline (markdown), '' when the object was not found. */
  markdown: string;
}

type ListedCommit = Awaited<ReturnType<GitHubClient['rest']['repos']['listCommits']>>['data'][number];

export async function readObjectHistory(
  octokit: GitHubClient,
  p: ObjectHistoryParams,
): Promise<ObjectHistory> {
  const files = await filesDefining(octokit, p);
  if (files.length === 0) return { files, renames: [], markdown: '' };
  const limit = p.limit ?? 20;
  const matches = makeMatcher(p.config.include, p.config.exclude);

  // Per commit, the paths it touched and, for a followed rename, the path it came from.
  const touched = new Map<string, { commit: HistoryCommit; paths: Map<string, string | null> }>();
  const oldestParent = new Map<string, string>(); // path → parent of its oldest listed commit, when cut by the limit
  const renames: FollowedRename[] = [];
  const record = (c: ListedCommit, path: string) => {
    const entry = touched.get(c.sha) ?? {
      commit: {
        sha: c.sha,
        date: c.commit.author?.date ?? c.commit.committer?.date ?? '',
        author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
        authorEmail: c.commit.author?.email ?? null,
        message: c.commit.message,
        parents: c.parents.map((parent) => parent.sha),
        changes: [],
      },
      paths: new Map<string, string | null>(),
    };
    if (!entry.paths.has(path)) entry.paths.set(path, null);
    touched.set(c.sha, entry);
  };

  for (const file of files) {
    let path = file;
    let from = p.ref;
    let budget = limit;
    const examined = new Set<string>();
    for (let hops = 0; ; hops++) {
      const perPage = Math.min(budget, 100);
      const { data } = await octokit.rest.repos.listCommits({
        owner: p.owner,
        repo: p.repo,
        sha: from,
        path,
        per_page: perPage,
      });
      for (const c of data) record(c, path);
      budget -= data.length;
      const oldest = data.at(-1);
      const parent = oldest?.parents[0]?.sha;
      if (!oldest || !parent) break; // nothing listed, or the path was born in a root commit
      if (data.length === perPage) {
        oldestParent.set(path, parent);
        break;
      }
      // The listing reached the commit that created `path`: was it a move?
      // Each hop lists from an older commit, so a commit seen twice means an answer we cannot trust.
      if (hops === MAX_RENAME_HOPS || examined.has(oldest.sha)) break;
      examined.add(oldest.sha);
      const previous = await renamedFrom(octokit, p, oldest.sha, path);
      if (!previous || !matches(previous)) break;
      touched.get(oldest.sha)?.paths.set(path, previous);
      renames.push({ commit: oldest.sha, from: previous, to: path });
      path = previous;
      from = parent;
    }
  }

  const key = (sha: string, path: string) => `${sha}:${path}`;
  const refs = [
    ...[...touched.values()].flatMap(({ commit, paths }) =>
      [...paths.keys()].map((path) => key(commit.sha, path)),
    ),
    ...[...oldestParent].map(([path, sha]) => key(sha, path)),
  ].map((k) => ({ key: k, expression: k }));
  const blobs = await readBlobs(octokit, { owner: p.owner, repo: p.repo, refs });

  const commits = [...touched.values()]
    .map(({ commit, paths }) => ({
      ...commit,
      // A move is one change (previous path → path), so the replay compares the object across it.
      changes: [...paths].map(([path, previousPath]) => ({
        path,
        ...(previousPath ? { previousPath } : {}),
        blob: blobs.has(key(commit.sha, path)) ? key(commit.sha, path) : null,
      })),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const initial = new Map(
    [...oldestParent].flatMap(([path, sha]) =>
      blobs.has(key(sha, path)) ? [[path, key(sha, path)] as const] : [],
    ),
  );
  const markdown = renderObjectHistory(commits, blobs, {
    config: p.config,
    now: p.now,
    initial,
    matches,
    object: p.object,
    limit,
  });
  return { files, renames, markdown: markdown + renameNote(renames) };
}

/** A line under the table: a move without change is no timeline entry, yet the reader should know the path changed. */
function renameNote(renames: readonly FollowedRename[]): string {
  if (renames.length === 0) return '';
  const moves = renames.map(
    (r) => `${inlineCode(r.from)} → ${inlineCode(r.to)} (${inlineCode(r.commit.slice(0, 7))})`,
  );
  return `\nRenames followed: ${moves.join(', ')}.\n`;
}

/**
 * The path `path` had before commit `sha`, when that commit renamed it (GitHub's rename detection);
 * null when the commit added it, or GitHub cannot say (commit gone, diff too large to compute).
 */
async function renamedFrom(
  octokit: GitHubClient,
  p: ObjectHistoryParams,
  sha: string,
  path: string,
): Promise<string | null> {
  for (let page = 1; page <= MAX_COMMIT_FILE_PAGES; page++) {
    let response: Awaited<ReturnType<GitHubClient['rest']['repos']['getCommit']>>;
    try {
      response = await octokit.rest.repos.getCommit({ owner: p.owner, repo: p.repo, ref: sha, page });
    } catch (error) {
      // The rename is a bonus: without it the history still starts where the file got its path.
      const status = (error as { status?: number } | null)?.status;
      if (status === 404 || status === 409 || status === 422) return null;
      throw error;
    }
    const file = response.data.files?.find((f) => f.filename === path);
    if (file) return file.status === 'renamed' ? (file.previous_filename ?? null) : null;
    if (!response.headers.link?.includes('rel="next"')) return null;
  }
  return null;
}

/** Files at `ref` with a document named `object` (one tree call, then the manifests in batches). */
async function filesDefining(octokit: GitHubClient, p: ObjectHistoryParams): Promise<string[]> {
  const wanted = makeMatcher(p.config.include, p.config.exclude);
  const { data: tree } = await octokit.rest.git.getTree({
    owner: p.owner,
    repo: p.repo,
    tree_sha: p.ref,
    recursive: 'true',
  });
  const entries = tree.tree.filter(
    (e): e is typeof e & { path: string; sha: string } =>
      e.type === 'blob' && !!e.path && !!e.sha && wanted(e.path),
  );
  // A cheap pre-filter: the object's name must appear in the file's text.
  const name = p.object.slice(p.object.indexOf('/') + 1);
  const blobs = await readBlobs(octokit, {
    owner: p.owner,
    repo: p.repo,
    refs: entries.map((e) => ({ key: e.path, oid: e.sha })),
  });
  const candidates = [...blobs]
    .filter(([, content]) =>
      (typeof content === 'string' ? content : new TextDecoder().decode(content)).includes(name),
    )
    .map(([path, content]) => ({ path, content }));
  const { documents } = loadFiles(candidates, { wantKind: isRelevantKind });
  const label = (d: { namespace: string | null; name: string }) =>
    d.namespace ? `${d.namespace}/${d.name}` : d.name;
  return [...new Set(documents.filter((d) => label(d) === p.object).map((d) => d.file))]
    .sort()
    .slice(0, MAX_FILES);
}
