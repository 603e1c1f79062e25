/**
 * `/audit history NAMESPACE/NAME` through the API: find the file(s) defining the object at `ref`, list
 * the commits that touched them (repos.listCommits with `path`), read every version in batches, and let
 * the core replay them. Requests: 1 tree + ceil(manifests/100) + 1 per file + ceil(versions/100).
 * Renames are not followed (the commits API does not): history starts where the file got its path.
 */

import { renderObjectHistory } from '../core/history/render-object-history.ts';
import type { HistoryCommit } from '../core/history/timeline.ts';
import { isRelevantKind } from '../core/manifests/kinds.ts';
import { loadFiles } from '../core/manifests/load.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { makeMatcher } from '../sources/globs.ts';
import type { GitHubClient } from './github-client.ts';
import { readBlobs } from './read-blobs.ts';

/** At most this many files are followed for one object (one is the normal case). */
const MAX_FILES = 3;

export interface ObjectHistoryParams {
  owner: string;
  repo: string;
  /** Where to look: the PR head, so the PR's own commits are part of the story. */
  ref: string;
  /** `namespace/name` or `name`. */
  object: string;
  config: Config;
  now: Date;
  /** Commits per file (default 20). */
  limit?: number;
}

export interface ObjectHistory {
  /** Files that define the object at `ref`; empty when it is not found. */
  files: string[];
  /** The rendered timeline (markdown), '' when the object was not found. */
  markdown: string;
}

export async function readObjectHistory(
  octokit: GitHubClient,
  p: ObjectHistoryParams,
): Promise<ObjectHistory> {
  const files = await filesDefining(octokit, p);
  if (files.length === 0) return { files, markdown: '' };
  const limit = p.limit ?? 20;

  const touched = new Map<string, { commit: HistoryCommit; paths: string[] }>();
  const oldestParent = new Map<string, string>(); // file → parent of the oldest listed commit
  for (const path of files) {
    const { data } = await octokit.rest.repos.listCommits({
      owner: p.owner,
      repo: p.repo,
      sha: p.ref,
      path,
      per_page: limit,
    });
    for (const c of data) {
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
        paths: [],
      };
      entry.paths.push(path);
      touched.set(c.sha, entry);
    }
    const parent = data.at(-1)?.parents[0]?.sha;
    if (parent && data.length === limit) oldestParent.set(path, parent);
  }

  const key = (sha: string, path: string) => `${sha}:${path}`;
  const refs = [
    ...[...touched.values()].flatMap(({ commit, paths }) => paths.map((path) => key(commit.sha, path))),
    ...[...oldestParent].map(([path, sha]) => key(sha, path)),
  ].map((k) => ({ key: k, expression: k }));
  const blobs = await readBlobs(octokit, { owner: p.owner, repo: p.repo, refs });

  const commits = [...touched.values()]
    .map(({ commit, paths }) => ({
      ...commit,
      changes: paths.map((path) => ({
        path,
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
    matches: makeMatcher(p.config.include, p.config.exclude),
    object: p.object,
    limit,
  });
  return { files, markdown };
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
